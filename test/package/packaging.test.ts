/**
 * The package as published: publint and arethetypeswrong are clean, the shipped declarations
 * compile in a consumer without @types/node, and no entry meant for non-Node runtimes reaches
 * a Node built-in, `Buffer` or `process` (in its own files or anything it imports).
 * Runs on the built tree (`npm test` builds and packs first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { CONSUMER, ROOT, packedConsumer } from '../runtimes/support/packed.mjs';

/** Every entry that must run outside Node; `testing-node` is the one Node-only entry. */
const NON_NODE_ENTRIES = ['index', 'webhooks', 'workers', 'deno', 'next', 'browser', 'testing'];
/** Node globals an entry may read: Next.js provides `process.env` on its edge runtime too. */
const ALLOWED_GLOBALS: Record<string, string[]> = { next: ['process'] };

describe('publint and arethetypeswrong', () => {
  it('publint (strict) reports nothing', async () => {
    const { messages } = await publint({ pkgDir: ROOT, strict: true });
    expect(messages).toEqual([]);
  });

  it('attw --pack reports no problem for any entry or resolution mode', () => {
    const out = spawnSync(join(ROOT, 'node_modules/.bin/attw'), ['--pack', '.', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const report = JSON.parse(out.stdout);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(
      ['.', './browser', './deno', './next', './package.json', './testing', './testing/node', './webhooks', './workers'].sort(),
    );
    expect(report.problems).toEqual({});
    expect(out.status).toBe(0);
  }, 60_000);
});

describe('the shipped .d.ts files', () => {
  const consumerCode = `
import { PlugipayClient, PlugipayError, PlugipayTimeoutError, isRetryable, type Customer, type WebhookEvent } from 'plugipay-edge';
import { verifyWebhook, verifyWebhookRequest, PlugipaySignatureError } from 'plugipay-edge/webhooks';
import { fromEnv, createWebhookHandler, webhookSecretFromEnv, type PlugipayEnv } from 'plugipay-edge/workers';
import { fromEnv as denoFromEnv } from 'plugipay-edge/deno';
import { fromEnv as nextFromEnv, createWebhookRoute } from 'plugipay-edge/next';
import { PublicCheckoutClient, type ChargeResult, type PublicCheckoutSession } from 'plugipay-edge/browser';
import { createEmulator, signWebhookPayload } from 'plugipay-edge/testing';

export async function use(env: PlugipayEnv, request: Request): Promise<string> {
  const client: PlugipayClient = fromEnv(env, { timeoutMs: 5000 });
  const customer: Customer = await client.customers.get('cus_1');
  const event: WebhookEvent = await verifyWebhook('{}', 't=1,v1=00', webhookSecretFromEnv(env));
  await verifyWebhookRequest(request, 'whsec_x');
  const handler: (request: Request, env: PlugipayEnv, ctx: unknown) => Promise<Response> = createWebhookHandler(async () => undefined);
  const checkout = new PublicCheckoutClient({ baseUrl: 'https://plugipay.com' });
  const session: PublicCheckoutSession = await checkout.getSession('cs_1');
  const charge: ChargeResult = await checkout.charge(session.session.id, { method: 'qris' });
  const emulator = createEmulator();
  const header: string = await signWebhookPayload('{}', 'whsec_x');
  denoFromEnv({ apiKey: 'k' });
  const route: { POST: (request: Request) => Promise<Response> } = createWebhookRoute(async (e) => void e.id);
  nextFromEnv({ apiKey: 'k' }).customers.list();
  void route;
  const error: unknown = new PlugipayTimeoutError({ code: 'timeout', message: 'm' });
  return [customer.id, event.type, charge.kind, emulator.accountId, header, String(handler), String(isRetryable(error)),
    String(error instanceof PlugipayError || error instanceof PlugipaySignatureError)].join();
}
`;

  function compile(name: string, compilerOptions: Record<string, unknown>, files: Record<string, string>) {
    packedConsumer();
    const dir = join(CONSUMER, 'types', name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        // No @types/node (nor any other ambient types): what a Workers, Deno or browser project has.
        types: [],
        strict: true,
        noEmit: true,
        // Check the package's declarations themselves, not only their use.
        skipLibCheck: false,
        ...compilerOptions,
      },
      files: Object.keys(files),
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const out = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    return out.stdout + out.stderr;
  }

  it('compile with types: [] under moduleResolution Bundler', () => {
    expect(compile('bundler', { module: 'ESNext', moduleResolution: 'Bundler' }, { 'use.ts': consumerCode })).toBe('');
  }, 180_000);

  it('compile with types: [] under NodeNext, as ESM (.d.mts) and as CJS (.d.cts)', () => {
    const cjs = consumerCode.replace(/^import (.*) from '(.*)';$/gm, 'import $1 from "$2";');
    expect(compile('nodenext', { module: 'NodeNext', moduleResolution: 'NodeNext' }, { 'use.mts': consumerCode, 'use.cts': cjs })).toBe('');
  }, 180_000);
});

describe('no Node built-ins outside the Node-only entry', () => {
  for (const entry of NON_NODE_ENTRIES) {
    for (const ext of ['mjs', 'cjs']) {
      const allowed = ALLOWED_GLOBALS[entry] ?? [];
      it(`dist/${entry}.${ext}, with everything it imports, uses no node: module, Buffer or process${allowed.length ? ` (but ${allowed.join(', ')})` : ''}`, async () => {
        const nodeImports: string[] = [];
        const result = await build({
          entryPoints: [join(ROOT, `dist/${entry}.${ext}`)],
          bundle: true,
          write: false,
          format: 'esm',
          platform: 'neutral',
          mainFields: ['module', 'main'],
          logLevel: 'silent',
          metafile: true,
          // Free references to Node's globals become markers; property reads such as
          // `globalThis.process?.versions` (feature detection) are left alone.
          define: Object.fromEntries(
            ['process', 'Buffer', 'global'].filter((name) => !allowed.includes(name)).map((name) => [name, `__NODE_GLOBAL_${name}__`]),
          ),
          plugins: [
            {
              name: 'record-node-builtins',
              setup(b) {
                // `server-only` (the Next.js entry's guard) is resolved by Next itself.
                b.onResolve({ filter: /^server-only$/ }, (args) => ({ path: args.path, external: true }));
                b.onResolve({ filter: /^node:|^(fs|http|https|net|crypto|buffer|stream|path|url|os|zlib|child_process)$/ }, (args) => {
                  nodeImports.push(`${args.path} (from ${args.importer.replace(ROOT, '')})`);
                  return { path: args.path, external: true };
                });
              },
            },
          ],
        });
        // ofetch's portable build finds the global object by feature detection, `global` being
        // its last fallback after `globalThis` (which every supported runtime has): that guarded
        // read is the one allowed mention.
        const code = result.outputFiles[0]!.text.replace(
          /if \(typeof __NODE_GLOBAL_global__ !== "undefined"\) \{\s*return __NODE_GLOBAL_global__;\s*\}/g,
          '',
        );
        expect(nodeImports).toEqual([]);
        expect(code.match(/__NODE_GLOBAL_\w+__/g) ?? []).toEqual([]);
        // The bundle really did include the shared chunks and valibot, not just the entry file.
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs.some((f) => f.includes('dist/shared/'))).toBe(true);
      });
    }
  }

  it('the check does catch a Node built-in (the Node-only entry)', async () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "console.log(require('fs').readFileSync(process.argv[1],'utf8').includes('node:http'))", join(ROOT, 'dist/testing-node.mjs')],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('true');
  });
});
