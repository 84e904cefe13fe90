// Builds every published entry as ESM (.mjs) and CJS (.cjs) with bundled declarations
// (.d.mts / .d.cts). valibot and Node built-ins stay external: users' bundlers resolve valibot
// once, and only the Node-only testing entry imports node:http. ofetch is bundled, in its
// portable build (its `worker` export): its Node build imports node-fetch-native, node:http and
// node:zlib at load time (about 30 ms of cold start in Node) for a polyfill Node >= 20 never needs,
// so every runtime runs the same ofetch over its own fetch.
import { existsSync, rmSync } from 'node:fs';
import dts from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { ofetchCoreBuild } from './scripts/ofetch-core.mjs';

const ENTRIES = {
  index: 'src/entries/index.ts',
  webhooks: 'src/entries/webhooks.ts',
  workers: 'src/entries/workers.ts',
  deno: 'src/entries/deno.ts',
  next: 'src/entries/next.ts',
  browser: 'src/entries/browser.ts',
  testing: 'src/entries/testing.ts',
  'testing-node': 'src/entries/testing-node.ts',
};
// Entries land issue by issue; build the ones that exist.
const input = Object.fromEntries(Object.entries(ENTRIES).filter(([, file]) => existsSync(file)));

// Chunk names carry content hashes: start from an empty dist so stale chunks are never packed.
rmSync('dist', { recursive: true, force: true });

/**
 * `ofetch` as the module that defines `createFetch` and `FetchError`, without ofetch's entry
 * file: that file builds a default instance at import, reading `globalThis.fetch` and
 * `Headers`, which in Node loads undici (tens of ms of cold start) before any request is made.
 * The module is found through the entry's own import line, so it follows ofetch's build
 * (`scripts/ofetch-core.mjs`).
 *
 * That module imports `ufo` (`withBase`, `withQuery`) and `destr`, 4.6 KB minified (about
 * 1.7 KB of each entry's gzip), and reaches them only for options the transport never passes:
 * `baseURL`, `query`/`params` (the URL is built and signed once, WIRE 1) and a JSON
 * `responseType`/`parseResponse` (the body is read as a stream by the SDK's bounded reader).
 * `OFETCH_ONLY` in src/core/transport.ts strips those names from the caller's `fetchOptions`.
 * So the two imports resolve to functions that throw if ever reached; ofetch's code is bundled
 * as published. `scripts/ofetch-core.mjs` checks those guards against ofetch's source: if ofetch
 * ever calls them on another path, the build stops instead of shipping a throw on a live path.
 */
function ofetchCore() {
  const { file, stubs } = ofetchCoreBuild();
  return {
    name: 'ofetch-core',
    // The chunk is resolved here too: left to rollup it would stay an (absolute-path) external.
    resolveId: (id, importer) =>
      id === 'ofetch' ? '\0ofetch-core' : id === file ? file : importer === file && id in stubs ? `\0ofetch-without-${id}` : null,
    load: (id) =>
      id === '\0ofetch-core'
        ? `export { c as createFetch, F as FetchError } from ${JSON.stringify(file)};`
        : id.startsWith('\0ofetch-without-')
          ? stubs[id.slice('\0ofetch-without-'.length)]
          : null,
  };
}

// `server-only` is resolved by Next.js itself (see src/entries/next.ts).
const external = (id) => /^(node:|valibot$|server-only$)/.test(id);

const js = (format, ext) => ({
  input,
  external,
  plugins: [
    ofetchCore(),
    nodeResolve({ exportConditions: ['worker'], resolveOnly: ['ofetch'] }),
    esbuild({ target: 'es2022', minify: false, tsconfig: 'tsconfig.json' }),
  ],
  output: {
    dir: 'dist',
    format,
    entryFileNames: `[name].${ext}`,
    chunkFileNames: `shared/[name]-[hash].${ext}`,
    exports: 'named',
    // No bare `import 'valibot'` / `import './shared/…'` lines: with `sideEffects: false` they
    // only make users' bundlers warn ("Ignoring this import … no side effects").
    hoistTransitiveImports: false,
    sourcemap: false,
  },
});

const types = (ext) => ({
  input,
  // No ofetch type is part of the public API (its declarations import undici's types).
  external: (id) => external(id) || /^ofetch$/.test(id),
  plugins: [dts({ tsconfig: 'tsconfig.json' })],
  output: { dir: 'dist', format: 'es', entryFileNames: `[name].d.${ext}`, chunkFileNames: `shared/[name]-[hash].d.${ext}` },
});

// The `plugipay-emulator` command: one self-contained ESM file with a shebang, so the package's
// `bin` runs with plain `node` and no build step on the user's side.
const cli = {
  input: { cli: 'src/testing/node-cli-bin.ts' },
  external,
  plugins: [
    ofetchCore(),
    nodeResolve({ exportConditions: ['worker'], resolveOnly: ['ofetch'] }),
    esbuild({ target: 'es2022', minify: false, tsconfig: 'tsconfig.node.json' }),
  ],
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].mjs',
    banner: '#!/usr/bin/env node',
    inlineDynamicImports: true,
    sourcemap: false,
  },
};

export default [js('es', 'mjs'), js('cjs', 'cjs'), types('mts'), types('cts'), ...(existsSync(cli.input.cli) ? [cli] : [])];
