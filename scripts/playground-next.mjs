#!/usr/bin/env node
// `npm run playground:next`: builds playground/next from a temporary copy with the packed package
// installed, starts it on 127.0.0.1 against the local emulator (no credentials), shows the
// customers page and posts a signed webhook to the edge route handler.
import { PlugipayClient } from 'plugipay-edge';
import { signWebhookPayload } from 'plugipay-edge/testing';
import { startEmulatorServer } from 'plugipay-edge/testing/node';
import { buildNextApp, prepareNextApp, startNextApp } from './next-app.mjs';

const WEBHOOK_SECRET = 'whsec_playground_next';

prepareNextApp();
if (!buildNextApp()) process.exit(1);
const emulator = await startEmulatorServer();
const merchant = new PlugipayClient({ ...emulator.emulator.credentials, baseUrl: emulator.url });
const app = await startNextApp({
  PLUGIPAY_KEY_ID: emulator.emulator.credentials.keyId,
  PLUGIPAY_SECRET: emulator.emulator.credentials.secret,
  PLUGIPAY_BASE_URL: emulator.url,
  PLUGIPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
});
try {
  console.log(`\nEmulator at ${emulator.url}; Next.js app at ${app.url}`);
  await merchant.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' });
  await merchant.customers.create({ email: 'grace@example.com', name: 'Grace Hopper' });
  const html = await (await fetch(app.url)).text();
  const items = [...html.matchAll(/<li data-customer-id="[^"]+">(.*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/<!-- -->/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );
  console.log(`✓ GET / (server component)              ${items.join(', ')}`);

  const body = JSON.stringify({
    id: 'evt_playground',
    type: 'plugipay.checkout_session.completed.v1',
    accountId: emulator.emulator.accountId,
    occurredAt: new Date().toISOString(),
    data: { object: { id: 'cs_playground' } },
  });
  const post = (payload) =>
    fetch(`${app.url}/api/webhooks/plugipay`, { method: 'POST', headers: { 'x-plugipay-signature': signature }, body: payload });
  const signature = await signWebhookPayload(body, WEBHOOK_SECRET);
  const signed = await post(body);
  console.log(`✓ POST /api/webhooks/plugipay (edge)    signed → ${signed.status} ${await signed.text()}`);
  const tampered = await post(body.replace('cs_playground', 'cs_other'));
  console.log(`✓ POST /api/webhooks/plugipay (edge)    tampered → ${tampered.status} ${await tampered.text()}`);
  console.log('Done.');
} finally {
  await app.stop();
  await emulator.close();
}
