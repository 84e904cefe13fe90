// Where each entry's bytes are: the entry's source bundled by esbuild (--bundle --minify, ESM,
// ofetch resolved the way rollup.config.mjs resolves it), with the metafile's bytesInOutput per
// input (minified, before gzip), grouped by package for dependencies. The gzip column is each
// module's marginal cost: the gzip size of the whole bundle minus the gzip size of the same bundle
// with that module's code left out is not measurable with esbuild, so it shows the module's
// minified share of the whole bundle's gzip instead (an estimate: repeated names compress better).
//
// Usage: node bench/size-breakdown.mjs [entry ...]   (entries: index browser webhooks …; default index browser)
import { gzipSync } from 'node:zlib';
import { relative } from 'node:path';
import { build } from 'esbuild';
import { ofetchCoreBuild } from '../scripts/ofetch-core.mjs';

const entries = process.argv.slice(2).length ? process.argv.slice(2) : ['index', 'browser'];

/** `ofetch` resolved to its createFetch module without ufo and destr, as the rollup build bundles it. */
const { file, stubs } = ofetchCoreBuild();
const ofetchCore = {
  name: 'ofetch-core',
  setup(b) {
    b.onResolve({ filter: /^ofetch$/ }, () => ({ path: 'ofetch', namespace: 'ofetch-core' }));
    b.onResolve({ filter: /^(ufo|destr)$/ }, ({ path, importer }) => (importer === file ? { path, namespace: 'ofetch-core' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'ofetch-core' }, ({ path }) => ({
      contents: stubs[path] ?? `export { c as createFetch, F as FetchError } from ${JSON.stringify(file)};`,
      resolveDir: '.',
    }));
  },
};

for (const entry of entries) {
  const result = await build({
    entryPoints: [`src/entries/${entry}.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins: [ofetchCore],
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  const [output] = Object.values(result.metafile.outputs);
  const rows = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const name = pkg ? `${pkg} (package)` : relative('.', file);
    rows.set(name, (rows.get(name) ?? 0) + bytesInOutput);
  }
  const total = [...rows.values()].reduce((a, b) => a + b, 0);
  console.log(`\n### ${entry}: ${code.length} B minified, ${gzip} B gzip\n`);
  console.log('| module | minified | share | ≈ gzip |');
  console.log('|---|--:|--:|--:|');
  for (const [name, bytes] of [...rows].sort((a, b) => b[1] - a[1])) {
    if (bytes === 0) continue;
    console.log(`| ${name} | ${bytes} B | ${((100 * bytes) / total).toFixed(1)}% | ${Math.round((gzip * bytes) / total)} B |`);
  }
}
