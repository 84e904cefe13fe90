#!/usr/bin/env node
// Next.js runner: builds the playground app (with the packed package installed and the check
// routes added), starts it on 127.0.0.1 against the emulator, then checks what it serves. It
// also builds a fixture app whose client component imports `plugipay-edge/next`, and checks
// that `next build` refuses it for that reason. And it builds the README's Next.js blocks in an
// app on create-next-app's defaults (see readme-app.mjs), serves it and calls what they define;
// that app also shows that a client component importing the core entry is not refused.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlugipayClient } from 'plugipay-edge';
import { signWebhookPayload } from 'plugipay-edge/testing';
import { buildNextApp, buildNextFixture, prepareNextApp, startNextApp } from '../../../scripts/next-app.mjs';
import { buildReadmeApp, README_APP } from './readme-app.mjs';
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

function postWebhook(url, body, header, path = '/api/webhooks/plugipay') {
  const headers = { 'content-type': 'application/json', ...(header ? { 'x-plugipay-signature': header } : {}) };
  return fetch(`${url}${path}`, { method: 'POST', headers, body });
}

const event = (type, id) =>
  JSON.stringify({ id, type, accountId: 'acc_1', occurredAt: new Date().toISOString(), data: { object: { id: 'cs_1' } } });

/** What the route answered, its status and JSON body (or null for an empty one). */
async function answer(response) {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The guard: a client component that imports the server entry must fail `next build`, saying why. */
function clientImportGuard() {
  const { status, output } = buildNextFixture(join(ROOT, 'test/runtimes/next/client-import'), 'next-client-import');
  const reason = "'server-only' cannot be imported from a Client Component module";
  if (status === 0) throw new Error('next build succeeded: a client component imported plugipay-edge/next and nothing stopped it');
  if (!output.includes(reason)) throw new Error(`next build failed, but not for the guard's reason:\n${output.slice(-2000)}`);
  if (!/plugipay-edge[\\/]dist[\\/]next\.mjs/.test(output) || !output.includes('pay-button.jsx')) {
    throw new Error(`the build error does not trace the import from the client component to the entry:\n${output.slice(-2000)}`);
  }
  const fix = output.match(/It should only be used from a Server Component\.?/)?.[0];
  if (!fix) throw new Error(`the build error does not say how to fix it:\n${output.slice(-2000)}`);
  // Next's other bundler refuses it for the same reason.
  const webpack = buildNextFixture(join(ROOT, 'test/runtimes/next/client-import'), 'next-client-import-webpack', { args: ['--webpack'] });
  if (webpack.status === 0 || !webpack.output.includes(reason))
    throw new Error(`next build --webpack did not refuse the client import:\n${webpack.output.slice(-2000)}`);
  // The control: with `"sideEffects": false` the bundler skips the entry file for a re-exported
  // name, its `import 'server-only'` goes with it, and the same app builds without a word.
  const control = buildNextFixture(join(ROOT, 'test/runtimes/next/client-import'), 'next-client-import-control', {
    patchPackage: (manifest) => ({ ...manifest, sideEffects: false }),
  });
  if (control.status !== 0 || control.output.includes(reason)) {
    throw new Error(
      `control build with sideEffects: false was expected to pass silently (it shows why the entry is listed in sideEffects):\n${control.output.slice(-2000)}`,
    );
  }
  return `next build exited ${status}: "${reason}" (from plugipay-edge/dist/next.mjs, imported by app/pay-button.jsx); "${fix}". Same with --webpack. Control: with sideEffects: false the same app builds (the guard would be dropped)`;
}

/**
 * What the README says of the core entry: a client component importing `plugipay-edge` (not
 * `/next`) builds, and the SDK is in the browser chunk. The README app holds that component
 * (app/client-core), so this reads what its build wrote.
 */
function coreImportUnguarded() {
  if (!readme.placed.length) throw new Error('the README app did not build (see the check above)');
  const chunks = join(README_APP, '.next/static/chunks');
  const shipped = readdirSync(chunks, { recursive: true }).filter(
    (name) => name.endsWith('.js') && readFileSync(join(chunks, name), 'utf8').includes('browser_secret'),
  );
  if (shipped.length === 0) throw new Error('no browser chunk holds the SDK: the README says it ships there');
  return `app/client-core built; the SDK (its browser_secret guard) is in ${shipped.length} browser chunk(s)`;
}

/**
 * Calls what a README block defines in the served README app: a page lists a customer created
 * just before (it renders per request), a webhook route verifies a signed delivery and refuses
 * a tampered one, and one with `{ dedupe }` answers a redelivery as a duplicate.
 */
async function checkReadmeBlock(block, { check, merchant, url }) {
  const where = `${block.source}, served at ${block.path}`;
  if (block.file.endsWith('/page.tsx')) {
    return check(`next readme: ${where}, renders the customers from the emulator per request`, async () => {
      const created = await merchant.customers.create({ email: `${block.path.replace(/\W+/g, '')}@example.com` });
      const response = await fetch(`${url}${block.path}`);
      const html = await response.text();
      if (response.status !== 200) throw new Error(`GET ${block.path}: ${response.status} ${html.slice(0, 300)}`);
      if (!html.includes(created.email)) throw new Error(`${created.email} is not on the page: ${html.slice(-1500)}`);
      return `200, lists ${created.email}`;
    });
  }
  if (block.file.endsWith('/route.ts')) {
    const once = /\bdedupe\b/.test(block.code);
    return check(
      `next readme: ${where}, answers a signed webhook, refuses a tampered one${once ? ' and answers a redelivery as a duplicate' : ''}`,
      async () => {
        const body = event('plugipay.checkout_session.completed.v1', `evt_${block.path.replace(/\W+/g, '_')}`);
        const header = await signWebhookPayload(body, WEBHOOK_SECRET);
        const signed = await answer(await postWebhook(url, body, header, block.path));
        const tampered = await answer(await postWebhook(url, body.replace('cs_1', 'cs_2'), header, block.path));
        const results = { signed, tampered };
        if (signed.status < 200 || signed.status > 299) throw new Error(`signed: ${JSON.stringify(results)}`);
        if (tampered.status !== 401 || tampered.body?.error?.code !== 'signature_invalid')
          throw new Error(`tampered: ${JSON.stringify(results)}`);
        if (once) {
          const again = await answer(await postWebhook(url, body, header, block.path));
          if (again.status !== 200 || again.body?.duplicate !== true) throw new Error(`redelivery: ${JSON.stringify(again)}`);
        }
        return `signed → ${signed.status}; tampered → 401 signature_invalid${once ? '; redelivery → 200 duplicate' : ''}`;
      },
    );
  }
  return check(`next readme: ${where}`, async () => {
    throw new Error(`no check calls a block of this kind (${block.file}): add one to checkReadmeBlock`);
  });
}

/** A check's outcome, without letting its failure stop the runner. */
function attempt(run) {
  try {
    return { ok: true, detail: run() };
  } catch (error) {
    return { ok: false, detail: error.message };
  }
}

/** Builds the README's Next.js blocks in one app on create-next-app's defaults; the placed blocks when it built. */
function readmeBuild() {
  const { status, output, placed } = buildReadmeApp();
  if (status !== 0) throw new Error(`next build failed:\n${output.slice(-3000)}`);
  if (!output.includes('Cache Components enabled'))
    throw new Error(`the build did not run with cacheComponents:\n${output.slice(0, 1000)}`);
  if (!/Finished TypeScript/.test(output)) throw new Error(`the build skipped the type check:\n${output.slice(-2000)}`);
  readme.placed = placed;
  return placed.map((b) => `${b.source} as ${b.file}`).join('; ');
}
const readme = { placed: [] };

try {
  prepareNextApp({
    [join(ROOT, 'test/runtimes/shared')]: 'test-support',
    [join(ROOT, 'test/runtimes/next/routes')]: 'app/runtime-checks',
  });
  if (!buildNextApp()) throw new Error('next build failed');
  const guard = attempt(clientImportGuard);
  const readmeBuilt = attempt(readmeBuild);
  const unguarded = attempt(coreImportUnguarded);
  const fixtures = await startFixtures({ apiKeys: [API_KEY] });
  const merchant = new PlugipayClient({ ...fixtures.credentials, baseUrl: fixtures.url });
  const appEnv = {
    PLUGIPAY_KEY_ID: fixtures.credentials.keyId,
    PLUGIPAY_SECRET: fixtures.credentials.secret,
    PLUGIPAY_API_KEY: API_KEY,
    PLUGIPAY_BASE_URL: fixtures.url,
    PLUGIPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  const app = await startNextApp(appEnv);
  const readmeApp = readme.placed.length ? await startNextApp(appEnv, README_APP) : null;
  const checks = [
    { name: 'next: importing plugipay-edge/next from a client component fails next build, naming the fix', ...guard },
    {
      name: "next readme: the README's Next.js blocks and plugipay-edge/next's @examples build in one app on create-next-app 16.4's defaults (cacheComponents, TypeScript, route type check)",
      ...readmeBuilt,
    },
    { name: 'next: importing the core entry (plugipay-edge) from a client component is not refused, as the README says', ...unguarded },
  ];
  const check = async (name, run) => {
    try {
      checks.push({ name, ok: true, detail: (await run()) ?? '' });
    } catch (error) {
      checks.push({ name, ok: false, detail: error.message });
    }
  };
  try {
    // The README app first, while the emulator holds few customers (its page lists 20).
    for (const block of readmeApp ? readme.placed : []) await checkReadmeBlock(block, { check, merchant, url: readmeApp.url });
    await readmeApp?.stop();

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
      const body = JSON.stringify({
        id: 'evt_next',
        type: 'plugipay.checkout_session.completed.v1',
        accountId: 'acc_1',
        occurredAt: new Date().toISOString(),
        data: { object: { id: 'cs_1' } },
      });
      const header = await signWebhookPayload(body, WEBHOOK_SECRET);
      const ok = await postWebhook(app.url, body, header);
      const okBody = await ok.json();
      if (ok.status !== 200 || okBody.received !== 'evt_next' || okBody.runtime !== 'edge')
        throw new Error(`signed: ${ok.status} ${JSON.stringify(okBody)}`);
      const bad = await postWebhook(app.url, body.replace('cs_1', 'cs_2'), header);
      const badBody = await bad.json();
      if (bad.status !== 401 || badBody.error?.code !== 'signature_invalid')
        throw new Error(`tampered: ${bad.status} ${JSON.stringify(badBody)}`);
      return `signed → 200 on ${okBody.runtime}; tampered → ${bad.status} ${badBody.error.code}`;
    });

    await check(
      'next: createWebhookRoute with { dedupe } runs the handler once for 10 concurrent deliveries of one event, then answers a redelivery as a duplicate',
      async () => {
        const path = '/runtime-checks/webhook-once';
        const body = event('plugipay.checkout_session.completed.v1', 'evt_next_once');
        const header = await signWebhookPayload(body, WEBHOOK_SECRET);
        const concurrent = await Promise.all(
          Array.from({ length: 10 }, async () => answer(await postWebhook(app.url, body, header, path))),
        );
        const statuses = concurrent.map((r) => r.status).sort();
        const processed = concurrent.filter((r) => r.status === 200 && r.body?.processed === 'evt_next_once').length;
        const busy = concurrent.filter((r) => r.status === 409 && r.body?.error?.code === 'event_in_progress').length;
        // A delivery that arrives while the first runs is 409; on a loaded machine one may arrive
        // after it finished, and is then a duplicate. Either way the handler ran once.
        const late = concurrent.filter((r) => r.status === 200 && r.body?.duplicate === true).length;
        if (processed !== 1 || busy < 1 || busy + late !== 9)
          throw new Error(
            `expected one 200, the rest 409 event_in_progress (at least one) or 200 duplicate: ${JSON.stringify(concurrent)}`,
          );
        const again = await answer(await postWebhook(app.url, body, header, path));
        if (again.status !== 200 || again.body?.duplicate !== true || again.body?.id !== 'evt_next_once')
          throw new Error(`redelivery: ${JSON.stringify(again)}`);
        const runs = await (await fetch(`${app.url}${path}`)).json();
        if (runs.evt_next_once !== 1) throw new Error(`the handler ran ${runs.evt_next_once} times`);
        return `statuses ${statuses.join(',')}; redelivery → 200 duplicate; handler ran once`;
      },
    );

    for (const runtime of ['edge', 'node']) {
      const path = `/runtime-checks/webhook-${runtime}`;
      await check(
        `next ${runtime}: createWebhookRoute answers signed, tampered and unsigned webhooks with the Workers handler's codes`,
        async () => {
          const paid = event('plugipay.checkout_session.completed.v1', `evt_route_${runtime}`);
          const header = await signWebhookPayload(paid, WEBHOOK_SECRET);
          // One body, signed and sent: `event()` stamps the time, so two calls can differ by a millisecond.
          const quiet = event('plugipay.invoice.paid.v1', 'evt_quiet');
          const results = {
            signed: await answer(await postWebhook(app.url, paid, header, path)),
            silent: await answer(await postWebhook(app.url, quiet, await signWebhookPayload(quiet, WEBHOOK_SECRET), path)),
            tampered: await answer(await postWebhook(app.url, paid.replace('cs_1', 'cs_2'), header, path)),
            unsigned: await answer(await postWebhook(app.url, paid, null, path)),
            notEvent: await answer(
              await postWebhook(app.url, '{"hello":"world"}', await signWebhookPayload('{"hello":"world"}', WEBHOOK_SECRET), path),
            ),
            get: (await fetch(`${app.url}${path}`)).status,
          };
          const expect = (what, ok) => {
            if (!ok) throw new Error(`${what}: ${JSON.stringify(results)}`);
          };
          expect(
            'signed → 200 from the handler',
            results.signed.status === 200 &&
              results.signed.body.received === `evt_route_${runtime}` &&
              results.signed.body.runtime === runtime,
          );
          expect('a handler that returns nothing → 204', results.silent.status === 204 && results.silent.body === null);
          expect(
            'tampered → 401 signature_invalid',
            results.tampered.status === 401 && results.tampered.body.error.code === 'signature_invalid',
          );
          expect(
            'no header → 401 signature_missing',
            results.unsigned.status === 401 && results.unsigned.body.error.code === 'signature_missing',
          );
          expect(
            'signed non-event → 400 invalid_payload',
            results.notEvent.status === 400 && results.notEvent.body.error.code === 'invalid_payload',
          );
          expect('GET → 405 (only POST is exported)', results.get === 405);
          expect('no secret in any answer', !JSON.stringify(results).includes(WEBHOOK_SECRET));
          return `200 / 204 / 401 ${results.tampered.body.error.code} / 401 ${results.unsigned.body.error.code} / 400 ${results.notEvent.body.error.code} / GET 405`;
        },
      );

      await check(`next ${runtime}: fromEnv() from plugipay-edge/next reads process.env, PLUGIPAY_BASE_URL included`, async () => {
        const created = await merchant.customers.create({ email: `from-env-${runtime}@example.com` });
        const response = await fetch(`${app.url}/runtime-checks/from-env${runtime === 'edge' ? '-edge' : ''}`);
        const { status, body } = await answer(response);
        if (status !== 200) throw new Error(`${status} ${JSON.stringify(body)}`);
        if (body.baseUrl !== fixtures.url) throw new Error(`baseUrl ${body.baseUrl}, expected the emulator's ${fixtures.url}`);
        if (!body.ids.includes(created.id)) throw new Error(`${created.id} missing from ${body.ids.join(', ')}`);
        return `${body.ids.length} customers from ${body.baseUrl}, request ${body.requestId}`;
      });

      const response = await fetch(`${app.url}/runtime-checks/${runtime}`);
      const text = await response.text();
      let result;
      try {
        result = JSON.parse(text);
      } catch {
        checks.push({
          name: `next ${runtime}: the shared checks route answered`,
          ok: false,
          detail: `${response.status} ${text.slice(0, 300)}`,
        });
        continue;
      }
      for (const c of result.checks) checks.push({ ...c, name: `next ${runtime}: ${c.name.replace(/^next \w+: /, '')}` });
    }
  } finally {
    await readmeApp?.stop();
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
