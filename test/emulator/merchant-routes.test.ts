/**
 * The four routes a merchant integration reaches for beside the core ones: the event-type
 * catalogue and deleting a checkout session (through `client.request()`, as any client reaches
 * them), managed provisioning and the key's own workspace (typed methods), against the emulator.
 */
import { describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/resources/registry';
import { createEmulator } from '../../src/testing/emulator';
import { EVENT_TYPES } from '../../src/testing/emulator/routes/events';
import { apiFor, BASE } from './helpers';

const CHECKOUT_INPUT = {
  amount: 150000,
  currency: 'IDR',
  methods: ['qris' as const],
  successUrl: 'https://shop.example/ok',
  cancelUrl: 'https://shop.example/cancel',
};

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator(options);
  const client = new PlugipayClient({ ...emulator.credentials, baseUrl: BASE, fetch: emulator.fetch, maxRetries: 0 });
  return { emulator, client, api: apiFor(emulator) };
}

describe('GET /api/v1/events/types', () => {
  it('lists every event type the emulator emits, as a bare array of strings', async () => {
    const { client } = setup();
    const types = await client.request<string[]>({ method: 'GET', path: '/api/v1/events/types' });
    expect(types).toEqual([...EVENT_TYPES]);
    expect(types).toContain('plugipay.checkout_session.completed.v1');
    expect(types.every((t) => /^plugipay\.[a-z_]+\.[a-z_]+\.v1$/.test(t))).toBe(true);
  });
});

describe('DELETE /api/v1/checkout-sessions/{id}', () => {
  it('deletes an open or expired session (204, gone from get and list), and refuses one with a payment (409)', async () => {
    const { client, emulator } = setup();
    const open = await client.checkoutSessions.create(CHECKOUT_INPUT);
    const expired = await client.checkoutSessions.create(CHECKOUT_INPUT);
    emulator.expireCheckout(expired.id);
    const paid = await client.checkoutSessions.create(CHECKOUT_INPUT);
    emulator.completeCheckout(paid.id);

    for (const session of [open, expired]) {
      const path = `/api/v1/checkout-sessions/${encodeURIComponent(session.id)}`;
      const { data, response } = await client.request<void>({ method: 'DELETE', path }).withResponse();
      expect(response.status).toBe(204);
      expect(data).toBeUndefined();
      await expect(client.checkoutSessions.get(session.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await client.checkoutSessions.list()).data.map((s) => s.id)).toEqual([paid.id]);

    const refused = await client.request({ method: 'DELETE', path: `/api/v1/checkout-sessions/${paid.id}` }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, code: 'conflict' });
    expect((await client.checkoutSessions.get(paid.id)).status).toBe('completed');
    const missing = await client.request({ method: 'DELETE', path: '/api/v1/checkout-sessions/cs_missing' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('onboarding.provisionManaged()', () => {
  it('creates one sub-account per workspace and answers it again on every call, with or without an Idempotency-Key', async () => {
    const { client, api, emulator } = setup();
    const first = await client.onboarding.provisionManaged();
    expect(first).toEqual({ subAccountId: expect.stringMatching(/^acct_/) });
    expect(await client.onboarding.provisionManaged()).toEqual(first);
    const bare = await api.post('/api/v1/onboarding/provision-managed', {}, { idempotencyKey: null });
    expect(bare.status).toBe(200);
    expect(bare.body.data).toEqual(first);
    // Another workspace has its own; a restart from saved state keeps both.
    const other = await client.forMerchant('acc_other').onboarding.provisionManaged();
    expect(other.subAccountId).not.toBe(first.subAccountId);
    const restarted = createEmulator({ keys: [emulator.credentials], state: emulator.saveState() });
    const again = new PlugipayClient({ ...emulator.credentials, baseUrl: BASE, fetch: restarted.fetch });
    expect(await again.onboarding.provisionManaged()).toEqual(first);
  });
});

describe('workspaces.get()', () => {
  it("answers the key's own workspace (the merchant's with onBehalfOf), unwrapped from the server's list of one", async () => {
    const { client, api } = setup({ accountId: 'acc_shop' });
    expect(await client.workspaces.get()).toEqual({ id: 'acc_shop', name: 'Plugipay Emulator', mode: 'test' });
    expect((await client.forMerchant('acc_partner_1').workspaces.get()).id).toBe('acc_partner_1');
    const raw = await api.get('/api/v1/workspaces');
    expect(raw.body.data).toEqual([{ id: 'acc_shop', name: 'Plugipay Emulator', mode: 'test' }]);
  });

  it('takes a bare object as it is, and an empty list is invalid_response', async () => {
    const answer = (data: unknown) =>
      new PlugipayClient({
        keyId: 'pk_test_x',
        secret: 'sk_test_x',
        baseUrl: BASE,
        fetch: async () =>
          new Response(JSON.stringify({ data, error: null, meta: { requestId: 'req_1' } }), {
            headers: { 'content-type': 'application/json' },
          }),
      });
    expect(await answer({ id: 'acc_1', name: 'Toko' }).workspaces.get()).toEqual({ id: 'acc_1', name: 'Toko' });
    await expect(answer([]).workspaces.get()).rejects.toMatchObject({ name: 'PlugipayError', code: 'invalid_response' });
  });
});
