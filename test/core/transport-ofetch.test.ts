/**
 * The transport on ofetch (issue 10): the SDK's fetch options and signature are not
 * overridable through `fetchOptions` (ofetch's own options there are ignored), fetch is called
 * as a plain function, ofetch retries nothing, and a 204 or an error body is read once by the SDK.
 */
import { describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
import { failure } from '../support/failure';

const envelope = (data: unknown, status = 200) =>
  new Response(JSON.stringify({ data, meta: { requestId: 'req_1' } }), { status, headers: { 'content-type': 'application/json' } });

describe('transport on ofetch', () => {
  it("ignores ofetch's own options in fetchOptions: no baseURL, no query, no retry, no parser of theirs", async () => {
    const seen: string[] = [];
    const client = new PlugipayClient({
      keyId: 'pk',
      secret: 'sk',
      baseUrl: 'http://127.0.0.1:9',
      fetchOptions: {
        baseURL: 'http://evil.example',
        query: { leak: 1 },
        retry: 5,
        timeout: 1,
        parseResponse: () => 'theirs',
        onRequest: () => {
          throw new Error('theirs');
        },
      },
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('<html>', { status: 502, headers: { 'content-type': 'text/html' } });
      },
    });
    const err = await failure(client.customers.get('cus_1'));
    expect(err).toMatchObject({ status: 502, code: 'invalid_response', retries: 0 });
    expect(seen).toEqual(['http://127.0.0.1:9/api/v1/customers/cus_1']);
  });

  it('calls the given fetch as a plain function (no receiver), with the signed headers', async () => {
    let receiver: unknown = 'unset';
    let headers: Headers | undefined;
    const client = new PlugipayClient({
      keyId: 'pk',
      secret: 'sk',
      baseUrl: 'http://127.0.0.1:9',
      fetch: function (this: unknown, _input, init) {
        receiver = this;
        headers = new Headers(init?.headers);
        return Promise.resolve(envelope({ id: 'cus_1' }));
      },
    });
    await expect(client.customers.get('cus_1')).resolves.toEqual({ id: 'cus_1' });
    expect(receiver).toBeUndefined();
    expect(headers?.get('authorization')).toMatch(/^Plugipay-HMAC-SHA256 keyId=pk, scope=\*, signature=[0-9a-f]{64}$/);
    expect(headers?.get('x-plugipay-timestamp')).toMatch(/^\d+$/);
  });

  it('never passes `cache` and sends the body the signature covers', async () => {
    let init: RequestInit | undefined;
    const client = new PlugipayClient({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9',
      fetch: async (_input, i) => ((init = i), envelope({ id: 'cus_1' }, 201)),
    });
    await client.customers.create({ email: 'a@example.com' });
    expect(init).not.toHaveProperty('cache');
    expect(init?.body).toBe('{"email":"a@example.com"}');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer k');
  });

  it('a 204 resolves a void route without reading a body; a network failure is mapped, not a FetchError', async () => {
    const ok = new PlugipayClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9', fetch: async () => new Response(null, { status: 204 }) });
    await expect(ok.customers.delete('cus_1')).resolves.toBeUndefined();
    const down = new PlugipayClient({
      apiKey: 'secret-key',
      baseUrl: 'http://127.0.0.1:9',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const err = await failure(down.customers.get('cus_1'));
    expect(err).toMatchObject({ code: 'network_error', status: 0, message: 'fetch failed' });
    expect(err.cause).toBeInstanceOf(TypeError);
    expect((err.cause as Error).name).not.toBe('FetchError');
    expect(JSON.stringify(err.toJSON())).not.toContain('secret-key');
  });
});
