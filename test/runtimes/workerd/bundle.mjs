// How a Worker script is bundled for workerd in these proofs: the staged package resolved as
// wrangler would (workerd / worker conditions), ESM, no Node polyfills (no nodejs_compat).
import { build } from 'esbuild';

/**
 * The bundled text of a Worker: `input` is its entry file, or `{ source, resolveDir }` for a
 * script given as text (the cold-start bench). `minify` as wrangler's `--minify`.
 */
export async function bundleWorker(input, { minify = false } = {}) {
  const result = await build({
    ...(typeof input === 'string'
      ? { entryPoints: [input] }
      : { stdin: { contents: input.source, resolveDir: input.resolveDir, loader: 'js' } }),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    target: 'es2022',
    minify,
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}
