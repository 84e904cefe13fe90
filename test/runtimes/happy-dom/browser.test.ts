/**
 * happy-dom: the browser entry and the secret guard under a DOM whose fetch enforces CORS, with
 * the packed package imported by name (the global setup stages it). The emulator runs on
 * 127.0.0.1 beside the page's own origin, so every call is cross-origin.
 */
import { afterAll, describe, expect, it } from 'vitest';

// @ts-expect-error: the staged copy (see stage.ts) has no types of its own
const packed = await import('../../../.tmp/consumer/happy-dom/packed-entries.mjs');
const { core, browser, webhooks, testing, testingNode, runChecks } = packed;

const server = await testingNode.startEmulatorServer();
server.emulator.inject({ match: { method: 'GET', path: '/api/v1/customers/cus_stall' }, delayMs: Infinity, times: Infinity });
const { credentials } = server.emulator;
afterAll(() => server.close());

describe('the page environment', () => {
  it('is a happy-dom window on another origin than the emulator, with a CORS-enforcing fetch', () => {
    expect(typeof window).toBe('object');
    expect(navigator.userAgent).toMatch(/HappyDOM/);
    expect(new URL(server.url).origin).not.toBe(location.origin);
  });
});

describe('the shared checks', async () => {
  const result = await runChecks({
    entries: { '.': core, './browser': browser, './webhooks': webhooks, './testing': testing },
    makeClient: () => new core.PlugipayClient({ ...credentials, baseUrl: server.url, dangerouslyAllowBrowser: true }),
  });
  for (const check of result.checks) it(check.name, () => expect(check.ok, check.detail).toBe(true));
});

describe('the secret guard', () => {
  it('refuses an HMAC secret in a page with browser_secret, without echoing it', () => {
    let error: any;
    try {
      new core.PlugipayClient({ ...credentials, baseUrl: server.url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(browser.PlugipayError);
    expect(error).toMatchObject({ code: 'browser_secret', status: 0, requestId: null });
    expect(error.message).toMatch(/dangerouslyAllowBrowser/);
    expect(JSON.stringify(error.toJSON())).not.toContain(credentials.secret);
  });

  it('refuses a dashboard key too', () => {
    expect(() => new core.PlugipayClient({ apiKey: 'pk_dash_1' })).toThrow(expect.objectContaining({ code: 'browser_secret' }));
  });

  it('lets a page opt in with dangerouslyAllowBrowser: true', () => {
    expect(() => new core.PlugipayClient({ apiKey: 'pk_dash_1', dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it('says missing_credentials, not browser_secret, when there is no secret at all', () => {
    expect(() => new core.PlugipayClient({})).toThrow(expect.objectContaining({ code: 'missing_credentials' }));
  });

  it('keeps a secret out of the public checkout client', () => {
    expect(() => new browser.PublicCheckoutClient({ secret: 'sk_x' })).toThrow(expect.objectContaining({ code: 'browser_secret' }));
  });
});

describe('the public checkout client', async () => {
  const merchant = new core.PlugipayClient({ ...credentials, baseUrl: server.url, dangerouslyAllowBrowser: true });
  const session = await merchant.checkoutSessions.create({
    amount: 50_000,
    currency: 'IDR',
    methods: ['qris', 'va'],
    successUrl: 'https://shop.example/thanks',
    cancelUrl: 'https://shop.example/cart',
    lineItems: [{ name: 'Teh', quantity: 2, unitAmount: 25_000 }],
  });
  const checkout = new browser.PublicCheckoutClient({ baseUrl: server.url });

  it('reads the session across origins, with its request id', async () => {
    const { data, requestId } = await checkout.getSession(session.id).withResponse();
    expect(data.session).toMatchObject({ id: session.id, amount: 50_000, currency: 'IDR' });
    expect(data.catalog.map((m: { id: string }) => m.id)).toEqual(['qris', 'va']);
    expect(requestId).toMatch(/^req_/);
  });

  it('maps an error envelope to PlugipayError with the request id', async () => {
    const error = await checkout.getSession('cs_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(core.PlugipayError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: expect.stringMatching(/^req_/) });
  });

  it('keeps one charge in flight per session and sends no idempotency key', async () => {
    const before = server.emulator.requests.length;
    const first = checkout.charge(session.id, { method: 'va' });
    expect(checkout.charge(session.id, { method: 'va' })).toBe(first);
    await expect(checkout.charge(session.id, { method: 'qris' })).rejects.toMatchObject({ code: 'charge_in_progress' });
    const result = await first;
    expect(result.kind).toBe('instructions');
    const sent = server.emulator.requests.slice(before).filter((r: { method: string }) => r.method === 'POST');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ idempotencyKey: null, status: 200 });
  });

  it('claims a manual payment', async () => {
    const claimed = await checkout.buyerClaim(session.id, { proofUrl: 'https://files.example/proof.png' });
    expect(claimed).toMatchObject({ id: session.id, status: 'pending_review' });
  });
});
