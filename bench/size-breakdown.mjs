// Where each entry's bytes are. The entry's source is bundled by esbuild the way the size budget
// measures it (--bundle --minify, ESM, all dependencies; ofetch taken as rollup.config.mjs takes it),
// and each module (each dependency as one package) gets two numbers:
// - minified: the metafile's bytesInOutput (before gzip);
// - gzip cost: what gzip -9 of the whole bundle loses when that module's code is left out
//   (leave-one-out, from a build that keeps esbuild's per-module `// path` markers, scaled to the
//   real bundle's gzip size). Gzip shares strings across modules, so the costs do not add up to
//   the total exactly; they rank what a change would save.
//
// Usage: node bench/size-breakdown.mjs [entry ...]   (src/entries/<entry>.ts; default: index browser)
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

const moduleName = (path) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  return pkg === 'ofetch' || path.startsWith('ofetch-core:')
    ? 'ofetch (package, without ufo/destr)'
    : pkg
      ? `${pkg} (package)`
      : relative('.', path);
};

const gzip = (text) => gzipSync(text, { level: 9 }).length;

for (const entry of entries) {
  const options = {
    entryPoints: [`src/entries/${entry}.ts`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    write: false,
    logLevel: 'error',
    legalComments: 'none',
    plugins: [ofetchCore],
  };
  const real = await build({ ...options, minify: true, metafile: true });
  const code = real.outputFiles[0].text;
  const minified = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(Object.values(real.metafile.outputs)[0].inputs)) {
    minified.set(moduleName(path), (minified.get(moduleName(path)) ?? 0) + bytesInOutput);
  }

  // The same bundle with line breaks kept, so each module's code can be found by its marker.
  const marked = await build({ ...options, minifySyntax: true, minifyIdentifiers: true });
  const segments = [];
  let current = { name: '(bundle glue)', code: '' };
  for (const line of marked.outputFiles[0].text.split('\n')) {
    const marker = /^\/\/ ((?:src\/|node_modules\/|ofetch-core:).*)$/.exec(line);
    if (marker) segments.push((current = { name: moduleName(marker[1]), code: '' }));
    else current.code += line.trim();
  }
  segments.push(current);
  const whole = gzip(segments.map((s) => s.code).join(''));
  const scale = gzip(code) / whole;
  const cost = new Map();
  for (const name of new Set(segments.map((s) => s.name))) {
    const without = gzip(
      segments
        .filter((s) => s.name !== name)
        .map((s) => s.code)
        .join(''),
    );
    cost.set(name, Math.round((whole - without) * scale));
  }

  console.log(`\n### ${entry}: ${code.length} B minified, ${gzip(code)} B gzip\n`);
  console.log('| module | minified | gzip cost (leave-one-out) |');
  console.log('|---|--:|--:|');
  for (const [name, bytes] of [...cost].sort((a, b) => b[1] - a[1])) {
    if (!minified.get(name)) continue;
    console.log(`| ${name} | ${minified.get(name)} B | ${bytes} B |`);
  }
}
