#!/usr/bin/env node
// Runs playground/worker/worker.mjs in workerd through miniflare (no nodejs_compat), bundled
// from the built package, against the local emulator: no credentials, no network.
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { fileURLToPath } from 'node:url';
import { startEmulatorServer } from 'plugipay-edge/testing/node';

const WEBHOOK_SECRET = 'whsec_playground_worker';
let worker;

const emulator = await startEmulatorServer({
  seed: { webhookEndpoints: [{ url: 'https://worker.example/webhooks/plugipay', events: ['*'], secret: WEBHOOK_SECRET }] },
  // Webhooks go straight into the Worker (a real server could not reach 127.0.0.1).
  webhookFetch: (input, init) => worker.dispatchFetch(input, init),
});
try {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./worker.mjs', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    write: false,
    logLevel: 'warning',
  });
  worker = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: '2026-04-01',
    bindings: {
      PLUGIPAY_KEY_ID: emulator.emulator.credentials.keyId,
      PLUGIPAY_SECRET: emulator.emulator.credentials.secret,
      PLUGIPAY_BASE_URL: emulator.url,
      PLUGIPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  console.log(`Local Plugipay emulator at ${emulator.url}; Worker running in workerd (miniflare), no nodejs_compat`);

  const response = await worker.dispatchFetch('http://worker.local/checkout', { method: 'POST' });
  const checkout = await response.json();
  if (!response.ok) throw new Error(`POST /checkout → ${response.status} ${JSON.stringify(checkout)}`);
  console.log(
    `✓ POST /checkout (in the Worker)          customer ${checkout.customerId}, session ${checkout.sessionId} → ${checkout.hostedUrl}  (request ${checkout.requestId})`,
  );

  const redirect = await worker.dispatchFetch('http://worker.local/checkout', { redirect: 'manual' });
  const location = redirect.headers.get('location') ?? '';
  if (redirect.status !== 303 || !location.startsWith(`${emulator.url}/c/`))
    throw new Error(`GET /checkout → ${redirect.status} ${location}`);
  const hosted = await fetch(location);
  if (!hosted.ok || !(await hosted.text()).includes('Simulate payment')) throw new Error(`hosted page ${location} → ${hosted.status}`);
  console.log(`✓ GET /checkout (in the Worker)           303 → ${location} (the emulator's hosted checkout page, HTTP ${hosted.status})`);

  emulator.emulator.completeCheckout(checkout.sessionId, { method: 'qris' });
  console.log('✓ buyer paid with QRIS                    (emulated payment)');
  await emulator.emulator.flushWebhooks();
  for (const delivery of emulator.emulator.deliveries()) {
    const mark = delivery.responseCode === 200 ? '✓' : '✗';
    console.log(`${mark} webhook delivered to the Worker          ${delivery.type} ${delivery.eventId} → HTTP ${delivery.responseCode}`);
    if (delivery.responseCode !== 200) process.exitCode = 1;
  }
  const forged = await worker.dispatchFetch('http://worker.local/webhooks/plugipay', {
    method: 'POST',
    headers: { 'x-plugipay-signature': 't=1,v1=' + '0'.repeat(64) },
    body: '{}',
  });
  console.log(`✓ forged webhook rejected by the Worker    HTTP ${forged.status} ${(await forged.json()).error.code}`);
  console.log('Done.');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await worker?.dispose();
  await emulator.close();
}
