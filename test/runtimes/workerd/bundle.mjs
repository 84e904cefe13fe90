// How a Worker script is bundled for workerd in these proofs: the staged package resolved as
// wrangler would (workerd / worker conditions), ESM, no Node polyfills (no nodejs_compat).
import { build } from 'esbuild';

/** The bundled text of the Worker whose entry file is `entry`. */
export async function bundleWorker(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}
