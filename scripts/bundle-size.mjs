// How every size in this repository is measured: an entry bundled by esbuild with everything it
// imports (--bundle --minify, ESM), then gzip level 9. The size tests, the README's numbers and
// `npm run bench` all call this, so they cannot measure in different ways.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The minified bundle of `file` (e.g. `dist/index.mjs`): its text, minified bytes and gzip bytes. */
export async function bundledSize(file) {
  const result = await build({
    entryPoints: [file],
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
