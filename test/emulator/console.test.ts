/**
 * The emulator's own pages and controls: hostedUrl on its origin, the hosted checkout page in
 * each state, the dashboard, the header-guarded actions, and redelivery of one event (same id,
 * same body), including two copies that reach the handler at the same moment.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/entries/webhooks';
import { createEmulator } from '../../src/testing/emulator';
import { startEmulatorServer, type EmulatorServer } from '../../src/testing/node-server';
import { apiFor, BASE, CHECKOUT_INPUT } from './helpers';

const ACTION = { 'x-plugipay-emulator': '1', 'content-type': 'application/json' };

let server: EmulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('hosted checkout page', () => {
  it('hostedUrl points at the emulator origin the request came to, and /c/<id> renders the session', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    const session = (
      await api.post('/api/v1/checkout-sessions', {
        ...CHECKOUT_INPUT,
        methods: ['qris', 'va'],
        lineItems: [{ name: 'Kopi <susu> & "teh"', quantity: 2, unitAmount: 75_000 }],
      })
    ).body.data;
    expect(session.hostedUrl).toBe(`${BASE}/c/${session.id}`);
    const page = await emulator.fetch(session.hostedUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('IDR 150,000');
    // Escaped, never markup.
    expect(html).toContain('Kopi &lt;susu&gt; &amp; &quot;teh&quot;');
    expect(html).not.toContain('<susu>');
    expect(html).toContain('data-status="open"');
    expect(html).toContain('/_emulator/assets/hosted-checkout.mjs');
    // The browser entry's chunks bundle valibot: no import map, no bare specifier for the page to resolve.
    expect(html).not.toContain('importmap');

    emulator.completeCheckout(session.id);
    const paid = await (await emulator.fetch(session.hostedUrl)).text();
    expect(paid).toContain('data-status="completed"');
    expect(paid).toMatch(/This checkout is paid/);

    const other = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    emulator.expireCheckout(other.id);
    expect(await (await emulator.fetch(other.hostedUrl)).text()).toMatch(/This checkout has expired/);

    const missing = await emulator.fetch(`${BASE}/c/cs_nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Checkout not found');
  });

  it('over HTTP: seeded and created sessions get the server origin; the page script and the browser entry are served', async () => {
    server = await startEmulatorServer({ seed: { checkoutSessions: [{ id: 'cs_seeded', ...CHECKOUT_INPUT }] } });
    const api = apiFor(server.emulator, { fetch: (i, init) => fetch(i, init), base: server.url });
    expect((await api.get('/api/v1/checkout-sessions/cs_seeded')).body.data.hostedUrl).toBe(`${server.url}/c/cs_seeded`);
    for (const asset of ['hosted-checkout.mjs', 'browser.mjs']) {
      const response = await fetch(`${server.url}/_emulator/assets/${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(Number(response.headers.get('content-length'))).toBeGreaterThan(100);
    }
    const browser = await (await fetch(`${server.url}/_emulator/assets/browser.mjs`)).text();
    expect(browser).toContain('PublicCheckoutClient');
    // Every module the page loads is served, and none imports a bare name (the page has no import map).
    const seen = new Set<string>();
    const pending = ['browser.mjs'];
    while (pending.length) {
      const name = pending.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const response = await fetch(`${server.url}/_emulator/assets/${name}`);
      expect(response.status, name).toBe(200);
      const source = await response.text();
      for (const [, specifier] of source.matchAll(/^(?:import|export)\b[^'"\n]*['"]([^'"]+)['"];$/gm)) {
        expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\.?\//);
        pending.push(new URL(specifier!, `http://x/${name}`).pathname.slice(1));
      }
    }
    expect(
      [...seen].some((name) => name.startsWith('shared/')),
      [...seen].join(),
    ).toBe(true);
    const valibotAsset = await fetch(`${server.url}/_emulator/assets/valibot.mjs`);
    expect(valibotAsset.status).toBe(404);
    await valibotAsset.text();
    // Only the browser entry and its chunks: no other file of the package or the disk.
    for (const name of ['../package.json', 'index.mjs', 'shared/../index.mjs', '%2e%2e/package.json']) {
      const response = await fetch(`${server.url}/_emulator/assets/${name}`);
      expect(response.status, name).not.toBe(200);
      expect(await response.text()).not.toContain('"exports"');
    }
  });
});

describe('dashboard and actions', () => {
  it('lists the workspace, links each object to its JSON, and escapes what it shows', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    const customer = (await api.post('/api/v1/customers', { name: '<img src=x onerror=alert(1)>' })).body.data;
    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    const html = await (await emulator.fetch(`${BASE}/`)).text();
    expect(html).toContain(session.id);
    expect(html).toContain(`/_emulator/objects/customers/${customer.id}`);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('data-action="/_emulator/checkout/');
    const json = await (await emulator.fetch(`${BASE}/_emulator/objects/checkout-sessions/${session.id}`)).json();
    expect(json.data).toMatchObject({ id: session.id, status: 'open' });
    expect((await emulator.fetch(`${BASE}/_emulator/objects/secrets/x`)).status).toBe(404);
  });

  it('actions need the emulator header (a cross-origin page cannot send it: the preflight does not allow it)', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    const refused = await emulator.fetch(`${BASE}/_emulator/checkout/${session.id}/pay`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(403);
    const preflight = await emulator.fetch(`${BASE}/_emulator/checkout/${session.id}/pay`, { method: 'OPTIONS' });
    // No CORS at all off the API: the browser refuses the cross-origin call outright.
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const paid = await emulator.fetch(`${BASE}/_emulator/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: ACTION,
      body: '{"method":"qris"}',
    });
    expect(paid.status).toBe(200);
    expect((await paid.json()).data).toMatchObject({ status: 'completed', paymentMethod: 'qris', adapter: 'xendit' });
    expect(emulator.events({ type: 'plugipay.checkout_session.completed.v1' })).toHaveLength(1);
    const again = await emulator.fetch(`${BASE}/_emulator/checkout/${session.id}/pay`, { method: 'POST', headers: ACTION, body: '{}' });
    expect(again.status).toBe(409);
  });

  it('advances a subscription test clock from the dashboard action', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    const customer = (await api.post('/api/v1/customers', { name: 'Sub' })).body.data;
    const portalFeatures = {
      selfServeCancel: true,
      selfServePause: false,
      selfServeUpgrade: false,
      selfServeDowngrade: false,
      updatePaymentMethod: true,
    };
    const plan = (
      await api.post('/api/v1/plans', {
        name: 'Monthly',
        interval: 'month',
        portalFeatures,
        prices: [{ currency: 'IDR', model: 'flat', unitAmount: 99_000 }],
      })
    ).body.data;
    const subscription = (await api.post('/api/v1/subscriptions', { customerId: customer.id, planId: plan.id, priceId: plan.prices[0].id }))
      .body.data;
    const response = await emulator.fetch(`${BASE}/_emulator/test-clocks/advance`, {
      method: 'POST',
      headers: ACTION,
      body: JSON.stringify({ subscriptionId: subscription.id, days: 31 }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.renewals).toBe(1);
  });
});

/**
 * A webhook receiver that, once armed with `holdFor(n)`, answers nothing until n requests are
 * being held: a request released by the barrier (not by the safety timeout) proves they were in
 * flight together.
 */
async function barrierReceiver() {
  const bodies: { body: string; signature: string; together: boolean }[] = [];
  let expected = 1;
  let waiting: (() => void)[] = [];
  const http = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry = { body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-plugipay-signature']), together: false };
    bodies.push(entry);
    await new Promise<void>((resolve) => {
      waiting.push(() => {
        entry.together = expected > 1;
        resolve();
      });
      if (waiting.length >= expected) for (const release of waiting.splice(0)) release();
      setTimeout(() => {
        waiting = waiting.filter((w) => w !== resolve);
        resolve();
      }, 3000); // never hang the test
    });
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`,
    bodies,
    holdFor: (n: number) => {
      expected = n;
    },
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

describe('redelivery (issue 14: test your handler idempotency locally)', () => {
  it('redelivers one event with the same id and body; copies: 2 arrive at the same moment', async () => {
    const receiver = await barrierReceiver();
    try {
      const emulator = createEmulator({ seed: { webhookEndpoints: [{ url: receiver.url, secret: 'whsec_redeliver', events: ['*'] }] } });
      const api = apiFor(emulator);
      const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
      emulator.completeCheckout(session.id);
      await emulator.flushWebhooks();
      const [event] = emulator.events({ type: 'plugipay.checkout_session.completed.v1' });
      expect(receiver.bodies).toHaveLength(1);

      receiver.holdFor(2);
      const twice = await emulator.redeliverEvent(event!.id, { copies: 2 });
      expect(twice).toHaveLength(2);
      expect(twice.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
      expect(new Set(twice.map((d) => d.id)).size).toBe(2);
      const copies = receiver.bodies.slice(1);
      expect(copies).toHaveLength(2);
      // Both were at the handler before either was answered.
      expect(copies.map((c) => c.together)).toEqual([true, true]);
      receiver.holdFor(1);
      for (const copy of copies) {
        expect(copy.body).toBe(receiver.bodies[0]!.body);
        const verified = await verifyWebhook(copy.body, copy.signature, 'whsec_redeliver');
        expect(verified.id).toBe(event!.id);
      }

      // Over HTTP (what the dashboard button posts).
      const response = await emulator.fetch(`${BASE}/_emulator/events/${event!.id}/redeliver`, {
        method: 'POST',
        headers: ACTION,
        body: '{"copies":1}',
      });
      expect(response.status).toBe(200);
      expect((await response.json()).data).toMatchObject({ eventId: event!.id, copies: 1 });
      await emulator.flushWebhooks();
      expect(receiver.bodies).toHaveLength(4);
      expect(emulator.deliveries().filter((d) => d.eventId === event!.id)).toHaveLength(4);

      const bad = await emulator.fetch(`${BASE}/_emulator/events/${event!.id}/redeliver`, {
        method: 'POST',
        headers: ACTION,
        body: '{"copies":11}',
      });
      expect(bad.status).toBe(400);
      await expect(emulator.redeliverEvent('evt_nope')).rejects.toThrow(/No such event/);
    } finally {
      await receiver.close();
    }
  });
});
