/** `saveState()` / `createEmulator({ state })`: what `--state` relies on. */
import { describe, expect, it } from 'vitest';
import { createEmulator, type EmulatorState } from '../../src/testing/emulator';
import type { SavedAccount } from '../../src/testing/emulator/persistence';
import { apiFor, CHECKOUT_INPUT, PLAN_INPUT } from './helpers';

describe('emulator state round trip', () => {
  it('restores objects in list order, webhook secrets, numbering and expiry', async () => {
    let now = Date.UTC(2026, 6, 1);
    const first = createEmulator({ now: () => now });
    const api = apiFor(first, { now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await api.post('/api/v1/customers', { name: `C${i}`, externalId: `x${i}` })).body.data.id);
    const endpoint = (await api.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook' })).body.data;
    const session = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, expiresInSec: 60 })).body.data;
    const invoice = (
      await api.post('/api/v1/invoices', { customerId: ids[0], currency: 'IDR', lines: [{ description: 'x', quantity: 1, unitAmount: 1 }] })
    ).body.data;

    const saved = JSON.parse(JSON.stringify(first.saveState()));
    const second = createEmulator({ now: () => now, keys: [first.credentials], state: saved });
    const api2 = apiFor(second, { now: () => now });
    expect((await api2.get('/api/v1/customers?order=asc&limit=10')).body.data.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(second.webhookSecret(endpoint.id)).toBe(endpoint.secret);
    expect((await api2.post('/api/v1/customers', { externalId: 'x3' })).status).toBe(409);
    const next = (
      await api2.post('/api/v1/invoices', {
        customerId: ids[0],
        currency: 'IDR',
        lines: [{ description: 'y', quantity: 1, unitAmount: 1 }],
      })
    ).body.data;
    expect(next.number).not.toBe(invoice.number);
    now += 61_000;
    expect((await api2.get(`/api/v1/checkout-sessions/${session.id}`)).body.data.status).toBe('expired');
  });

  it('malformed state throws an error naming what is wrong, and leaves nothing half-loaded', () => {
    expect(() => createEmulator({ state: { nope: true } as never })).toThrow(/emulator state: not an emulator state/);
    const bad = { format: 'plugipay-emulator-state', version: 1, accounts: { acc_1: { tables: { customers: [{ name: 'no id' }] } } } };
    expect(() => createEmulator({ state: bad as never })).toThrow(/accounts\.acc_1\.tables\.customers\[0\] has no string id/);
    expect(() => createEmulator({ state: { ...bad, version: 2 } as never })).toThrow(/version 2/);
  });
});

describe('--state rows are checked on load', () => {
  /** A state with a row in every table, made through the API as an app would. */
  async function fullState(): Promise<EmulatorState> {
    const emulator = createEmulator({ webhookFetch: async () => new Response('ok') });
    const api = apiFor(emulator);
    await api.post('/api/v1/webhooks', { url: 'https://shop.example/hooks', events: ['*'] });
    const customer = (await api.post('/api/v1/customers', { name: 'Ada', email: 'ada@example.com' })).body.data;
    const plan = (await api.post('/api/v1/plans', PLAN_INPUT)).body.data;
    await api.post('/api/v1/subscriptions', { customerId: customer.id, planId: plan.id, priceId: plan.prices[0].id });
    await api.post('/api/v1/invoices', {
      customerId: customer.id,
      currency: 'IDR',
      lines: [{ description: 'x', quantity: 1, unitAmount: 1 }],
    });
    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    const paid = emulator.completeCheckout(session.id);
    await api.post('/api/v1/refunds', { chargeId: paid.paymentId, amount: 1000 });
    await api.post('/api/v1/payouts', { amount: 5000, currency: 'IDR', bankName: 'BCA', bankAccountNumber: '1', bankAccountHolder: 'Ada' });
    await emulator.flushWebhooks();
    const state = emulator.saveState();
    for (const [name, rows] of Object.entries(state.accounts.acc_emulator!.tables)) expect([name, rows.length > 0]).toEqual([name, true]);
    return state;
  }

  /** `state` with one field of the first row of `table` set to `value` (`undefined` deletes it). */
  function withField(state: EmulatorState, table: keyof SavedAccount['tables'], field: string, value: unknown): EmulatorState {
    const copy = structuredClone(state);
    const row = copy.accounts.acc_emulator!.tables[table][0] as Record<string, unknown>;
    if (value === undefined) delete row[field];
    else row[field] = value;
    return copy;
  }

  it('loads what the emulator saved, and refuses a javascript: URL or a malformed row naming the row and field', async () => {
    const state = await fullState();
    expect(() => createEmulator({ state })).not.toThrow();
    const sessionId = state.accounts.acc_emulator!.tables.checkoutSessions[0]!.id;

    const cases: [keyof SavedAccount['tables'], string, unknown, RegExp][] = [
      [
        'checkoutSessions',
        'successUrl',
        'javascript:alert(document.cookie)',
        /checkoutSessions\[0\] \(id "cs_\w+"\)\.successUrl must be an absolute http\(s\) URL \(got "javascript:alert/,
      ],
      [
        'checkoutSessions',
        'cancelUrl',
        'data:text/html,<script>x</script>',
        /checkoutSessions\[0\].*\.cancelUrl must be an absolute http\(s\) URL/,
      ],
      ['checkoutSessions', 'hostedUrl', '/relative', /\.hostedUrl must be an absolute http\(s\) URL/],
      ['checkoutSessions', 'amount', '150000', /\.amount must be an integer/],
      ['checkoutSessions', 'methods', 'qris', /\.methods must be an array of strings/],
      ['checkoutSessions', 'status', undefined, /\.status is missing/],
      ['webhookEndpoints', 'url', 'javascript:void(0)', /webhookEndpoints\[0\].*\.url must be an absolute http\(s\) URL/],
      ['customers', 'createdAt', 'yesterday', /customers\[0\].*\.createdAt must be an ISO-8601 time/],
      ['customers', 'name', 42, /customers\[0\].*\.name must be a string/],
      ['invoices', 'total', null, /invoices\[0\].*\.total must not be null/],
      ['subscriptions', 'planId', undefined, /subscriptions\[0\].*\.planId is missing/],
      ['plans', 'prices', {}, /plans\[0\].*\.prices must be an array/],
      ['refunds', 'amount', 1.5, /refunds\[0\].*\.amount must be an integer/],
      ['payouts', 'status', 7, /payouts\[0\].*\.status must be a string/],
      ['events', 'type', null, /events\[0\].*\.type must not be null/],
      ['deliveries', 'attempts', 'three', /deliveries\[0\].*\.attempts must be an integer/],
    ];
    for (const [table, field, value, message] of cases) {
      const load = () => createEmulator({ state: withField(state, table, field, value) });
      expect(load, `${table}.${field}`).toThrow(message);
      expect(load, `${table}.${field}`).toThrow(/^emulator state: accounts\.acc_emulator\.tables\./);
    }
    // The message names the row by its place and id, so the file can be fixed by hand.
    expect(() => createEmulator({ state: withField(state, 'checkoutSessions', 'successUrl', 'javascript:x') })).toThrow(sessionId);
  });
});
