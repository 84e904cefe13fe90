/**
 * Byte-level checks against a bare node:http server on 127.0.0.1 that recomputes every
 * signature with node:crypto from the raw request target and body it received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
import { verifyReceived } from '../support/node-signer';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

const SECRET = 'sk_test_wire_secret_0123456789';
let server: RawServer;
let client: PlugipayClient;

beforeAll(async () => {
  server = await startRawServer((req, res) => {
    const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const check = verifyReceived({
      secret: SECRET,
      method: req.method,
      target: req.target,
      headers: req.headers,
      body: req.body,
      multipart,
    });
    if (!check.ok)
      return sendJson(
        res,
        401,
        JSON.stringify({ data: null, error: { code: 'invalid_signature', message: check.reason }, meta: { requestId: 'req_bad' } }),
      );
    const isList = req.method === 'GET' && /\/customers(\?|$)/.test(req.target);
    sendJson(res, 200, envelope(isList ? [] : { id: 'ok', target: req.target }));
  });
  client = new PlugipayClient({ keyId: 'pk_test_wire', secret: SECRET, baseUrl: `${server.url}/` });
});
afterAll(() => server.close());

const AWKWARD_IDS = ['cus 1', 'cus/1/x', 'cus%41', 'cus#frag', 'cüs_ñ_東京', 'cus?x=1', "o'brien+co", 'emoji_💳'];

describe('every request verifies on an independent server', () => {
  it.each(AWKWARD_IDS)('path id %j is encoded once and signed as sent', async (id) => {
    const res = await client.customers.get(id).withResponse();
    const received = server.received.at(-1)!;
    expect(received.target).toBe(`/api/v1/customers/${encodeURIComponent(id)}`);
    expect(res.data).toMatchObject({ id: 'ok' });
    expect(res.requestId).toBe('req_test');
  });

  it("query values with ', +, spaces, @ and & round-trip and verify", async () => {
    const email = "o'brien+tag @example.com&x=1";
    await client.customers.list({ email, externalId: 'a b+c', limit: 5, createdAfter: new Date('2026-01-02T03:04:05.678Z') });
    const target = server.received.at(-1)!.target;
    const url = new URL(target, 'http://x');
    expect(url.searchParams.get('email')).toBe(email);
    expect(url.searchParams.get('externalId')).toBe('a b+c');
    expect(url.searchParams.get('createdAfter')).toBe('2026-01-02T03:04:05.678Z');
    expect([...url.searchParams.keys()]).toEqual(['email', 'externalId', 'limit', 'createdAfter']);
  });

  it('query encoding: arrays repeat, booleans and numbers are literal, null/undefined dropped, order kept', async () => {
    await client.request({ method: 'GET', path: '/api/v1/things', query: { b: true, a: [1, 'x y'], n: null, u: undefined, z: 0 } });
    expect(server.received.at(-1)!.target).toBe('/api/v1/things?b=true&a=1&a=x+y&z=0');
  });

  it('writes carry an idempotency key in the header and the signature; bodies are compact JSON', async () => {
    await client.customers.update('cus 9', { name: 'Ada Lovelace', metadata: { order: "#1 'x'" } });
    const received = server.received.at(-1)!;
    expect(received.method).toBe('PATCH');
    expect(received.headers['idempotency-key']).toMatch(/^idem_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(received.body.toString()).toBe(JSON.stringify({ name: 'Ada Lovelace', metadata: { order: "#1 'x'" } }));
  });

  it('bodiless actions send {} and DELETE sends no body', async () => {
    await client.checkoutSessions.cancel('cs 1');
    expect(server.received.at(-1)!.body.toString()).toBe('{}');
    await client.customers.delete('cus/del');
    const del = server.received.at(-1)!;
    expect(del.method).toBe('DELETE');
    expect(del.body.length).toBe(0);
    expect(del.headers['content-type']).toBeUndefined();
  });

  it('a multipart upload verifies when signed as an empty body', async () => {
    const form = new FormData();
    form.append('file', new Blob(['\x89PNG fake'], { type: 'image/png' }), 'a.png');
    await client.request({ method: 'POST', path: '/api/v1/uploads/image', body: form });
    expect(String(server.received.at(-1)!.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('onBehalfOf from the client, from forMerchant, and per call', async () => {
    await client.forMerchant('acc_merchant 1').customers.get('c');
    expect(server.received.at(-1)!.headers['x-plugipay-on-behalf-of']).toBe('acc_merchant 1');
    await client.customers.get('c', { onBehalfOf: 'acc_call' });
    expect(server.received.at(-1)!.headers['x-plugipay-on-behalf-of']).toBe('acc_call');
    await client.customers.get('c');
    expect(server.received.at(-1)!.headers['x-plugipay-on-behalf-of']).toBeUndefined();
  });

  it('Bearer mode sends the API key and no signature headers', async () => {
    const bearer = new PlugipayClient({ apiKey: 'ak_live_dashboard', baseUrl: server.url });
    await bearer.request({ method: 'GET', path: '/api/v1/anything' }).catch(() => undefined);
    const received = server.received.at(-1)!;
    expect(received.headers.authorization).toBe('Bearer ak_live_dashboard');
    expect(received.headers['x-plugipay-timestamp']).toBeUndefined();
  });

  it('fetchOptions reach fetch; extra headers are sent and cannot replace the signed ones', async () => {
    const seen: RequestInit[] = [];
    const spy = new PlugipayClient({
      keyId: 'pk',
      secret: SECRET,
      baseUrl: server.url,
      fetchOptions: { headers: { 'x-trace': 't1', authorization: 'spoof' }, next: { revalidate: 60 } },
      fetch: (input, init) => {
        seen.push(init!);
        return fetch(input, init);
      },
    });
    await spy.customers.get('c');
    expect((seen[0] as { next?: unknown }).next).toEqual({ revalidate: 60 });
    const received = server.received.at(-1)!;
    expect(received.headers['x-trace']).toBe('t1');
    expect(received.headers.authorization).toMatch(/^Plugipay-HMAC-SHA256 keyId=pk, scope=\*, signature=[0-9a-f]{64}$/);
  });
});

describe('insertion order', () => {
  it('query parameters go out in the caller’s order, not the schema’s', async () => {
    await client.customers.list({ createdAfter: '2026-01-01T00:00:00Z', email: 'a@b.co', limit: 2 });
    expect(server.received.at(-1)!.target).toBe('/api/v1/customers?createdAfter=2026-01-01T00%3A00%3A00Z&email=a%40b.co&limit=2');
  });

  it('body keys keep the caller’s order; defaults the SDK adds come after', async () => {
    await client.checkoutSessions.create({
      successUrl: 'https://a.example/ok',
      cancelUrl: 'https://a.example/no',
      methods: ['qris'],
      currency: 'IDR',
      amount: 1000,
    });
    expect(server.received.at(-1)!.body.toString()).toBe(
      '{"successUrl":"https://a.example/ok","cancelUrl":"https://a.example/no","methods":["qris"],"currency":"IDR","amount":1000,"lineItems":[]}',
    );
  });
});

describe('fetchOptions headers', () => {
  it('a Headers instance or an array of pairs is merged, not dropped', async () => {
    for (const headers of [new Headers({ 'x-trace': 'from-headers' }), [['x-trace', 'from-pairs']] as [string, string][]]) {
      const c = new PlugipayClient({ keyId: 'pk_test_wire', secret: SECRET, baseUrl: server.url, fetchOptions: { headers } });
      await c.customers.get('c');
      expect(server.received.at(-1)!.headers['x-trace']).toMatch(/^from-/);
    }
  });
});
