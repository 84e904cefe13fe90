// How every size in this repository is measured: an entry bundled by esbuild with everything it
// imports (--bundle --minify, ESM), then gzip level 9. The size tests, the README's numbers and
// `npm run bench` all call this, so they cannot measure in different ways.
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The minified bundle of `file` (e.g. `dist/index.mjs`): its text, minified bytes and gzip bytes.
 * With `only` (export names), the bundle of an app that imports just those names from it, as a
 * user's bundler tree-shakes the rest.
 */
export async function bundledSize(file, only) {
  const input = only
    ? {
        stdin: {
          contents: `export { ${only.join(', ')} } from ${JSON.stringify(resolve(file))};`,
          resolveDir: process.cwd(),
          loader: 'js',
        },
      }
    : { entryPoints: [file] };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { text: result.outputFiles[0].text, raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
