#!/usr/bin/env node
// Next.js runner: builds the playground app (with the packed package installed and the check
// routes added), starts it on 127.0.0.1 against the emulator, then checks what it serves.
import { join } from 'node:path';
import { PlugipayClient } from 'plugipay-edge';
import { signWebhookPayload } from 'plugipay-edge/testing';
import { buildNextApp, prepareNextApp, startNextApp } from '../../../scripts/next-app.mjs';
import { formatReport, WEBHOOK_SECRET } from '../shared/checks.mjs';
import { reportCrash, startFixtures } from '../support/fixtures.mjs';
import { ROOT } from '../support/packed.mjs';

const API_KEY = 'pk_dash_next_playground';

const customerIds = (html) => [...html.matchAll(/data-customer-id="([^"]+)"/g)].map((m) => m[1]);

async function getPage(url) {
  const response = await fetch(url);
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${html.slice(0, 300)}`);
  return customerIds(html);
}

function postWebhook(url, body, header) {
  return fetch(`${url}/api/webhooks/plugipay`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-plugipay-signature': header }, body });
}

try {
  prepareNextApp({
    [join(ROOT, 'test/runtimes/shared')]: 'test-support',
    [join(ROOT, 'test/runtimes/next/routes')]: 'app/runtime-checks',
  });
  if (!buildNextApp()) throw new Error('next build failed');
  const fixtures = await startFixtures({ apiKeys: [API_KEY] });
  const merchant = new PlugipayClient({ ...fixtures.credentials, baseUrl: fixtures.url });
  const app = await startNextApp({
    PLUGIPAY_KEY_ID: fixtures.credentials.keyId,
    PLUGIPAY_SECRET: fixtures.credentials.secret,
    PLUGIPAY_API_KEY: API_KEY,
    PLUGIPAY_BASE_URL: fixtures.url,
    PLUGIPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  const checks = [];
  const check = async (name, run) => {
    try {
      checks.push({ name, ok: true, detail: (await run()) ?? '' });
    } catch (error) {
      checks.push({ name, ok: false, detail: error.message });
    }
  };
  try {
    await check('next: a server component lists the customers from the emulator', async () => {
      const created = [
        await merchant.customers.create({ email: 'ada@example.com', name: 'Ada' }),
        await merchant.customers.create({ email: 'grace@example.com', name: 'Grace' }),
      ];
      const shown = await getPage(app.url);
      for (const c of created) if (!shown.includes(c.id)) throw new Error(`${c.id} missing from ${shown.join(', ')}`);
      return shown.join(', ');
    });

    await check('next: two renders see fresh data (GETs are not served from the data cache)', async () => {
      const before = await getPage(app.url);
      const added = await merchant.customers.create({ email: 'linus@example.com', name: 'Linus' });
      await new Promise((r) => setTimeout(r, 1100));
      const after = await getPage(app.url);
      if (!after.includes(added.id)) throw new Error(`the second render still shows ${after.join(', ')}`);
      return `${before.length} → ${after.length} customers`;
    });

    await check('next: opting in with fetchOptions { next: { revalidate } } serves the cached list', async () => {
      const first = await getPage(`${app.url}/cached`);
      const added = await merchant.customers.create({ email: 'cached@example.com', name: 'Cached' });
      await new Promise((r) => setTimeout(r, 1100));
      const second = await getPage(`${app.url}/cached`);
      if (second.includes(added.id)) throw new Error('the opted-in render fetched fresh data');
      if (second.join() !== first.join()) throw new Error(`cached list changed: ${first.join()} → ${second.join()}`);
      return `still ${second.length} customers after a new one was created`;
    });

    await check('next: with HMAC signing the opt-in cannot hit (fresh timestamp and signature in the cache key)', async () => {
      const list = async () => (await fetch(`${app.url}/runtime-checks/hmac-cache`)).json();
      await list();
      const added = await merchant.customers.create({ email: 'hmac@example.com', name: 'Hmac' });
      await new Promise((r) => setTimeout(r, 1100));
      const second = await list();
      if (!second.includes(added.id)) throw new Error('served from the data cache: update the README’s advice on fetchOptions');
      return 'a second later the list is fetched again, as the README says';
    });

    await check('next: the edge route handler verifies a signed webhook and rejects a tampered one', async () => {
      const body = JSON.stringify({ id: 'evt_next', type: 'plugipay.checkout_session.completed.v1', accountId: 'acc_1', occurredAt: new Date().toISOString(), data: { object: { id: 'cs_1' } } });
      const header = await signWebhookPayload(body, WEBHOOK_SECRET);
      const ok = await postWebhook(app.url, body, header);
      const okBody = await ok.json();
      if (ok.status !== 200 || okBody.received !== 'evt_next' || okBody.runtime !== 'edge') throw new Error(`signed: ${ok.status} ${JSON.stringify(okBody)}`);
      const bad = await postWebhook(app.url, body.replace('cs_1', 'cs_2'), header);
      const badBody = await bad.json();
      if (bad.status !== 401 || badBody.error?.code !== 'signature_invalid') throw new Error(`tampered: ${bad.status} ${JSON.stringify(badBody)}`);
      return `signed → 200 on ${okBody.runtime}; tampered → ${bad.status} ${badBody.error.code}`;
    });

    for (const runtime of ['edge', 'node']) {
      const response = await fetch(`${app.url}/runtime-checks/${runtime}`);
      const text = await response.text();
      let result;
      try {
        result = JSON.parse(text);
      } catch {
        checks.push({ name: `next ${runtime}: the shared checks route answered`, ok: false, detail: `${response.status} ${text.slice(0, 300)}` });
        continue;
      }
      for (const c of result.checks) checks.push({ ...c, name: `next ${runtime}: ${c.name.replace(/^next \w+: /, '')}` });
    }
  } finally {
    await app.stop();
    await fixtures.close();
  }
  const passed = checks.filter((c) => c.ok).length;
  const result = { passed, failed: checks.length - passed, checks };
  console.log(formatReport('next', result));
  if (result.failed) process.exitCode = 1;
} catch (error) {
  reportCrash('next', error);
}
