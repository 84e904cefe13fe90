/**
 * WIRE 8 request vectors as fixed expectations, through the public API: `signRequest` for all
 * eight, and the client itself (fixed clock, fixed idempotency key) wherever the vector's shape
 * is one the client sends.
 */
import { describe, expect, it } from 'vitest';
import { PlugipayClient, signRequest } from '../../src/entries/index';
import { requestVector, vectors } from '../support/vectors';

interface Captured {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

function capturingClient(secret: string, timestamp: string) {
  const captured: Captured[] = [];
  const client = new PlugipayClient({
    keyId: 'pk_test_vectors',
    secret,
    now: () => Number(timestamp) * 1000 + 999, // whole seconds: the sub-second part is dropped
    fetch: async (input, init) => {
      captured.push({ url: String(input), method: init!.method!, headers: new Headers(init!.headers), body: init!.body });
      return new Response(JSON.stringify({ data: { id: 'x' }, error: null, meta: { requestId: 'req_v' } }), {
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, captured };
}

const signatureOf = (c: Captured) => /signature=([0-9a-f]{64})$/.exec(c.headers.get('authorization')!)![1];

describe('signRequest reproduces every WIRE 8 vector', () => {
  it.each(vectors.requests.map((v) => [v.id, v] as const))('%s', async (_id, v) => {
    const signature = await signRequest({
      secret: v.secret,
      method: v.method,
      path: v.path,
      timestamp: v.timestamp,
      body: v.multipart ? undefined : v.body === '' ? null : v.body,
      multipart: v.multipart ?? false,
      idempotencyKey: v.idempotencyKey,
    });
    expect(signature).toBe(v.signature);
  });
});

describe('the client signs the vectors it can send', () => {
  it('R3: POST /x with {} and idempotency key idem_abc (client.request)', async () => {
    const v = requestVector('R3');
    const { client, captured } = capturingClient(v.secret, v.timestamp);
    await client.request({ method: 'POST', path: '/x', body: {}, idempotencyKey: 'idem_abc' });
    expect(captured[0]!.url).toBe('https://plugipay.com/x');
    expect(captured[0]!.body).toBe('{}');
    expect(captured[0]!.headers.get('x-plugipay-timestamp')).toBe(v.timestamp);
    expect(captured[0]!.headers.get('idempotency-key')).toBe('idem_abc');
    expect(signatureOf(captured[0]!)).toBe(v.signature);
  });

  it('R4: GET with a query string (client.request with query)', async () => {
    const v = requestVector('R4');
    const { client, captured } = capturingClient(v.secret, v.timestamp);
    await client.request({ method: 'GET', path: '/api/v1/dashboard/metrics', query: { window: '30d' } });
    expect(captured[0]!.url).toBe('https://plugipay.com/api/v1/dashboard/metrics?window=30d');
    expect(captured[0]!.headers.get('idempotency-key')).toBeNull();
    expect(captured[0]!.body).toBeUndefined();
    expect(signatureOf(captured[0]!)).toBe(v.signature);
  });

  it('R5: a multipart upload is signed as an empty body and carries no JSON content type', async () => {
    const v = requestVector('R5');
    const { client, captured } = capturingClient(v.secret, v.timestamp);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'logo.png');
    await client.request({ method: 'POST', path: '/api/v1/uploads/image', body: form, idempotencyKey: v.idempotencyKey! });
    expect(captured[0]!.body).toBe(form);
    expect(captured[0]!.headers.get('content-type')).toBeNull();
    expect(signatureOf(captured[0]!)).toBe(v.signature);
  });

  it('R6: customers.list({ limit: 2 })', async () => {
    const v = requestVector('R6');
    const { client, captured } = capturingClient(v.secret, v.timestamp);
    await client.customers
      .list({ limit: 2 })
      .withResponse()
      .catch(() => undefined);
    expect(new URL(captured[0]!.url).pathname + new URL(captured[0]!.url).search).toBe(v.path);
    expect(signatureOf(captured[0]!)).toBe(v.signature);
  });

  it('R7: customers.create with a fixed idempotency key', async () => {
    const v = requestVector('R7');
    const { client, captured } = capturingClient(v.secret, v.timestamp);
    await client.customers.create({ email: 'ada@example.com', name: 'Ada' }, { idempotencyKey: v.idempotencyKey! });
    expect(captured[0]!.body).toBe(v.body);
    expect(captured[0]!.headers.get('content-type')).toBe('application/json');
    expect(signatureOf(captured[0]!)).toBe(v.signature);
  });

  it('R8 differs only by the idempotency line the client always adds to a DELETE', async () => {
    const v = requestVector('R8');
    const { client, captured } = capturingClient(v.secret, v.timestamp);
    await client.request({ method: 'DELETE', path: v.path, idempotencyKey: 'idem_r8' });
    const expected = await signRequest({ ...v, body: null, idempotencyKey: 'idem_r8' });
    expect(signatureOf(captured[0]!)).toBe(expected);
    expect(expected).not.toBe(v.signature);
  });

  it('WIRE body hashes: the empty body, {} and {"hello":"world"}', async () => {
    const { bodySha256 } = await import('../../src/core/signing');
    for (const [body, hash] of Object.entries(vectors.bodyHashes)) {
      expect(await bodySha256(body)).toBe(hash);
    }
    expect(await bodySha256(undefined)).toBe(vectors.bodyHashes['']);
  });
});
