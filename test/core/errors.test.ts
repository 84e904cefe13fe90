/** Error mapping (WIRE 2–3) against a real local server, and the error classes themselves. */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PlugipayClient,
  PlugipayError,
  PlugipayNetworkError,
  PlugipaySignatureError,
  PlugipayTimeoutError,
  isRetryable,
} from '../../src/entries/index';
import { failure } from '../support/failure';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

const SECRET = 'sk_live_DO_NOT_LEAK_9f8e7d6c5b4a';
let server: RawServer;

beforeAll(async () => {
  server = await startRawServer((req, res) => {
    const path = req.target.split('?')[0]!;
    switch (path) {
      case '/api/v1/customers/missing':
        return sendJson(
          res,
          404,
          JSON.stringify({
            data: null,
            error: {
              code: 'not_found',
              message: 'Customer missing not found',
              field: 'id',
              details: { id: 'missing' },
              docUrl: 'https://plugipay.com/docs/errors#not_found',
            },
            meta: { requestId: 'req_404', timestamp: '2026-01-01T00:00:00Z' },
          }),
        );
      case '/api/v1/validation':
        return sendJson(
          res,
          400,
          JSON.stringify({
            data: null,
            error: { code: 'VALIDATION_ERROR', message: 'amount: too small', field: 'amount' },
            meta: { requestId: 'req_400' },
          }),
        );
      case '/api/v1/error-in-200':
        return sendJson(res, 200, JSON.stringify({ data: null, error: { code: 'upstream_error' }, meta: { requestId: 'req_200e' } }));
      case '/api/v1/html-502':
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end(`<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`);
      case '/api/v1/not-envelope':
        return sendJson(res, 200, JSON.stringify({ hello: 'world' }));
      case '/api/v1/empty-404':
        res.writeHead(404);
        return res.end();
      case '/api/v1/no-content':
        res.writeHead(204);
        return res.end();
      case '/api/v1/never':
        return; // never answers
      case '/api/v1/stall': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const body = envelope({ id: 'x'.repeat(200) });
        res.write(body.slice(0, body.length / 2));
        return; // the rest never comes
      }
      case '/api/v1/slow-ok':
        setTimeout(() => sendJson(res, 200, envelope({ ok: true })), 150);
        return;
      default:
        return sendJson(res, 200, envelope({ ok: true }));
    }
  });
});
afterAll(() => server.close());

const client = (options: Partial<ConstructorParameters<typeof PlugipayClient>[0]> = {}) =>
  new PlugipayClient({ keyId: 'pk_test', secret: SECRET, baseUrl: server.url, ...options });

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('server errors keep every field', () => {
  it('an error envelope', async () => {
    const err = await failure(client().customers.get('missing'));
    expect(err).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'Customer missing not found',
      requestId: 'req_404',
      field: 'id',
      details: { id: 'missing' },
      docUrl: 'https://plugipay.com/docs/errors#not_found',
    });
    expect(err.name).toBe('PlugipayError');
    expect(String(err)).toBe('PlugipayError: Customer missing not found');
    expect(isRetryable(err)).toBe(false);
  });

  it('codes are kept verbatim, whatever their casing', async () => {
    const err = await failure(client().request({ method: 'POST', path: '/api/v1/validation', body: {}, idempotencyKey: 'k1' }));
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'amount', requestId: 'req_400', idempotencyKey: 'k1' });
  });

  it('a 2xx whose error is non-null is an error; missing message becomes HTTP <status>', async () => {
    const err = await failure(client().request({ method: 'GET', path: '/api/v1/error-in-200' }));
    expect(err).toMatchObject({ status: 200, code: 'upstream_error', message: 'HTTP 200', requestId: 'req_200e' });
  });

  it('a 502 HTML page is invalid_response with status 502, quoting at most 200 characters', async () => {
    const err = await failure(
      client()
        .customers.get('x', {})
        .then(() => client().request({ method: 'GET', path: '/api/v1/html-502' })),
    );
    expect(err).toMatchObject({ status: 502, code: 'invalid_response', requestId: null });
    expect(err.message).toContain('<html><head><title>502 Bad Gateway');
    expect(err.message.length).toBeLessThan(320);
    expect(isRetryable(err)).toBe(true);
  });

  it('JSON that is not an envelope is invalid_response', async () => {
    const err = await failure(client().request({ method: 'GET', path: '/api/v1/not-envelope' }));
    expect(err).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(err.message).toContain('not an envelope');
  });

  it('an empty 404 is code unknown, message HTTP 404', async () => {
    const err = await failure(client().request({ method: 'GET', path: '/api/v1/empty-404' }));
    expect(err).toMatchObject({ status: 404, code: 'unknown', message: 'HTTP 404' });
  });

  it('a 204 resolves to undefined (delete routes and raw requests alike)', async () => {
    const res = await client().request({ method: 'DELETE', path: '/api/v1/no-content' }).withResponse();
    expect(res.data).toBeUndefined();
    expect(res.response.status).toBe(204);
    expect(res.idempotencyKey).toMatch(/^idem_/);
  });
});

describe('client-side failures have status 0 and no request id', () => {
  it('a server that never answers times out with the seed’s message', async () => {
    const err = await failure(client({ timeoutMs: 200 }).request({ method: 'GET', path: '/api/v1/never' }));
    expect(err).toBeInstanceOf(PlugipayTimeoutError);
    expect(err).toMatchObject({ status: 0, code: 'timeout', requestId: null, message: 'Plugipay request timed out after 0.2s' });
    expect(isRetryable(err)).toBe(true);
  });

  it('the default timeout message reads 30.0s', async () => {
    expect(client().timeoutMs).toBe(30_000);
    const err = await failure(
      client().request({ method: 'GET', path: '/api/v1/never', timeoutMs: 30_000, signal: AbortSignal.timeout(50) }),
    );
    // The caller's signal fired first: aborted, not timeout.
    expect(err.code).toBe('aborted');
    const { timeoutError } = await import('../../src/core/errors');
    expect(timeoutError(30_000).message).toBe('Plugipay request timed out after 30.0s');
  });

  it('a body that stalls half-way times out too (the timeout covers reading the body)', async () => {
    const err = await failure(client({ timeoutMs: 250 }).request({ method: 'GET', path: '/api/v1/stall' }));
    expect(err).toBeInstanceOf(PlugipayTimeoutError);
    expect(err.code).toBe('timeout');
  });

  it('a per-call timeout overrides the client’s', async () => {
    const err = await failure(client({ timeoutMs: 5_000 }).request({ method: 'GET', path: '/api/v1/slow-ok', timeoutMs: 50 }));
    expect(err.code).toBe('timeout');
    await expect(client({ timeoutMs: 50 }).request({ method: 'GET', path: '/api/v1/slow-ok', timeoutMs: 5_000 })).resolves.toEqual({
      ok: true,
    });
  });

  it('a refused port is network_error', async () => {
    const port = await closedPort();
    const err = await failure(new PlugipayClient({ keyId: 'k', secret: SECRET, baseUrl: `http://127.0.0.1:${port}` }).customers.get('x'));
    expect(err).toBeInstanceOf(PlugipayNetworkError);
    expect(err).toMatchObject({ status: 0, code: 'network_error', requestId: null });
    expect(err.message).toMatch(/ECONNREFUSED|fetch failed/);
    expect(isRetryable(err)).toBe(true);
  });

  it('an abort mid-request is code aborted, not retryable', async () => {
    const controller = new AbortController();
    const pending = client().request({ method: 'GET', path: '/api/v1/never', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const err = await failure(pending);
    expect(err).toMatchObject({ status: 0, code: 'aborted', requestId: null });
    expect(err).not.toBeInstanceOf(PlugipayTimeoutError);
    expect(isRetryable(err)).toBe(false);
  });

  it('an already-aborted signal fails before anything is sent', async () => {
    const before = server.received.length;
    const err = await failure(client().customers.create({}, { signal: AbortSignal.abort() }));
    expect(err.code).toBe('aborted');
    expect(err.idempotencyKey).toMatch(/^idem_/);
    expect(server.received.length).toBe(before);
  });
});

describe('the error classes', () => {
  it('form one hierarchy with brand-based instanceof', () => {
    const timeout = new PlugipayTimeoutError({ code: 'timeout', message: 'm' });
    expect(timeout).toBeInstanceOf(PlugipayError);
    expect(timeout).toBeInstanceOf(Error);
    expect(timeout).not.toBeInstanceOf(PlugipayNetworkError);
    expect(new PlugipayError({ code: 'x', message: 'm' })).not.toBeInstanceOf(PlugipayTimeoutError);
    // A structurally identical error from another copy of the package carries the same brand.
    const foreign = Object.assign(new Error('m'), { [Symbol.for('plugipay-edge.error')]: 'PlugipaySignatureError' });
    expect(foreign).toBeInstanceOf(PlugipayError);
    expect(foreign).toBeInstanceOf(PlugipaySignatureError);
    expect(foreign).not.toBeInstanceOf(PlugipayNetworkError);
    expect({}).not.toBeInstanceOf(PlugipayError);
    expect(null).not.toBeInstanceOf(PlugipayError);
  });

  it('users may subclass them with ordinary instanceof semantics', () => {
    class AppError extends PlugipayError {}
    const app = new AppError({ code: 'app', message: 'm' });
    expect(app).toBeInstanceOf(AppError);
    expect(app).toBeInstanceOf(PlugipayError);
    expect(new PlugipayError({ code: 'x', message: 'm' })).not.toBeInstanceOf(AppError);
    expect(app.name).toBe('PlugipayError');
  });

  it('isRetryable follows the seed: timeout, network, 5xx and 429 only', () => {
    const make = (status: number) => new PlugipayError({ status, code: 'c', message: 'm' });
    expect([500, 502, 503, 599, 429].map((s) => isRetryable(make(s)))).toEqual([true, true, true, true, true]);
    expect([0, 400, 401, 403, 404, 409, 422].map((s) => isRetryable(make(s)))).toEqual([false, false, false, false, false, false, false]);
    expect(isRetryable(new PlugipaySignatureError({ status: 401, code: 'signature_invalid', message: 'm' }))).toBe(false);
    expect(isRetryable(new Error('other'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });

  it('toJSON dumps every attribute that is set', () => {
    const err = new PlugipayError({
      status: 409,
      code: 'conflict',
      message: 'm',
      requestId: 'req_1',
      field: 'externalId',
      idempotencyKey: 'k',
      cause: new TypeError('inner'),
    });
    expect(err.toJSON()).toEqual({
      name: 'PlugipayError',
      status: 409,
      code: 'conflict',
      message: 'm',
      requestId: 'req_1',
      field: 'externalId',
      idempotencyKey: 'k',
      cause: 'TypeError: inner',
    });
    expect(JSON.parse(JSON.stringify(err))).toEqual(err.toJSON());
  });
});

describe('the secret never leaks', () => {
  it('from any failure: message, String(err), toJSON(), cause, inspect', async () => {
    const { inspect } = await import('node:util');
    const port = await closedPort();
    const failures = await Promise.all([
      failure(client().customers.get('missing')),
      failure(client().request({ method: 'GET', path: '/api/v1/html-502' })),
      failure(client({ timeoutMs: 100 }).request({ method: 'GET', path: '/api/v1/never' })),
      failure(client({ baseUrl: `http://127.0.0.1:${port}` }).customers.get('x')),
      failure(client().customers.create({ email: SECRET })),
      failure(client().request({ method: 'GET', path: '/api/v1/never', signal: AbortSignal.abort() })),
      failure(Promise.resolve().then(() => new PlugipayClient({ keyId: 'k', secret: SECRET, timeoutMs: -1 }))),
      failure(Promise.resolve().then(() => new PlugipayClient({ secret: SECRET }))),
    ]);
    for (const err of failures) {
      for (const text of [
        err.message,
        String(err),
        JSON.stringify(err),
        JSON.stringify(err.toJSON()),
        inspect(err, { depth: 10 }),
        err.stack ?? '',
      ]) {
        expect(text).not.toContain(SECRET);
      }
    }
    const c = client();
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(c)).not.toContain(SECRET);
  });
});

describe('clock skew', () => {
  it('a 401 invalid_timestamp says how far the local clock is off, from the Date header', async () => {
    const serverNow = Date.UTC(2026, 10, 26, 12, 0, 0);
    const skewed = new PlugipayClient({
      keyId: 'k',
      secret: SECRET,
      now: () => serverNow - 412_000,
      fetch: async () =>
        new Response(
          JSON.stringify({
            data: null,
            error: { code: 'invalid_timestamp', message: 'Timestamp outside the allowed window' },
            meta: { requestId: 'req_skew' },
          }),
          {
            status: 401,
            headers: { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() },
          },
        ),
    });
    const err = await failure(skewed.customers.get('x'));
    expect(err).toMatchObject({ status: 401, code: 'invalid_timestamp', requestId: 'req_skew', details: { clockSkewSeconds: -412 } });
    expect(err.message).toBe(
      "Timestamp outside the allowed window (the local clock is 412 s behind Plugipay's, which allows 300 s: sync it, e.g. with NTP, or pass a corrected `now`)",
    );
  });
});
