/**
 * The emulator's control surface over HTTP (`/_emulator/...`: expire a session, settle or fail
 * a refund, advance a test clock, the state version) and on the dashboard (the refunds
 * section, the buttons, readable times, auto-refresh, each delivery's request and response),
 * URLs that are not http(s) never rendered as links (a `javascript:` successUrl from a state
 * file), `retryAfterMs` turning the client's backoff off, and `invalid_key` saying what to do.
 */
import { describe, expect, it } from 'vitest';
import { PlugipayClient, withRetry } from '../../src/entries/index';
import type { CheckoutSession } from '../../src/resources/checkout-sessions';
import { createEmulator } from '../../src/testing/emulator';
import { dashboardPage } from '../../src/testing/emulator/pages/dashboard';
import { hostedCheckoutPage } from '../../src/testing/emulator/pages/hosted-checkout';
import { readableTime, safeHref } from '../../src/testing/emulator/pages/html';
import { AccountState } from '../../src/testing/emulator/state';
import { failure } from '../support/failure';
import { apiFor, BASE, CHECKOUT_INPUT } from './helpers';

const ACTION = { 'x-plugipay-emulator': '1', 'content-type': 'application/json' };

async function act(emulator: ReturnType<typeof createEmulator>, path: string, body: unknown = {}) {
  const response = await emulator.fetch(`${BASE}${path}`, { method: 'POST', headers: ACTION, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; error?: { code: string; message: string } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function paidSession(emulator: ReturnType<typeof createEmulator>) {
  const session = (await apiFor(emulator).post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data as CheckoutSession;
  return emulator.completeCheckout(session.id);
}

describe('control surface over HTTP', () => {
  it('expire: an open session expires with its event; a second time is 409; an unknown id is 404', async () => {
    const emulator = createEmulator();
    const session = (await apiFor(emulator).post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data as CheckoutSession;
    const expired = await act(emulator, `/_emulator/checkout/${session.id}/expire`);
    expect(expired).toMatchObject({ status: 200, body: { data: { id: session.id, status: 'expired' } } });
    expect(emulator.events({ type: 'plugipay.checkout_session.expired.v1' })).toHaveLength(1);
    expect((await act(emulator, `/_emulator/checkout/${session.id}/expire`)).status).toBe(409);
    expect((await act(emulator, '/_emulator/checkout/cs_nope/expire')).status).toBe(404);
    const unguarded = await emulator.fetch(`${BASE}/_emulator/checkout/${session.id}/expire`, { method: 'POST', body: '{}' });
    expect(unguarded.status).toBe(403);
  });

  it('settle or fail a pending refund: refund.issued / refund.failed with the failure given; only once', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    const paid = await paidSession(emulator);
    const one = (await api.post('/api/v1/refunds', { chargeId: paid.paymentId, amount: 1000 })).body.data;
    const two = (await api.post('/api/v1/refunds', { chargeId: paid.paymentId, amount: 2000 })).body.data;

    const issued = await act(emulator, `/_emulator/refunds/${one.id}/settle`, { outcome: 'succeeded' });
    expect(issued).toMatchObject({ status: 200, body: { data: { id: one.id, status: 'succeeded' } } });
    const failed = await act(emulator, `/_emulator/refunds/${two.id}/settle`, { outcome: 'failed', failureMessage: 'Account closed' });
    expect(failed.body.data).toMatchObject({ status: 'failed', failureCode: 'provider_declined', failureMessage: 'Account closed' });
    expect(emulator.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['plugipay.refund.issued.v1', 'plugipay.refund.failed.v1']),
    );

    expect((await act(emulator, `/_emulator/refunds/${one.id}/settle`, { outcome: 'failed' })).status).toBe(409);
    const bad = await act(emulator, `/_emulator/refunds/${one.id}/settle`, { outcome: 'maybe' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_error' } } });
  });

  it('the state version changes with every action, so the dashboard knows when to reload', async () => {
    const emulator = createEmulator();
    const version = async () =>
      ((await (await emulator.fetch(`${BASE}/_emulator/version`)).json()) as { data: { version: string } }).data.version;
    const empty = await version();
    const paid = await paidSession(emulator);
    const afterPay = await version();
    expect(afterPay).not.toBe(empty);
    const refund = (await apiFor(emulator).post('/api/v1/refunds', { chargeId: paid.paymentId })).body.data;
    const afterRefund = await version();
    expect(afterRefund).not.toBe(afterPay);
    await act(emulator, `/_emulator/refunds/${refund.id}/settle`, { outcome: 'succeeded' });
    expect(await version()).not.toBe(afterRefund);
  });
});

describe('dashboard', () => {
  it('shows refunds with Settle/Fail, sessions with Pay/Expire, the trigger form, readable times and auto-refresh', async () => {
    let now = Date.parse('2026-12-04T10:00:00.000Z');
    const emulator = createEmulator({ now: () => now });
    const api = apiFor(emulator, { now: () => now });
    const open = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data as CheckoutSession;
    const paid = emulator.completeCheckout((await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data.id);
    const refund = (await api.post('/api/v1/refunds', { chargeId: paid.paymentId, amount: 5000, reason: 'duplicate' })).body.data;
    now += 3 * 60_000;
    const html = await (await emulator.fetch(`${BASE}/`)).text();

    const refunds = html.slice(html.indexOf('<section id="refunds">'), html.indexOf('</section>', html.indexOf('<section id="refunds">')));
    expect(refunds).toContain(refund.id);
    expect(refunds).toContain('IDR 5,000');
    expect(refunds).toContain(
      `data-action="/_emulator/refunds/${refund.id}/settle" data-body="{&quot;outcome&quot;:&quot;succeeded&quot;}"`,
    );
    expect(refunds).toContain('{&quot;outcome&quot;:&quot;failed&quot;}');
    expect(html).toContain(`data-action="/_emulator/checkout/${open.id}/expire"`);
    expect(html).toContain(`data-action="/_emulator/checkout/${open.id}/pay"`);
    // Times as people read them, relative to the emulator's clock; the ISO value stays in datetime.
    expect(html).toContain('<time datetime="2026-12-04T10:00:00.000Z"');
    expect(html).toContain('4 Dec 2026, 10:00:00 UTC <span class="muted">· 3 min ago</span>');
    // The trigger form offers every catalog type; auto-refresh polls the version.
    expect(html.match(/<option value="plugipay\.[a-z_]+\.[a-z_]+\.v1">/g)).toHaveLength(33);
    expect(html).toContain('id="auto-refresh"');
    expect(html).toContain("fetch('/_emulator/version?account='");
    const version = ((await (await emulator.fetch(`${BASE}/_emulator/version`)).json()) as { data: { version: string } }).data.version;
    expect(html).toContain(`data-version="${version}"`);
  });

  it('the test-clock button advances to the period end, where the renewal is, from where the clock stands', async () => {
    const emulator = createEmulator();
    const { event } = await emulator.trigger('subscription.created');
    const subscription = event.data.object as { id: string; currentPeriodEnd: string };
    const html = await (await emulator.fetch(`${BASE}/`)).text();
    const days = Math.ceil((Date.parse(subscription.currentPeriodEnd) - Date.now()) / 86_400_000);
    const button = new RegExp(
      `data-body="\\{&quot;subscriptionId&quot;:&quot;${subscription.id}&quot;,&quot;days&quot;:(\\d+)\\}">Advance (\\d+) days \\(to the period end\\)`,
    );
    const [, bodyDays, labelDays] = button.exec(html) ?? [];
    expect(Number(bodyDays)).toBe(days);
    expect(Number(labelDays)).toBe(days);
    const advanced = await act(emulator, '/_emulator/test-clocks/advance', { subscriptionId: subscription.id, days: Number(bodyDays) });
    expect(advanced.body.data).toMatchObject({ subscriptionId: subscription.id, daysAdvanced: days, renewals: 1 });
  });

  it('each delivery shows the request it sent and what the handler answered, escaped', async () => {
    const emulator = createEmulator({
      seed: { webhookEndpoints: [{ url: 'https://shop.example/hook', events: ['*'], secret: 'whsec_dash' }] },
      webhookFetch: async () => new Response('<b>handler says no</b>', { status: 500, headers: { 'x-handler': 'mine' } }),
    });
    const { event, deliveries } = await emulator.trigger('customer.created');
    const html = await (await emulator.fetch(`${BASE}/`)).text();
    const row = html.slice(html.indexOf(`data-id="${deliveries[0]!.id}"`));
    const details = row.slice(0, row.indexOf('</details>'));
    expect(details).toContain('POST https://shop.example/hook');
    expect(details).toMatch(/x-plugipay-signature: t=\d+,v1=[0-9a-f]{64}/i);
    expect(details).toContain(`&quot;id&quot;: &quot;${event.id}&quot;`);
    expect(details).toContain('HTTP 500');
    expect(details).toContain('x-handler: mine');
    expect(details).toContain('&lt;b&gt;handler says no&lt;/b&gt;');
    expect(details).not.toContain('<b>handler');
    expect(html).not.toContain('whsec_dash');
  });

  it('a handler answering megabytes is kept to its first 4 KiB', async () => {
    const emulator = createEmulator({
      seed: { webhookEndpoints: [{ url: 'https://shop.example/hook', events: ['*'] }] },
      webhookFetch: async () => new Response('x'.repeat(5_000_000)),
    });
    const { deliveries } = await emulator.trigger('customer.created');
    expect(deliveries[0]).toMatchObject({ status: 'succeeded', responseCode: 200 });
    const html = await (await emulator.fetch(`${BASE}/`)).text();
    expect(html).toContain('… (cut at 4 KiB)');
    expect(html.length).toBeLessThan(200_000);
  });
});

describe('URLs that are not http(s) are never links', () => {
  const hostile = (session: Partial<CheckoutSession>): CheckoutSession =>
    ({
      id: 'cs_hostile',
      status: 'completed',
      amount: 1000,
      currency: 'IDR',
      methods: ['qris'],
      lineItems: [],
      paymentMethod: 'qris',
      hostedUrl: 'javascript:alert(3)',
      successUrl: 'javascript:alert(1)',
      cancelUrl: 'data:text/html,<script>alert(2)</script>',
      createdAt: '2026-12-04T10:00:00.000Z',
      ...session,
    }) as CheckoutSession;

  it('safeHref accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://shop.example/ok?x=1')).toBe('https://shop.example/ok?x=1');
    expect(safeHref('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000/');
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', '', null, 42]) {
      expect(safeHref(url), String(url)).toBeUndefined();
    }
  });

  it('the hosted page: a paid session with a javascript: successUrl shows it as text, and its script gets null', () => {
    const html = hostedCheckoutPage(hostile({}));
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('<span class="unsafe-url"');
    const config = JSON.parse(/<script type="application\/json" id="config">(.*?)<\/script>/.exec(html)![1]!);
    expect(config).toMatchObject({ successUrl: null, cancelUrl: null });
    const expired = hostedCheckoutPage(hostile({ status: 'expired' }));
    expect(expired).not.toMatch(/href="\s*data:/i);
  });

  it('the dashboard: a session whose hostedUrl is javascript: is not linked', () => {
    const account = new AccountState('acc_x');
    account.checkoutSessions.insert(hostile({ status: 'open' }));
    const html = dashboardPage({
      account,
      workspaces: ['acc_x'],
      origin: BASE,
      credentials: { keyId: 'pk_test_x' },
      nowMs: Date.parse('2026-12-04T10:00:00.000Z'),
      version: 'v',
      eventTypes: [],
      exchange: () => undefined,
    });
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('javascript:alert(3)</span>');
  });

  it('readableTime shows a non-timestamp as escaped text', () => {
    expect(readableTime('<script>', 0)).toBe('&lt;script&gt;');
    expect(readableTime(null, 0)).toContain('—');
  });
});

describe('retryAfterMs: no real backoff against the emulator in tests', () => {
  it('retryable answers carry retry-after-ms, so retries wait 0 ms; a fault’s own Retry-After and 4xx are left alone', async () => {
    const emulator = createEmulator({ retryAfterMs: 0 });
    const client = new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch, maxRetries: 0 });
    emulator.inject({ status: 503, times: 2 });
    const delays: number[] = [];
    const listed = await withRetry(() => client.customers.list(), { attempts: 3, onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(listed.data).toEqual([]);
    expect(delays).toEqual([0, 0]);

    emulator.inject({ status: 429 });
    expect((await failure(client.customers.list())).headers?.get('retry-after-ms')).toBe('0');
    emulator.inject({ status: 503, headers: { 'Retry-After': '2' } });
    const own = await failure(client.customers.list());
    expect(own.headers?.get('retry-after')).toBe('2');
    expect(own.headers?.get('retry-after-ms')).toBeNull();
    emulator.inject({ status: 409 });
    expect((await failure(client.customers.list())).headers?.get('retry-after-ms')).toBeNull();

    // The client's own retries take the hint too: two scripted 503s, then the answer.
    emulator.inject({ status: 503, times: 2 });
    const retrying = new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch, maxRetries: 2 });
    await expect(retrying.customers.list()).resolves.toMatchObject({ data: [] });
    expect(emulator.requests.slice(-3).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('without it the emulator answers as the server does (no hint); a bad value is refused', async () => {
    const emulator = createEmulator();
    const client = new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch, maxRetries: 0 });
    emulator.inject({ status: 503 });
    expect((await failure(client.customers.list())).headers?.get('retry-after-ms')).toBeNull();
    expect(() => createEmulator({ retryAfterMs: -1 })).toThrow(/retryAfterMs must be a whole number/);
  });
});

describe('invalid_key says the keys changed and where the current ones are', () => {
  it('from createEmulator: emulator.credentials; never a secret', async () => {
    const emulator = createEmulator();
    const stale = new PlugipayClient({ keyId: 'pk_test_old', secret: 'sk_test_old_secret', fetch: emulator.fetch });
    const err = await failure(stale.customers.list());
    expect(err).toMatchObject({ status: 401, code: 'invalid_key' });
    expect(err.message).toContain("Unknown key id 'pk_test_old': this emulator's keys are different");
    expect(err.message).toContain('emulator.credentials');
    expect(err.message).not.toContain(emulator.credentials.secret);
    expect(err.message).not.toContain('sk_test_old_secret');
  });
});
