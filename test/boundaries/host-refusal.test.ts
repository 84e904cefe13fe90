/**
 * Rule 8: a fetch the host refuses is `permission_denied`, not a retried `network_error`. The
 * real refusal is proven in Deno (test/runtimes/deno/boundaries.test.mjs); here the mapping is
 * checked against the errors Deno throws, by name, from a fetch that throws them.
 */
import { describe, expect, it } from 'vitest';
import { isRetryable, PlugipayClient, PlugipayNetworkError, type FetchLike } from '../../src/entries/index';
import { failure } from '../support/failure';

/** A fetch that throws what Deno throws without --allow-net: an error named NotCapable (Deno 2) or PermissionDenied (Deno 1). */
function refusing(name: string) {
  let calls = 0;
  const fetch: FetchLike = async (input) => {
    calls++;
    const error = new Error(`Requires net access to "${new URL(String(input)).host}", run again with the --allow-net flag`);
    error.name = name;
    throw error;
  };
  return { fetch, calls: () => calls };
}

describe('host refusals', () => {
  it.each(['NotCapable', 'PermissionDenied'])(
    '%s is permission_denied, names --allow-net=<host:port>, and is not retried',
    async (name) => {
      const host = refusing(name);
      const client = new PlugipayClient({
        keyId: 'pk_1',
        secret: 'sk_1',
        baseUrl: 'http://127.0.0.1:4010',
        fetch: host.fetch,
        maxRetries: 3,
      });
      const error = await failure(client.customers.create({ name: 'A' }));
      expect(error).toMatchObject({ code: 'permission_denied', status: 0, name: 'PlugipayError' });
      expect(error).not.toBeInstanceOf(PlugipayNetworkError);
      expect(error.message).toContain('--allow-net=127.0.0.1:4010');
      expect(error.idempotencyKey).toMatch(/^idem_/);
      expect(isRetryable(error)).toBe(false);
      expect(host.calls()).toBe(1);
    },
  );

  it('a default port is left out, as Deno writes the host', async () => {
    const client = new PlugipayClient({ keyId: 'pk_1', secret: 'sk_1', fetch: refusing('NotCapable').fetch });
    expect((await failure(client.customers.get('cus_1'))).message).toContain('--allow-net=plugipay.com ');
  });

  it('any other fetch failure is still a retryable network_error', async () => {
    const client = new PlugipayClient({ keyId: 'pk_1', secret: 'sk_1', fetch: refusing('TypeError').fetch });
    const error = await failure(client.customers.get('cus_1'));
    expect(error).toBeInstanceOf(PlugipayNetworkError);
    expect(isRetryable(error)).toBe(true);
  });
});
