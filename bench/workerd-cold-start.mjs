/**
 * Cold start in workerd (miniflare, no nodejs_compat): from `new Miniflare()` to the first
 * response, for a Worker that imports the built `plugipay-edge/workers`, builds a client with
 * `fromEnv(env)` and verifies a signed webhook, against an idle Worker that only answers. The
 * two are interleaved start by start; the table shows medians.
 *
 *   node bench/workerd-cold-start.mjs      (STARTS=9 by default; run `npx rollup -c` first)
 */
import { createHmac } from 'node:crypto';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const STARTS = Number(process.env.STARTS ?? 9);
const SECRET = 'whsec_bench_0123456789abcdef';

const idle = `export default { fetch() { return new Response('ok'); } };`;
const sdk = `
import { fromEnv, verifyWebhook } from './dist/workers.mjs';
export default {
  async fetch(request, env) {
    const client = fromEnv(env);
    const event = await verifyWebhook(await request.text(), request.headers.get('x-plugipay-signature'), env.PLUGIPAY_WEBHOOK_SECRET);
    return new Response(client.baseUrl && event.type ? 'ok' : 'no');
  },
};`;

async function bundle(source) {
  const out = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

// The split of the SDK row: evaluating the whole bundle alone, and the webhook verification alone
// (its first Web Crypto use in the isolate) from the 2.6 KB webhooks entry.
const importOnly = `import * as sdk from './dist/workers.mjs';
export default { fetch() { return new Response(Object.keys(sdk).length ? 'ok' : 'no'); } };`;
const verifyOnly = `
import { verifyWebhook } from './dist/webhooks.mjs';
export default {
  async fetch(request, env) {
    const event = await verifyWebhook(await request.text(), request.headers.get('x-plugipay-signature'), env.PLUGIPAY_WEBHOOK_SECRET);
    return new Response(event.type ? 'ok' : 'no');
  },
};`;

const scripts = {
  idle: await bundle(idle),
  sdk: await bundle(sdk),
  importOnly: await bundle(importOnly),
  verifyOnly: await bundle(verifyOnly),
};
const body = JSON.stringify({
  id: 'evt_1',
  type: 'plugipay.invoice.paid.v1',
  accountId: 'acc_1',
  occurredAt: new Date().toISOString(),
  data: { object: { id: 'in_1' } },
});

async function coldStart(script) {
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
  const started = performance.now();
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: [],
    bindings: { PLUGIPAY_KEY_ID: 'pk_bench', PLUGIPAY_SECRET: 'sk_bench', PLUGIPAY_WEBHOOK_SECRET: SECRET },
  });
  try {
    const response = await mf.dispatchFetch('http://worker.local/', {
      method: 'POST',
      body,
      headers: { 'x-plugipay-signature': signature },
    });
    const text = await response.text();
    if (text !== 'ok') throw new Error(`worker answered ${response.status}: ${text.slice(0, 300)}`);
    return performance.now() - started;
  } finally {
    await mf.dispose();
  }
}

const times = { idle: [], sdk: [], importOnly: [], verifyOnly: [] };
await coldStart(scripts.idle); // warm miniflare's own modules
for (let i = 0; i < STARTS; i++) for (const name of Object.keys(times)) times[name].push(await coldStart(scripts[name]));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| Worker | start → first response, ms (median) | ratio |');
console.log('|---|--:|--:|');
console.log(`| idle (answers "ok") | ${median(times.idle).toFixed(0)} | 1.00x |`);
console.log(
  `| builds a client with fromEnv and verifies a webhook (bundle ${(scripts.sdk.length / 1024).toFixed(1)} KB minified) | ${median(times.sdk).toFixed(0)} | ${(median(times.sdk) / median(times.idle)).toFixed(2)}x |`,
);
console.log(
  `| only imports plugipay-edge/workers (bundle ${(scripts.importOnly.length / 1024).toFixed(1)} KB) | ${median(times.importOnly).toFixed(0)} | ${(median(times.importOnly) / median(times.idle)).toFixed(2)}x |`,
);
console.log(
  `| only verifies a webhook, from plugipay-edge/webhooks (bundle ${(scripts.verifyOnly.length / 1024).toFixed(1)} KB) | ${median(times.verifyOnly).toFixed(0)} | ${(median(times.verifyOnly) / median(times.idle)).toFixed(2)}x |`,
);
