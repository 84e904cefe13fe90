import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { apiFor, BASE, CHECKOUT_INPUT, PLAN_INPUT, readResult } from './helpers';

const NOW = Date.UTC(2026, 2, 1, 12);

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  let now = NOW;
  const emulator = createEmulator({ now: () => now, ...options });
  const api = apiFor(emulator, { now: () => now });
  return { emulator, api, advance: (ms: number) => (now += ms) };
}

describe('customers', () => {
  it('creates, reads, updates, lists and deletes', async () => {
    const { api } = setup();
    const created = await api.post('/api/v1/customers', { email: 'ada@example.com', name: 'Ada', metadata: { tier: 'gold' } });
    expect(created.status).toBe(201);
    const customer = created.body.data;
    expect(customer).toMatchObject({
      accountId: 'acc_emulator',
      email: 'ada@example.com',
      name: 'Ada',
      phone: null,
      externalId: null,
      metadata: { tier: 'gold' },
      createdAt: new Date(NOW).toISOString(),
    });
    expect((await api.get(`/api/v1/customers/${customer.id}`)).body.data).toEqual(customer);
    const updated = await api.patch(`/api/v1/customers/${customer.id}`, { name: 'Ada L.', metadata: null });
    expect(updated.body.data).toMatchObject({ name: 'Ada L.', metadata: null, email: 'ada@example.com' });
    expect((await api.get('/api/v1/customers?email=ada%40example.com')).body.data).toHaveLength(1);
    const deleted = await api.del(`/api/v1/customers/${customer.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const gone = await api.get(`/api/v1/customers/${customer.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'not_found' });
    expect(gone.body.error.message).toContain(customer.id);
  });

  it('refuses a duplicate externalId with 409 conflict', async () => {
    const { api } = setup();
    await api.post('/api/v1/customers', { externalId: 'user_1' });
    const dup = await api.post('/api/v1/customers', { externalId: 'user_1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'conflict', field: 'externalId' });
  });

  it('validates input with the field named', async () => {
    const { api } = setup();
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ name: 42 }, 'name'],
      [{ name: '' }, 'name'],
      [{ metadata: { a: 1 } }, 'metadata.a'],
      [{ phone: 'x'.repeat(65) }, 'phone'],
    ];
    for (const [body, field] of cases) {
      const res = await api.post('/api/v1/customers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_error', field });
    }
    const notJson = await api.post('/api/v1/customers', '{"broken"');
    expect(notJson.status).toBe(400);
  });

  it('refuses to delete a customer that money refers to', async () => {
    const { emulator, api } = setup();
    const customer = (await api.post('/api/v1/customers', {})).body.data;
    const session = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, customerId: customer.id })).body.data;
    expect(session.customer).toMatchObject({ id: customer.id });
    emulator.completeCheckout(session.id);
    const res = await api.del(`/api/v1/customers/${customer.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('keeps workspaces apart with X-Plugipay-On-Behalf-Of', async () => {
    const { api } = setup();
    const mine = (await api.post('/api/v1/customers', {})).body.data;
    const theirs = await api.get(`/api/v1/customers/${mine.id}`, { onBehalfOf: 'acc_merchant' });
    expect(theirs.status).toBe(404);
  });
});

describe('checkout sessions', () => {
  it('creates an open session and completes it with a payment', async () => {
    const { emulator, api } = setup();
    const session = (
      await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, lineItems: [{ name: 'Tee', quantity: 1, unitAmount: 150000 }] })
    ).body.data;
    expect(session).toMatchObject({
      status: 'open',
      amount: 150000,
      currency: 'IDR',
      methods: ['qris'],
      paymentId: null,
      hostedUrl: `https://plugipay.com/c/${session.id}`,
      expiresAt: new Date(NOW + 24 * 3600 * 1000).toISOString(),
    });
    const completed = emulator.completeCheckout(session.id);
    expect(completed).toMatchObject({ status: 'completed', paymentMethod: 'qris', adapter: 'xendit' });
    expect(completed.paymentId).toMatch(/^pay_/);
    expect(completed.completedAt).toBe(new Date(NOW).toISOString());
    expect((await api.get(`/api/v1/checkout-sessions/${session.id}`)).body.data.status).toBe('completed');
    const events = emulator.events({ type: 'plugipay.checkout_session.completed.v1' });
    expect(events).toHaveLength(1);
    expect(events[0]!.data.object).toMatchObject({ id: session.id, status: 'completed' });
  });

  it('cancels and confirms only live sessions (409 on terminal ones)', async () => {
    const { api } = setup();
    const a = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    expect((await api.post(`/api/v1/checkout-sessions/${a.id}/cancel`)).body.data.status).toBe('canceled');
    const again = await api.post(`/api/v1/checkout-sessions/${a.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await api.post(`/api/v1/checkout-sessions/${a.id}/confirm`)).status).toBe(409);

    const b = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    const confirmed = (await api.post(`/api/v1/checkout-sessions/${b.id}/confirm`, {})).body.data;
    expect(confirmed).toMatchObject({ status: 'completed', adapter: 'manual' });
  });

  it('expires sessions when the clock passes expiresAt', async () => {
    const { emulator, api, advance } = setup();
    const s = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, expiresInSec: 60 })).body.data;
    advance(61_000);
    expect((await api.get(`/api/v1/checkout-sessions/${s.id}`)).body.data.status).toBe('expired');
    expect(emulator.events({ type: 'plugipay.checkout_session.expired.v1' })).toHaveLength(1);
    const t = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    expect(emulator.expireCheckout(t.id).status).toBe('expired');
    expect(() => emulator.completeCheckout(t.id)).toThrow();
  });

  it('lists with status, customerId and created filters', async () => {
    const { emulator, api, advance } = setup();
    const customer = (await api.post('/api/v1/customers', {})).body.data;
    const a = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, customerId: customer.id })).body.data;
    advance(10_000);
    const b = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    emulator.completeCheckout(b.id);
    const ids = async (q: string) => (await api.get(`/api/v1/checkout-sessions?${q}`)).body.data.map((s: { id: string }) => s.id);
    expect(await ids('status=completed')).toEqual([b.id]);
    expect(await ids(`customerId=${customer.id}`)).toEqual([a.id]);
    const mid = encodeURIComponent(new Date(NOW + 5000).toISOString());
    expect(await ids(`createdAfter=${mid}`)).toEqual([b.id]);
    expect(await ids(`createdBefore=${mid}`)).toEqual([a.id]);
    expect((await api.get('/api/v1/checkout-sessions?status=nope')).body.error.field).toBe('status');
  });

  it('validates the create input', async () => {
    const { api } = setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...CHECKOUT_INPUT, amount: 0 }, 'amount'],
      [{ ...CHECKOUT_INPUT, amount: 1.5 }, 'amount'],
      [{ ...CHECKOUT_INPUT, currency: undefined }, 'currency'],
      [{ ...CHECKOUT_INPUT, methods: [] }, 'methods'],
      [{ ...CHECKOUT_INPUT, methods: ['bitcoin'] }, 'methods[0]'],
      [{ ...CHECKOUT_INPUT, successUrl: '/relative' }, 'successUrl'],
      [{ ...CHECKOUT_INPUT, customerId: 'cus_missing' }, 'customerId'],
      [{ ...CHECKOUT_INPUT, lineItems: [{ name: 'x', quantity: 0, unitAmount: 1 }] }, 'lineItems[0].quantity'],
    ];
    for (const [body, field] of cases) {
      const res = await api.post('/api/v1/checkout-sessions', body);
      expect(res.body.error, field).toMatchObject({ code: 'validation_error', field });
    }
  });

  it('serves the public checkout routes without credentials', async () => {
    const { api, emulator } = setup();
    const s = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, methods: ['qris', 'card'] })).body.data;
    const view = await readResult(await emulator.fetch(`${BASE}/api/v1/public/checkout/sessions/${s.id}`));
    expect(view.status).toBe(200);
    expect(view.body.data.session).toMatchObject({ id: s.id, amount: 150000, status: 'open' });
    expect(view.body.data.catalog.map((c: { id: string }) => c.id)).toEqual(['qris', 'card']);
    const charge = async (method: string) =>
      readResult(
        await emulator.fetch(`${BASE}/api/v1/public/checkout/sessions/${s.id}/charge`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ method }),
        }),
      );
    const qris = await charge('qris');
    expect(qris.body.data.kind).toBe('instructions');
    expect(qris.body.data.instructions.qrImageUrl).toMatch(/^https:\/\/plugipay\.com\/_emulator\/qr\//);
    const qr = await emulator.fetch(qris.body.data.instructions.qrImageUrl);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');
    const card = await charge('card');
    expect(card.body.data).toMatchObject({ kind: 'redirect', redirectUrl: expect.stringMatching(/^https:/) });
    expect((await charge('va')).body.error.field).toBe('method');
    expect((await api.get(`/api/v1/checkout-sessions/${s.id}`)).body.data.status).toBe('pending');
    const missing = await readResult(await emulator.fetch(`${BASE}/api/v1/public/checkout/sessions/cs_nope`));
    expect(missing.status).toBe(404);
  });
});

describe('plans and prices', () => {
  it('creates with nested prices, filters by active, updates, archives and manages prices', async () => {
    const { api } = setup();
    const plan = (await api.post('/api/v1/plans', PLAN_INPUT)).body.data;
    expect(plan).toMatchObject({ name: 'Pro', interval: 'month', intervalCount: 1, trialDays: 0, active: true, archivedAt: null });
    expect(plan.prices[0]).toMatchObject({ planId: plan.id, currency: 'IDR', model: 'flat', unitAmount: 99000, active: true });
    const other = (await api.post('/api/v1/plans', { ...PLAN_INPUT, name: 'Old', active: false })).body.data;
    const active = (await api.get('/api/v1/plans?active=true')).body.data.map((p: { id: string }) => p.id);
    expect(active).toEqual([plan.id]);
    expect((await api.get('/api/v1/plans?active=false')).body.data[0].id).toBe(other.id);

    expect((await api.patch(`/api/v1/plans/${plan.id}`, { name: 'Pro+', trialDays: 7 })).body.data).toMatchObject({
      name: 'Pro+',
      trialDays: 7,
    });
    const price = (await api.post(`/api/v1/plans/${plan.id}/prices`, { currency: 'USD', model: 'flat', unitAmount: 900 })).body.data;
    expect(price.planId).toBe(plan.id);
    expect((await api.patch(`/api/v1/prices/${price.id}`, { active: false })).body.data.active).toBe(false);
    expect((await api.patch(`/api/v1/prices/${price.id}`, {})).body.error.field).toBe('active');
    expect((await api.del(`/api/v1/prices/${price.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/plans/${plan.id}`)).body.data.prices).toHaveLength(1);

    const archived = (await api.post(`/api/v1/plans/${plan.id}/archive`)).body.data;
    expect(archived).toMatchObject({ active: false, archivedAt: expect.any(String) });
    expect((await api.post(`/api/v1/plans/${plan.id}/archive`)).status).toBe(409);
  });

  it('validates plans', async () => {
    const { api } = setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...PLAN_INPUT, name: undefined }, 'name'],
      [{ ...PLAN_INPUT, interval: 'fortnight' }, 'interval'],
      [{ ...PLAN_INPUT, prices: [] }, 'prices'],
      [{ ...PLAN_INPUT, prices: [{ currency: 'IDR', model: 'flat' }] }, 'prices[0].unitAmount'],
      [{ ...PLAN_INPUT, portalFeatures: undefined }, 'portalFeatures'],
      [{ ...PLAN_INPUT, prices: [{ currency: 'IDR', model: 'usage', unitAmount: 1 }] }, 'usageAggregate'],
    ];
    for (const [body, field] of cases) {
      expect((await api.post('/api/v1/plans', body)).body.error, field).toMatchObject({ code: 'validation_error', field });
    }
  });
});

describe('invoices', () => {
  it('computes totals and walks draft → open → paid, with 409s on illegal transitions', async () => {
    const { emulator, api } = setup();
    const customer = (await api.post('/api/v1/customers', {})).body.data;
    const invoice = (
      await api.post('/api/v1/invoices', {
        customerId: customer.id,
        currency: 'IDR',
        lines: [
          { description: 'Seats', quantity: 3, unitAmount: 10000 },
          { description: 'Setup', quantity: 1, unitAmount: 5000 },
        ],
        discount: 2000,
        tax: 3300,
      })
    ).body.data;
    expect(invoice).toMatchObject({
      status: 'draft',
      subtotal: 35000,
      discount: 2000,
      tax: 3300,
      total: 36300,
      amountDue: 36300,
      amountPaid: 0,
    });
    expect(invoice.lines[0]).toMatchObject({ amount: 30000 });
    expect((await api.post(`/api/v1/invoices/${invoice.id}/pay`)).status).toBe(409);
    const open = (await api.post(`/api/v1/invoices/${invoice.id}/finalize`)).body.data;
    expect(open).toMatchObject({ status: 'open', issuedAt: expect.any(String), hostedInvoiceUrl: expect.any(String) });
    expect((await api.post(`/api/v1/invoices/${invoice.id}/finalize`)).body.error.code).toBe('conflict');
    const paid = (await api.post(`/api/v1/invoices/${invoice.id}/pay`)).body.data;
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 36300, amountDue: 0 });
    expect((await api.post(`/api/v1/invoices/${invoice.id}/void`)).status).toBe(409);
    expect(
      emulator
        .events()
        .map((e) => e.type)
        .filter((t) => t.includes('invoice')),
    ).toEqual(['plugipay.invoice.created.v1', 'plugipay.invoice.finalized.v1', 'plugipay.invoice.paid.v1']);
    expect((await api.get('/api/v1/invoices?status=paid')).body.data).toHaveLength(1);
    expect((await api.get('/api/v1/invoices?status=draft')).body.data).toHaveLength(0);
  });

  it('voids open invoices and validates input', async () => {
    const { emulator, api } = setup();
    const customer = (await api.post('/api/v1/customers', {})).body.data;
    const inv = (
      await api.post('/api/v1/invoices', {
        customerId: customer.id,
        currency: 'IDR',
        status: 'open',
        lines: [{ description: 'x', quantity: 1, unitAmount: 1 }],
      })
    ).body.data;
    expect(inv.status).toBe('open');
    expect(emulator.markInvoicePastDue(inv.id).status).toBe('past_due');
    expect((await api.post(`/api/v1/invoices/${inv.id}/void`)).body.data.status).toBe('void');
    expect((await api.post('/api/v1/invoices', { customerId: customer.id, currency: 'IDR', lines: [] })).body.error.field).toBe('lines');
    expect(
      (
        await api.post('/api/v1/invoices', {
          customerId: customer.id,
          currency: 'IDR',
          lines: [{ description: 'x', quantity: 1, unitAmount: -1 }],
        })
      ).body.error.field,
    ).toBe('lines[0].unitAmount');
  });
});

describe('subscriptions', () => {
  it('creates from plan + price, trials, pauses, resumes and cancels with 409s on illegal moves', async () => {
    const { api } = setup();
    const customer = (await api.post('/api/v1/customers', {})).body.data;
    const plan = (await api.post('/api/v1/plans', PLAN_INPUT)).body.data;
    const base = { customerId: customer.id, planId: plan.id, priceId: plan.prices[0].id };

    const trial = (await api.post('/api/v1/subscriptions', { ...base, trialDays: 14 })).body.data;
    expect(trial).toMatchObject({ status: 'trialing', trialEnd: new Date(NOW + 14 * 86400_000).toISOString() });

    const sub = (await api.post('/api/v1/subscriptions', base)).body.data;
    expect(sub).toMatchObject({ status: 'active', currentPeriodEnd: '2026-04-01T12:00:00.000Z', collectionMethod: 'charge_automatically' });
    expect((await api.post(`/api/v1/subscriptions/${sub.id}/resume`)).status).toBe(409);
    expect((await api.post(`/api/v1/subscriptions/${sub.id}/pause`, {})).body.data.status).toBe('paused');
    expect((await api.post(`/api/v1/subscriptions/${sub.id}/pause`, {})).status).toBe(409);
    expect((await api.post(`/api/v1/subscriptions/${sub.id}/resume`)).body.data.status).toBe('active');
    const later = (await api.post(`/api/v1/subscriptions/${sub.id}/cancel`, { at: 'period_end' })).body.data;
    expect(later).toMatchObject({ status: 'active', cancelAt: sub.currentPeriodEnd });
    expect((await api.post(`/api/v1/subscriptions/${sub.id}/cancel`, {})).body.error.field).toBe('at');
    const now = (await api.post(`/api/v1/subscriptions/${sub.id}/cancel`, { at: 'now', reason: 'merchant' })).body.data;
    expect(now).toMatchObject({ status: 'canceled', canceledReason: 'merchant' });
    for (const action of ['cancel', 'pause', 'resume']) {
      expect((await api.post(`/api/v1/subscriptions/${sub.id}/${action}`, { at: 'now' })).status).toBe(409);
    }
    expect((await api.patch(`/api/v1/subscriptions/${sub.id}`, { metadata: { a: 'b' } })).status).toBe(409);
    expect((await api.post('/api/v1/subscriptions', { ...base, priceId: 'price_other' })).body.error.field).toBe('priceId');
    // The customer now has subscriptions: deleting it is refused.
    expect((await api.del(`/api/v1/customers/${customer.id}`)).status).toBe(409);
  });
});

describe('refunds', () => {
  it('refunds a completed session up to the remaining amount, then settles', async () => {
    const { emulator, api } = setup();
    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    const unpaid = await api.post('/api/v1/refunds', { sourceType: 'checkout_session', sourceId: session.id });
    expect(unpaid.body.error.field).toBe('sourceId');
    const { paymentId } = emulator.completeCheckout(session.id);

    const partial = (await api.post('/api/v1/refunds', { chargeId: paymentId, amount: 50000, reason: 'requested_by_customer' })).body.data;
    expect(partial).toMatchObject({ status: 'pending', amount: 50000, chargeId: paymentId, currency: 'IDR' });
    const tooMuch = await api.post('/api/v1/refunds', { chargeId: paymentId, amount: 100001 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatchObject({ code: 'validation_error', field: 'amount' });
    const rest = (await api.post('/api/v1/refunds', { sourceType: 'checkout_session', sourceId: session.id })).body.data;
    expect(rest.amount).toBe(100000);

    expect(emulator.settleRefund(partial.id, 'succeeded').status).toBe('succeeded');
    const failed = emulator.settleRefund(rest.id, 'failed');
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'provider_declined' });
    expect(emulator.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['plugipay.refund.issued.v1', 'plugipay.refund.failed.v1']),
    );
    // The failed refund's amount is refundable again.
    expect((await api.post('/api/v1/refunds', { chargeId: paymentId })).body.data.amount).toBe(100000);
    expect((await api.get(`/api/v1/refunds?chargeId=${paymentId}&status=pending`)).body.data).toHaveLength(1);
    expect((await api.post('/api/v1/refunds', { chargeId: paymentId, sourceType: 'invoice', sourceId: 'x' })).body.error.field).toBe(
      'chargeId',
    );
    expect((await api.post('/api/v1/refunds', { reason: 'other' })).status).toBe(400);
  });
});

describe('events', () => {
  it('records every state change with data.object, filters and replays', async () => {
    const { emulator, api, advance } = setup();
    const c = (await api.post('/api/v1/customers', { name: 'E' }, { idempotencyKey: 'idem_evt' })).body.data;
    advance(60_000);
    await api.patch(`/api/v1/customers/${c.id}`, { name: 'F' });
    const all = (await api.get('/api/v1/events?order=asc')).body.data;
    expect(all.map((e: { type: string }) => e.type)).toEqual(['plugipay.customer.created.v1', 'plugipay.customer.updated.v1']);
    expect(all[0]).toMatchObject({
      accountId: 'acc_emulator',
      mode: 'test',
      data: { object: { id: c.id, name: 'E' } },
      metadata: { idempotencyKey: 'idem_evt' },
    });
    expect(all[1].data.object.name).toBe('F');
    const byType = (await api.get('/api/v1/events?type=plugipay.customer.updated.v1')).body.data;
    expect(byType).toHaveLength(1);
    const after = encodeURIComponent(new Date(NOW + 1).toISOString());
    expect((await api.get(`/api/v1/events?occurredAfter=${after}`)).body.data).toHaveLength(1);
    expect((await api.get(`/api/v1/events?occurredBefore=${after}`)).body.data).toHaveLength(1);
    expect((await api.get(`/api/v1/events/${all[0].id}`)).body.data.id).toBe(all[0].id);
    expect((await api.get('/api/v1/events/evt_nope')).status).toBe(404);

    const replay = (await api.post('/api/v1/events/replay', { eventIds: [all[0].id] })).body.data;
    expect(replay.events[0].metadata.replayOf).toBe(all[0].id);
    expect((await api.post('/api/v1/events/replay', { eventIds: [] })).body.error.field).toBe('eventIds');
    expect(emulator.events()).toHaveLength(3);
  });
});

describe('routes', () => {
  it('answers 501 not_emulated for every signed API route it has no handler for, 404/405 only off the API', async () => {
    const { api } = setup();
    for (const [target, method] of [
      ['/api/v1/reports/pnl', 'GET'],
      ['/api/v1/ledger/balances', 'GET'],
      ['/api/v1/gift-cards', 'POST'],
      ['/api/v1/invoices/inv_1/invoice.pdf', 'GET'],
      ['/api/v1/checkout-sessions/cs_1/receipt-link', 'GET'],
      // No list behind it: a namespace nobody has heard of is not emulated either, not "not found".
      ['/api/v1/teleport', 'GET'],
      ['/api/v1/teleport/tp_1/beam?x=1', 'POST'],
      ['/api/v1', 'GET'],
    ] as const) {
      const res = await api.call(target, { method, body: method === 'POST' ? {} : undefined });
      expect(res.status, target).toBe(501);
      expect(res.body.error.code).toBe('not_emulated');
      expect(res.body.error.message).toContain(`${method} ${target.split('?')[0]}`);
      expect(res.body.error.details).toMatchObject({ method, path: target.split('?')[0], emulatedMethods: [] });
      expect(res.body.meta.requestId).toMatch(/^req_/);
    }
    // A method the emulator lacks on an emulated path: the server may have it, so 501 too, naming what is emulated.
    for (const [target, method] of [
      ['/api/v1/customers', 'PUT'],
      ['/api/v1/checkout-sessions/cs_1', 'PUT'],
    ] as const) {
      const res = await api.call(target, { method, body: method === 'PUT' ? {} : undefined });
      expect(res.status, `${method} ${target}`).toBe(501);
      expect(res.body.error.code).toBe('not_emulated');
      expect(res.body.error.details.emulatedMethods.length).toBeGreaterThan(0);
      expect(res.body.error.details.emulatedMethods).not.toContain(method);
    }
    // Off the API: 404 for an unknown path, 405 with Allow for a wrong method on the emulator's own pages.
    for (const target of ['/teleport', '/api/v2/customers', '/api/v1x/customers', '/apiv1/customers']) {
      const res = await api.get(target);
      expect(res.status, target).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const wrong = await api.get('/_emulator/test-clocks/advance');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('checks the signature before answering not_emulated, except on the public API paths', async () => {
    const { emulator } = setup();
    const unsigned = await emulator.fetch(`${BASE}/api/v1/teleport`);
    expect(unsigned.status).toBe(401);
    const badlySigned = await emulator.fetch(`${BASE}/api/v1/teleport`, {
      headers: {
        Authorization: `Plugipay-HMAC-SHA256 keyId=${emulator.credentials.keyId}, scope=*, signature=${'0'.repeat(64)}`,
        'X-Plugipay-Timestamp': String(Math.floor(NOW / 1000)),
      },
    });
    expect(badlySigned.status).toBe(401);
    expect(((await badlySigned.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    for (const path of ['/api/v1/config', '/api/v1/public/anything/new']) {
      const res = await emulator.fetch(`${BASE}${path}`);
      expect(res.status, path).toBe(501);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_emulated');
    }
  });

  it('seeds objects without events and resets to the seed', async () => {
    const { emulator, api } = setup({
      seed: {
        customers: [{ id: 'cus_seed', email: 'seed@example.com' }],
        plans: [{ id: 'plan_seed', ...PLAN_INPUT }],
        webhookEndpoints: [{ id: 'whep_seed', url: 'https://hooks.example/x', secret: 'whsec_fixed' }],
      },
    });
    expect((await api.get('/api/v1/customers/cus_seed')).body.data.email).toBe('seed@example.com');
    expect((await api.get('/api/v1/plans/plan_seed')).status).toBe(200);
    expect(emulator.webhookSecret('whep_seed')).toBe('whsec_fixed');
    expect(emulator.events()).toHaveLength(0);
    await api.post('/api/v1/customers', {});
    emulator.reset();
    expect(emulator.requests).toHaveLength(0);
    expect((await api.get('/api/v1/customers')).body.data.map((c: { id: string }) => c.id)).toEqual(['cus_seed']);
  });
});
