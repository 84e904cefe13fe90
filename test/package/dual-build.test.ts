/**
 * The built package (run `npm run build` first; `npm test` does): the ESM and CJS builds loaded
 * side by side share one error hierarchy, so `instanceof` holds across the two copies.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('ESM and CJS builds side by side', async () => {
  const esm = await import('../../dist/index.mjs');
  const cjs = require('../../dist/index.cjs');

  it('are two copies of the classes', () => {
    expect(esm.PlugipayError).not.toBe(cjs.PlugipayError);
  });

  it('answer instanceof for each other’s errors, class by class', () => {
    const fromCjs = new cjs.PlugipayTimeoutError({ code: 'timeout', message: 'm' });
    const fromEsm = new esm.PlugipayNetworkError({ code: 'network_error', message: 'm' });
    expect(fromCjs).toBeInstanceOf(esm.PlugipayError);
    expect(fromCjs).toBeInstanceOf(esm.PlugipayTimeoutError);
    expect(fromCjs).not.toBeInstanceOf(esm.PlugipayNetworkError);
    expect(fromEsm).toBeInstanceOf(cjs.PlugipayError);
    expect(fromEsm).toBeInstanceOf(cjs.PlugipayNetworkError);
    expect(esm.isRetryable(fromCjs)).toBe(true);
    expect(cjs.isRetryable(fromEsm)).toBe(true);
  });

  it('a failure raised by the CJS client is caught as the ESM class', async () => {
    const client = new cjs.PlugipayClient({ keyId: 'k', secret: 's', fetch: async () => new Response('<h1>down</h1>', { status: 503 }) });
    const err = await client.customers.get('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(esm.PlugipayError);
    expect(err).toMatchObject({ status: 503, code: 'invalid_response' });
  });
});
