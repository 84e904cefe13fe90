// Builds every published entry as ESM (.mjs) and CJS (.cjs) with declarations (.d.mts / .d.cts:
// one per entry and one per source module it needs, under types/; see `types()` below). Node
// built-ins stay external (only the Node-only testing entry and the CLI import them), and so does
// `server-only` (Next.js resolves it).
//
// valibot is BUNDLED (tree-shaken) into dist/, for cold start: its 206 KB dist/index.mjs costs
// Node ~11 ms to resolve, load and compile in every fresh process, ~1.14x an empty module on its
// own, over issue 10's whole 1.10x budget for importing the core. The price: a user whose own code
// also uses valibot gets a second copy of the ~30 valibot functions the SDK uses in their bundle
// (~10 KB minified, ~2 KB gzip). valibot stays in `dependencies` because jsr.json's source build
// imports it (no declaration mentions it: test/package/declarations.test.ts).
//
// ofetch is bundled, in its portable build (its `worker` export): its Node build imports
// node-fetch-native, node:http and node:zlib at load time (about 30 ms of cold start in Node) for
// a polyfill Node >= 20 never needs, so every runtime runs the same ofetch over its own fetch.
//
// Chunks are laid out by hand (`chunkLayout()` below), also for cold start: Node pays per module it
// resolves and loads, and rollup's default split put the core's import at 9 files.
import { existsSync, rmSync } from 'node:fs';
import dts from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { ofetchCoreBuild } from './scripts/ofetch-core.mjs';
import { isNodeOnly } from './scripts/node-only.mjs';

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
const external = (id) => /^(node:|server-only$)/.test(id);

/**
 * Which shared chunk a module goes in, by the first of these entries that reaches it:
 * - `webhooks`: everything `plugipay-edge/webhooks` reaches (verification, the error classes,
 *   hex/utf8 helpers). Its own small chunk, so a Node user of the webhooks entry loads only it
 *   (and the entry's two-line file), and one copy of each error class for every entry
 *   (`instanceof PlugipayError` holds across them);
 * - `request`: what the browser entry reaches beyond that (options, transport, ofetch, and the
 *   valibot functions the SDK uses: valibot is one module, so all of them land here);
 * - `core`: what the core (`plugipay-edge`) reaches beyond those (every resource, fromEnv,
 *   exactly-once handling);
 * - `emulator`: what the portable `plugipay-edge/testing` reaches beyond those.
 * So importing the core loads 4 files (entry, core, request, webhooks) instead of rollup's default 9,
 * and the browser entry 3. `request` and `core` stay two chunks although one chunk measured ~1-2 ms
 * less on the core's import: esbuild (and other bundlers) drop unused MODULES of a side-effect-free
 * package but keep every top-level statement of a used module they cannot prove pure, so with the
 * resources in the browser's chunk a bundled `plugipay-edge/browser` grew from 9.5 KB to 20.5 KB gzip.
 * Anything else (what only workers/deno/next or testing-node reach) is left to rollup: it stays
 * in its entry or in a chunk of its own. Two rules are checked, not assumed: `src/runtimes/next.ts`
 * and the next entry (`import 'server-only'`, listed in `sideEffects`) never go into a chunk that
 * other entries import, and the Node-only modules (scripts/node-only.mjs) never go into the portable
 * emulator chunk.
 */
const CHUNK_BY_ENTRY = [
  // Exactly-once handling and the webhook handlers' shared parts go with verification (not in
  // `core`), so that a Worker importing only `createWebhookHandler` and `d1Dedupe` from
  // `plugipay-edge/workers` bundles neither the resources nor ofetch (its budget: 4 KB).
  [
    'webhooks',
    'src/entries/webhooks.ts',
    [
      'src/runtimes/webhook-response.ts',
      'src/runtimes/d1-dedupe.ts',
      'src/runtimes/deno-kv-dedupe.ts',
      'src/webhooks/memory-dedupe.ts',
      'src/core/env-config.ts',
    ],
  ],
  ['request', 'src/entries/browser.ts'],
  ['core', 'src/entries/index.ts'],
  ['emulator', 'src/entries/testing.ts'],
];
const NEVER_SHARED = [/\/src\/runtimes\/next\.ts$/, /\/src\/entries\/next\.ts$/];

function chunkLayout() {
  let chunkOf; // module id -> chunk name, computed once per build from the whole module graph
  return (id, { getModuleInfo, getModuleIds }) => {
    if (!chunkOf) {
      chunkOf = new Map();
      const entryIds = new Map([...getModuleIds()].filter((m) => getModuleInfo(m)?.isEntry).map((m) => [relative(m), m]));
      const idOf = (file) => [...getModuleIds()].find((m) => relative(m) === file);
      for (const [chunk, entry, alsoFrom = []] of CHUNK_BY_ENTRY) {
        const start = entryIds.get(entry);
        if (!start) continue;
        const stack = [start, ...alsoFrom.map(idOf).filter(Boolean)];
        while (stack.length) {
          const m = stack.pop();
          if (chunkOf.has(m) || external(m)) continue;
          // An entry other than the one this chunk is named after stays its own file.
          if (getModuleInfo(m)?.isEntry && m !== start) continue;
          if (NEVER_SHARED.some((re) => re.test(m))) throw new Error(`${m} must stay in the next entry, not in the ${chunk} chunk`);
          if (chunk === 'emulator' && isNodeOnly(m)) throw new Error(`${m} is Node-only and must stay out of the portable emulator chunk`);
          chunkOf.set(m, chunk);
          const info = getModuleInfo(m);
          stack.push(...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? []));
        }
      }
    }
    return chunkOf.get(id);
  };
}
const relative = (id) => id.slice(process.cwd().length + 1).replaceAll('\\', '/');

/**
 * How every JavaScript build compiles: ofetch as its core module and valibot bundled (both
 * resolved from node_modules, nothing else is), then TypeScript with `tsconfig`.
 */
const jsPlugins = (tsconfig) => [
  ofetchCore(),
  nodeResolve({ exportConditions: ['worker'], resolveOnly: ['ofetch', 'valibot'] }),
  esbuild({ target: 'es2022', minify: false, tsconfig }),
];

const js = (format, ext) => ({
  input,
  external,
  plugins: jsPlugins('tsconfig.json'),
  output: {
    dir: 'dist',
    format,
    manualChunks: chunkLayout(),
    entryFileNames: `[name].${ext}`,
    chunkFileNames: `shared/[name]-[hash].${ext}`,
    exports: 'named',
    // No bare `import 'valibot'` / `import './shared/…'` lines: with `sideEffects: false` they
    // only make users' bundlers warn ("Ignoring this import … no side effects").
    hoistTransitiveImports: false,
    sourcemap: false,
  },
});

/**
 * The declarations: each entry's `.d.mts`/`.d.cts`, and one file per source module that a public
 * type lives in, under `types/` at the module's own path (`types/resources/registry.d.mts` declares
 * `PlugipayClient`), with every name as written (no one-letter aliases). Per module, and not in
 * chunks shared by whichever entries happen to reach them: those were named after their first
 * module (`PlugipayClient` was in `shared/test-clocks-*.d.mts`) and made the webhooks entry's types
 * load the resources' declarations. Not one bundle per entry either: `PlugipayClient` (a class with
 * private fields, so compared by declaration) would then be declared once per entry, and a client
 * from `plugipay-edge/workers` would not be assignable to the `PlugipayClient` of `plugipay-edge`.
 * The plugin keeps only the declarations something public refers to; `@internal` ones never are.
 */
const types = (ext) => ({
  input,
  // No ofetch type is part of the public API (its declarations import undici's types).
  external: (id) => external(id) || /^(ofetch|valibot)$/.test(id),
  plugins: [dts({ tsconfig: 'tsconfig.json' })],
  output: {
    dir: 'dist',
    format: 'es',
    manualChunks: (id) =>
      id.includes('/src/') && !id.includes('/src/entries/')
        ? relative(id)
            .replace(/^src\//, '')
            .replace(/\.d?\.?ts$/, '')
        : undefined,
    minifyInternalExports: false,
    hoistTransitiveImports: false,
    entryFileNames: `[name].d.${ext}`,
    chunkFileNames: `types/[name].d.${ext}`,
  },
});

// The `plugipay-emulator` command: one self-contained ESM file with a shebang, so the package's
// `bin` runs with plain `node` and no build step on the user's side.
const cli = {
  input: { cli: 'src/testing/node-cli-bin.ts' },
  external,
  plugins: jsPlugins('tsconfig.node.json'),
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
