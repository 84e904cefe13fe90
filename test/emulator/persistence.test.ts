/** `saveState()` / `createEmulator({ state })`: what `--state` relies on. */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { apiFor, CHECKOUT_INPUT } from './helpers';

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
