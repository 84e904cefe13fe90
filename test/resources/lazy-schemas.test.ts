/**
 * Schemas are built at a route's first call, never at import: a new isolate that imports the SDK
 * pays for no schema it does not use. valibot's schema and action builders are counted through
 * a mock (every export whose name does not say it parses or reads a result).
 */
import { describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => ({ n: 0 }));

vi.mock('valibot', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const counted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actual)) {
    counted[name] =
      typeof value === 'function' && /^[a-z]/.test(name) && !/parse|^is|^get|flatten|config|summarize|assert/i.test(name)
        ? (...args: unknown[]) => (built.n++, (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return counted;
});

const answer = async () => new Response(JSON.stringify({ data: { id: 'cus_1' } }), { headers: { 'content-type': 'application/json' } });
const options = { keyId: 'pk_test_lazy', secret: 'sk_test_lazy', baseUrl: 'http://127.0.0.1:9', fetch: answer };

describe('route schemas', () => {
  it('are not built at import, and each is built once, at its route’s first call, for every client', async () => {
    const { PlugipayClient } = await import('../../src/entries/index');
    expect(built.n).toBe(0);

    // The client options' schema is the core's, built at the first construction.
    const client = new PlugipayClient(options);
    const afterFirstClient = built.n;
    void client.customers;
    void client.plans;
    new PlugipayClient(options);
    expect(built.n).toBe(afterFirstClient);

    await client.customers.create({ email: 'budi@example.com' });
    const afterFirstCall = built.n;
    expect(afterFirstCall).toBeGreaterThan(afterFirstClient);

    await client.customers.create({ email: 'budi@example.com' });
    await new PlugipayClient(options).customers.create({});
    await client.customers.get('cus_1');
    expect(built.n).toBe(afterFirstCall);

    // Another route builds its own, and only its own.
    await client.customers.update('cus_1', { name: 'Budi' });
    expect(built.n).toBeGreaterThan(afterFirstCall);
  });
});
