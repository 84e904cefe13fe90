import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { IDEMPOTENCY_MAX_ENTRIES, IDEMPOTENCY_TTL_MS, IdempotencyStore } from '../../src/testing/emulator/idempotency';
import { apiFor, CHECKOUT_INPUT } from './helpers';

function setup() {
  const emulator = createEmulator();
  return { emulator, api: apiFor(emulator) };
}

describe('emulator idempotency (WIRE 4)', () => {
  it('replays the first response for the same key and body, without running it again', async () => {
    const { emulator, api } = setup();
    const first = await api.post('/api/v1/customers', { email: 'a@example.com' }, { idempotencyKey: 'idem_same' });
    const again = await api.post('/api/v1/customers', { email: 'a@example.com' }, { idempotencyKey: 'idem_same' });
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text); // the original body, request id included
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const list = await api.get('/api/v1/customers');
    expect(list.body.data).toHaveLength(1);
    expect(emulator.events({ type: 'plugipay.customer.created.v1' })).toHaveLength(1);
    expect(emulator.requests.map((r) => r.replayed)).toEqual([false, true, false]);
  });

  it('answers 409 idempotency_conflict for the same key with another body or route', async () => {
    const { api } = setup();
    await api.post('/api/v1/customers', { email: 'a@example.com' }, { idempotencyKey: 'idem_k' });
    const otherBody = await api.post('/api/v1/customers', { email: 'b@example.com' }, { idempotencyKey: 'idem_k' });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error.code).toBe('idempotency_conflict');
    const otherRoute = await api.post('/api/v1/plans', { email: 'a@example.com' }, { idempotencyKey: 'idem_k' });
    expect(otherRoute.body.error.code).toBe('idempotency_conflict');
  });

  it('keeps keys per workspace', async () => {
    const { api } = setup();
    const a = await api.post('/api/v1/customers', { name: 'A' }, { idempotencyKey: 'idem_ws' });
    const b = await api.post('/api/v1/customers', { name: 'B' }, { idempotencyKey: 'idem_ws', onBehalfOf: 'acc_other' });
    expect(b.status).toBe(201);
    expect(b.body.data.accountId).toBe('acc_other');
    expect(a.body.data.accountId).toBe('acc_emulator');
  });

  it('replays errors too (a 4xx is a result), but not 5xx', async () => {
    const { emulator, api } = setup();
    const bad = await api.post('/api/v1/checkout-sessions', { amount: 0 }, { idempotencyKey: 'idem_bad' });
    expect(bad.status).toBe(400);
    const replay = await api.post('/api/v1/checkout-sessions', { amount: 0 }, { idempotencyKey: 'idem_bad' });
    expect(replay.text).toBe(bad.text);

    emulator.inject({ match: { path: '/api/v1/customers' }, status: 503, phase: 'after' });
    const lost = await api.post('/api/v1/customers', { name: 'Lost' }, { idempotencyKey: 'idem_lost' });
    expect(lost.status).toBe(503);
    // The write happened before the answer was lost: the retry replays the stored 201.
    const retry = await api.post('/api/v1/customers', { name: 'Lost' }, { idempotencyKey: 'idem_lost' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.get('/api/v1/customers')).body.data).toHaveLength(1);
  });

  it('creates exactly one customer from 50 concurrent creates under one key', async () => {
    const { api } = setup();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => api.post('/api/v1/customers', { email: 'race@example.com' }, { idempotencyKey: 'idem_race' })),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.data.id)).size).toBe(1);
    const list = await api.get('/api/v1/customers?limit=100');
    expect(list.body.data).toHaveLength(1);
  });

  it('ignores the header on GET and does not require keys on public routes', async () => {
    const { api, emulator } = setup();
    expect((await api.get('/api/v1/customers', { idempotencyKey: 'idem_get' })).status).toBe(200);
    const session = await api.post('/api/v1/checkout-sessions', {
      amount: 1000,
      currency: 'IDR',
      methods: ['qris'],
      successUrl: 'https://shop.example/ok',
      cancelUrl: 'https://shop.example/no',
    });
    const charge = await emulator.fetch(`https://plugipay.com/api/v1/public/checkout/sessions/${session.body.data.id}/charge`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'qris' }),
    });
    expect(charge.status).toBe(200);
  });
});

describe('Idempotency-Key only where the server requires it', () => {
  /** A workspace with an endpoint that received one delivery, and a session awaiting the merchant's confirm. */
  async function world() {
    const received: string[] = [];
    const emulator = createEmulator({
      webhookFetch: async (_input, init) => {
        received.push(String(init?.body));
        return new Response('ok');
      },
    });
    const api = apiFor(emulator);
    const endpoint = (await api.post('/api/v1/webhooks', { url: 'https://shop.example/hooks', events: ['*'] })).body.data;
    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    await emulator.flushWebhooks();
    emulator.expireCheckout((await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data.id);
    await emulator.flushWebhooks();
    const delivery = emulator.deliveries()[0]!;
    return { emulator, api, endpoint, session, delivery, received };
  }

  it('runs the routes the official clients call without a key (PATCH/DELETE /webhooks/{id}, delivery retry, confirm, bank account), and no others', async () => {
    const { emulator, api, endpoint, session, delivery } = await world();
    const none = { idempotencyKey: null };

    const patched = await api.patch(`/api/v1/webhooks/${endpoint.id}`, { description: 'orders' }, none);
    expect(patched.status).toBe(200);
    expect(patched.body.data.description).toBe('orders');

    const retried = await api.post(`/api/v1/webhooks/deliveries/${delivery.id}/retry`, {}, none);
    expect(retried.status).toBe(200);
    expect(retried.body.data.id).toBe(delivery.id);

    const confirmed = await api.post(`/api/v1/checkout-sessions/${session.id}/confirm`, {}, none);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.status).toBe('completed');

    const bank = await api.patch(
      '/api/v1/payouts/bank-account',
      { bankName: 'BCA', bankAccountNumber: '1234567890', bankAccountHolder: 'PT Toko' },
      none,
    );
    expect(bank.status).toBe(200);
    expect(bank.body.data).toMatchObject({ bankName: 'BCA', configured: true });

    const removed = await api.del(`/api/v1/webhooks/${endpoint.id}`, none);
    expect(removed.status).toBe(204);
    expect(emulator.requests.filter((r) => r.method !== 'GET').every((r) => r.status! < 400)).toBe(true);

    // Where the server requires one (creates, money actions), it is still required.
    for (const [target, body] of [
      ['/api/v1/customers', {}],
      ['/api/v1/checkout-sessions', CHECKOUT_INPUT],
      [`/api/v1/checkout-sessions/${session.id}/cancel`, {}],
      ['/api/v1/webhooks', { url: 'https://shop.example/other', events: ['*'] }],
    ] as const) {
      const res = await api.post(target, body, { idempotencyKey: null });
      expect([target, res.status, res.body.error.code]).toEqual([target, 400, 'idempotency_key_required']);
    }
  });

  it('replays when a key is sent on one of those routes, and answers 409 for the same key with another body', async () => {
    const { api, endpoint } = await world();
    const first = await api.patch(`/api/v1/webhooks/${endpoint.id}`, { description: 'one' }, { idempotencyKey: 'idem_patch' });
    const again = await api.patch(`/api/v1/webhooks/${endpoint.id}`, { description: 'one' }, { idempotencyKey: 'idem_patch' });
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await api.patch(`/api/v1/webhooks/${endpoint.id}`, { description: 'two' }, { idempotencyKey: 'idem_patch' });
    expect(other.body.error.code).toBe('idempotency_conflict');
    // Without a key nothing is remembered: each call runs.
    const a = await api.patch(`/api/v1/webhooks/${endpoint.id}`, { description: 'three' }, { idempotencyKey: null });
    const b = await api.patch(`/api/v1/webhooks/${endpoint.id}`, { description: 'three' }, { idempotencyKey: null });
    expect(a.body.meta.requestId).not.toBe(b.body.meta.requestId);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('the idempotency store is bounded in time and size', () => {
  const stored = { status: 201, headers: [], body: '{}' };

  it('forgets a key 24 h after its first use, as the server does: memory is freed, and the same key runs again', async () => {
    let now = Date.UTC(2026, 0, 1);
    const store = new IdempotencyStore(() => now);
    for (let i = 0; i < 100; i++) {
      const claim = store.claim('acc', `idem_${i}`, 'POST /x');
      if (claim.kind === 'first') claim.settle(stored);
    }
    expect(store.size).toBe(100);
    now += IDEMPOTENCY_TTL_MS - 1;
    expect(store.claim('acc', 'idem_0', 'POST /x').kind).toBe('duplicate');
    now += 1;
    const fresh = store.claim('acc', 'idem_new', 'POST /x');
    expect(fresh.kind).toBe('first');
    expect(store.size).toBe(1);
    expect(store.claim('acc', 'idem_0', 'POST /other').kind).toBe('first'); // no conflict with a forgotten key

    // Through the emulator: the same key a day later creates a second customer.
    now = Date.UTC(2026, 0, 1);
    const emulator = createEmulator({ now: () => now });
    const api = apiFor(emulator, { now: () => now });
    const first = await api.post('/api/v1/customers', { name: 'A' }, { idempotencyKey: 'idem_day' });
    now += IDEMPOTENCY_TTL_MS;
    const later = await api.post('/api/v1/customers', { name: 'A' }, { idempotencyKey: 'idem_day' });
    expect(later.status).toBe(201);
    expect(later.body.data.id).not.toBe(first.body.data.id);
  });

  it('keeps at most maxEntries keys (default 10,000), forgetting the oldest first', () => {
    expect(IDEMPOTENCY_MAX_ENTRIES).toBe(10_000);
    const store = new IdempotencyStore(() => 0, 3);
    for (const key of ['a', 'b', 'c', 'd']) {
      const claim = store.claim('acc', key, 'f');
      if (claim.kind === 'first') claim.settle(stored);
    }
    expect(store.size).toBe(3);
    expect(store.claim('acc', 'd', 'f').kind).toBe('duplicate');
    expect(store.claim('acc', 'b', 'f').kind).toBe('duplicate');
    expect(store.claim('acc', 'a', 'f').kind).toBe('first'); // the oldest went

    const big = new IdempotencyStore(() => 0);
    for (let i = 0; i < IDEMPOTENCY_MAX_ENTRIES + 500; i++) {
      const claim = big.claim('acc', `k${i}`, 'f');
      if (claim.kind === 'first') claim.settle(stored);
    }
    expect(big.size).toBe(IDEMPOTENCY_MAX_ENTRIES);
  });
});
