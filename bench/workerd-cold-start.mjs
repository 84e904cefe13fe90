/**
 * Cold start in workerd (miniflare, no nodejs_compat): from `new Miniflare()` to the first
 * response, for a Worker that imports the built `plugipay-edge/workers`, builds a client with
 * `fromEnv(env)` and verifies a signed webhook, against an idle Worker that only answers. Every
 * Worker and both ways of handing it to miniflare are interleaved start by start; the table
 * shows medians and ratios to the idle Worker started the same way.
 *
 * Two ways of handing miniflare the script, because they measure different things:
 * - `modules: [{ type: 'ESModule', path, contents }]`, an explicit module list, is what wrangler
 *   passes (it bundles, then lists the modules): miniflare hands the code to workerd as is. This
 *   is the row the goal is read from: workerd's own start → first response.
 * - `modules: true, script` makes miniflare find the script's imports itself: its ModuleLocator
 *   parses the whole script with acorn (`locations: true`) in the HOST Node process before
 *   workerd starts (miniflare's `getWorkerScript` → `#visitJavaScriptModule`). That cost grows
 *   with the script's size and is miniflare's, not workerd's, so it inflates the SDK's ratio;
 *   kept as a second row so the two are never confused again.
 *
 *   node bench/workerd-cold-start.mjs      (STARTS=25 by default; run `npx rollup -c` first)
 */
import { createHmac } from 'node:crypto';
import { Miniflare } from 'miniflare';
import { bundleWorker } from '../test/runtimes/workerd/bundle.mjs';

const STARTS = Number(process.env.STARTS ?? 25);
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

// Bundled as the workerd proofs bundle a Worker (test/runtimes/workerd/bundle.mjs), minified.
const bundle = (source) => bundleWorker({ source, resolveDir: process.cwd() }, { minify: true });

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

/** How the script reaches miniflare (see the header). */
const HANDOFFS = {
  explicit: (script) => ({ modules: [{ type: 'ESModule', path: 'worker.mjs', contents: script }] }),
  located: (script) => ({ modules: true, script }),
};

async function coldStart(script, handoff) {
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
  const started = performance.now();
  const mf = new Miniflare({
    ...HANDOFFS[handoff](script),
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

const WORKERS = {
  idle: 'idle (answers "ok")',
  sdk: `builds a client with fromEnv and verifies a webhook (bundle ${(scripts.sdk.length / 1024).toFixed(1)} KB minified)`,
  importOnly: `only imports plugipay-edge/workers (bundle ${(scripts.importOnly.length / 1024).toFixed(1)} KB)`,
  verifyOnly: `only verifies a webhook, from plugipay-edge/webhooks (bundle ${(scripts.verifyOnly.length / 1024).toFixed(1)} KB)`,
};
const times = Object.fromEntries(Object.keys(HANDOFFS).map((h) => [h, Object.fromEntries(Object.keys(WORKERS).map((w) => [w, []]))]));
for (const handoff of Object.keys(HANDOFFS)) await coldStart(scripts.idle, handoff); // warm miniflare's own modules
for (let i = 0; i < STARTS; i++)
  for (const handoff of Object.keys(HANDOFFS))
    for (const name of Object.keys(WORKERS)) times[handoff][name].push(await coldStart(scripts[name], handoff));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
// Median ratio, and the ratio of the quickest starts (the least disturbed by other load on a shared machine).
const cell = (handoff, name) => {
  const [xs, idleXs] = [times[handoff][name], times[handoff].idle];
  return `${median(xs).toFixed(0)} ms: ${(median(xs) / median(idleXs)).toFixed(2)}x (min ${(min(xs) / min(idleXs)).toFixed(2)}x)`;
};
const load = (await import('node:os')).loadavg().map((l) => l.toFixed(2));
console.log(`${STARTS} starts of each, interleaved; load average ${load.join(' / ')} (1/5/15 min).`);
console.log('Median start → first response, its ratio to the idle Worker handed over the same way, and the ratio of the minimums.\n');
console.log('| Worker | explicit module list (as wrangler; the goal) | `modules: true` (miniflare parses the script in Node) |');
console.log('|---|--:|--:|');
for (const [name, label] of Object.entries(WORKERS)) console.log(`| ${label} | ${cell('explicit', name)} | ${cell('located', name)} |`);
