/**
 * Resilience under injected faults (WIRE 3–5): per fault, the class, code, status and request id
 * of the resulting error; safe retries that create exactly one resource. Faults come from the
 * emulator's `inject` (behind node:http on 127.0.0.1) and from a raw TCP server for the ones an
 * HTTP library will not produce. Waits are short (≤ 2 s, from Retry-After) and only lower
 * bounds are asserted, so no test depends on the machine's speed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError, PlugipayNetworkError, PlugipayTimeoutError, type ClientOptions } from '../../src/entries/index';
import { startEmulatorServer } from '../../src/testing/node-server';
import { failure } from '../support/failure';
import { head, startTcpServer, type TcpServer } from '../support/tcp-server';

type Server = Awaited<ReturnType<typeof startEmulatorServer>>;
let server: Server;

/** What reached the server for each attempt: when, with which key and timestamp. */
interface Attempt {
  at: number;
  method: string;
  idempotencyKey: string | null;
  timestamp: string | null;
}

function client(options: Partial<ClientOptions> = {}) {
  const attempts: Attempt[] = [];
  const c = new PlugipayClient({
    ...server.emulator.credentials,
    baseUrl: server.url,
    timeoutMs: 2_000,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      attempts.push({
        at: performance.now(),
        method: init?.method ?? 'GET',
        idempotencyKey: headers.get('idempotency-key'),
        timestamp: headers.get('x-plugipay-timestamp'),
      });
      return fetch(input, init);
    },
    ...options,
  });
  return { client: c, attempts };
}

const customerCount = async () => {
  let n = 0;
  for await (const _ of client().client.customers.list({ limit: 100 })) n++;
  return n;
};

beforeAll(async () => {
  server = await startEmulatorServer();
});
afterEach(() => server.emulator.reset());
afterAll(() => server.close());

const HTML = '<!doctype html><html><head><title>Bad Gateway</title></head><body><h1>upstream is down</h1></body></html>';

describe('per fault: class, code, status and request id', () => {
  it.each([500, 502, 503])('%i with an HTML page → PlugipayError invalid_response, that status, the X-Request-Id', async (status) => {
    const injected = server.emulator.inject({
      match: { path: '/api/v1/customers' },
      status,
      body: HTML,
      headers: { 'content-type': 'text/html' },
    });
    const err = await failure(client().client.customers.get('cus_x'));
    expect(injected.hits).toBe(1);
    expect(err.constructor).toBe(PlugipayError);
    expect(err).toMatchObject({ status, code: 'invalid_response', retries: 0 });
    // No envelope to read it from: the id comes from the X-Request-Id header the emulator sends.
    expect(err.requestId).toBe(server.emulator.requests.at(-1)!.requestId);
    expect(err.message).toContain('<!doctype html>');
  });

  it('a 503 error envelope keeps the server’s code and request id', async () => {
    server.emulator.inject({ status: 503, body: { code: 'service_unavailable', message: 'maintenance' } });
    const err = await failure(client().client.customers.get('cus_x'));
    expect(err).toMatchObject({ status: 503, code: 'service_unavailable', message: 'maintenance' });
    expect(err.requestId).toMatch(/^req_/);
  });

  it('429 with Retry-After in seconds: rate_limited with its request id, and a retry waits it out', async () => {
    server.emulator.inject({ status: 429, body: { code: 'rate_limited', message: 'slow down' }, headers: { 'Retry-After': '1' } });
    const err = await failure(client().client.customers.list());
    expect(err).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(err.requestId).toMatch(/^req_/);
    expect(err.headers?.get('retry-after')).toBe('1');

    server.emulator.inject({ status: 429, body: { code: 'rate_limited', message: 'slow down' }, headers: { 'Retry-After': '1' } });
    const { client: c, attempts } = client({ maxRetries: 2 });
    await expect(c.customers.list()).resolves.toMatchObject({ data: [] });
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('429 with Retry-After as an HTTP date: the retry waits until then', async () => {
    const until = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2_000);
    server.emulator.inject({ status: 429, body: { code: 'rate_limited', message: 'm' }, headers: { 'Retry-After': until.toUTCString() } });
    const { client: c, attempts } = client({ maxRetries: 1 });
    const started = Date.now();
    await c.customers.list();
    expect(attempts).toHaveLength(2);
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime() - 5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('a dropped connection → PlugipayNetworkError network_error, status 0', async () => {
    server.emulator.inject({ reset: true });
    const err = await failure(client().client.customers.get('cus_x'));
    expect(err).toBeInstanceOf(PlugipayNetworkError);
    expect(err).toMatchObject({ status: 0, code: 'network_error', requestId: null });
  });

  it('a hang before the headers → PlugipayTimeoutError after timeoutMs', async () => {
    server.emulator.inject({ delayMs: Infinity });
    const err = await failure(client({ timeoutMs: 300 }).client.customers.get('cus_x'));
    expect(err).toBeInstanceOf(PlugipayTimeoutError);
    expect(err).toMatchObject({ status: 0, code: 'timeout', requestId: null, message: 'Plugipay request timed out after 0.3s' });
  });

  it('a hang in the middle of the body → PlugipayTimeoutError (the timeout covers the body)', async () => {
    server.emulator.inject({ stallBody: true });
    const err = await failure(client({ timeoutMs: 300 }).client.customers.list());
    expect(err).toBeInstanceOf(PlugipayTimeoutError);
    expect(err.code).toBe('timeout');
  });

  it('truncated JSON that ends cleanly → invalid_response with the HTTP status', async () => {
    server.emulator.inject({ truncate: true });
    const err = await failure(client().client.customers.list());
    expect(err).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(err.message).toContain('not JSON');
  });

  it('a skewed clock → 401 timestamp_skew saying how far off it is', async () => {
    const err = await failure(client({ now: () => Date.now() - 3_600_000 }).client.customers.list());
    expect(err).toMatchObject({ status: 401, code: 'timestamp_skew' });
    expect(err.requestId).toMatch(/^req_/);
    expect(err.message).toMatch(/the local clock is 3[56]\d\d s behind Plugipay's/);
    expect(Math.abs(Number(err.details?.clockSkewSeconds) + 3600)).toBeLessThanOrEqual(2);
  });
});

describe('raw TCP faults', () => {
  let tcp: TcpServer;
  let script: (socket: import('node:net').Socket) => void = () => undefined;
  beforeAll(async () => {
    tcp = await startTcpServer((socket) => script(socket));
  });
  afterAll(() => tcp.close());
  const tcpClient = (timeoutMs = 1_000) => new PlugipayClient({ keyId: 'pk', secret: 'sk', baseUrl: tcp.url, timeoutMs });
  const envelope = JSON.stringify({ data: { id: 'cus_1', pad: 'x'.repeat(400) }, error: null, meta: { requestId: 'req_tcp' } });

  it('a connection reset in the middle of the body → network_error', async () => {
    script = (socket) => {
      socket.write(head(200, { 'content-type': 'application/json', 'content-length': envelope.length }) + envelope.slice(0, 100));
      setTimeout(() => socket.resetAndDestroy(), 30);
    };
    const err = await failure(tcpClient().customers.get('cus_1'));
    expect(err).toBeInstanceOf(PlugipayNetworkError);
    expect(err).toMatchObject({ status: 0, code: 'network_error', requestId: null });
  });

  it('a body shorter than its Content-Length, then a close → network_error', async () => {
    script = (socket) =>
      socket.end(head(200, { 'content-type': 'application/json', 'content-length': envelope.length }) + envelope.slice(0, 100));
    const err = await failure(tcpClient().customers.get('cus_1'));
    expect(err).toBeInstanceOf(PlugipayNetworkError);
  });

  it('a close-delimited body cut short → invalid_response, status 200', async () => {
    script = (socket) => socket.end(head(200, { 'content-type': 'application/json', connection: 'close' }) + envelope.slice(0, 100));
    const err = await failure(tcpClient().customers.get('cus_1'));
    expect(err).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('a hang after the headers → timeout', async () => {
    script = (socket) => socket.write(head(200, { 'content-type': 'application/json', 'content-length': envelope.length }));
    const err = await failure(tcpClient(250).customers.get('cus_1'));
    expect(err).toBeInstanceOf(PlugipayTimeoutError);
  });

  it('HTML under a JSON content type → invalid_response', async () => {
    script = (socket) => socket.end(head(200, { 'content-type': 'application/json', 'content-length': HTML.length }) + HTML);
    const err = await failure(tcpClient().customers.get('cus_1'));
    expect(err).toMatchObject({ status: 200, code: 'invalid_response', requestId: null });
  });

  it('a valid envelope under a wrong content type is still read: the envelope is checked, not the label', async () => {
    script = (socket) => socket.end(head(200, { 'content-type': 'text/plain', 'content-length': envelope.length }) + envelope);
    const res = await tcpClient().customers.get('cus_1').withResponse();
    expect(res.data).toMatchObject({ id: 'cus_1' });
    expect(res.requestId).toBe('req_tcp');
  });
});

describe('safe retries of writes', () => {
  it('503 after the write happened, twice: maxRetries 3 creates exactly one customer', async () => {
    server.emulator.inject({
      match: { method: 'POST', path: '/api/v1/customers' },
      phase: 'after',
      times: 2,
      status: 503,
      body: { code: 'service_unavailable', message: 'lost the answer' },
      headers: { 'Retry-After': '1' },
    });
    const { client: c, attempts } = client({ maxRetries: 3 });
    const res = await c.customers.create({ email: 'ada@example.com' }).withResponse();
    expect(res.data.email).toBe('ada@example.com');
    expect(attempts).toHaveLength(3);
    // One key for every attempt, and it is the one the result reports.
    expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set([res.idempotencyKey]));
    // Re-signed each time: a fresh timestamp per attempt (Retry-After spaced them ≥ 1 s apart).
    expect(new Set(attempts.map((a) => a.timestamp)).size).toBe(3);
    for (let i = 1; i < attempts.length; i++) expect(attempts[i]!.at - attempts[i - 1]!.at).toBeGreaterThanOrEqual(1_000);
    expect(await customerCount()).toBe(1);
    const posts = server.emulator.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([503, 503, 201]);
    expect(posts.at(-1)!.replayed).toBe(true);
  });

  it('a connection dropped after the write: the retry is answered from the first result', async () => {
    server.emulator.inject({ match: { method: 'POST' }, phase: 'after', reset: true });
    const { client: c, attempts } = client({ maxRetries: 3 });
    const created = await c.customers.create({ name: 'Grace' });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(await customerCount()).toBe(1);
    const again = await client().client.customers.get(created.id);
    expect(again.name).toBe('Grace');
  });

  it('50 concurrent creates with one caller key create one customer; another body under it is 409', async () => {
    const { client: c } = client();
    const key = 'order-2026-11-26-001';
    const results = await Promise.all(
      Array.from({ length: 50 }, () => c.customers.create({ externalId: 'ext_1', name: 'Ada' }, { idempotencyKey: key })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await customerCount()).toBe(1);
    const err = await failure(c.customers.create({ externalId: 'ext_1', name: 'Someone else' }, { idempotencyKey: key }));
    expect(err).toMatchObject({ status: 409, code: 'idempotency_conflict', idempotencyKey: key });
    expect(err.requestId).toMatch(/^req_/);
  });

  it.each([400, 401, 403, 404, 409, 422])('a %i is never retried', async (status) => {
    server.emulator.inject({ status, body: { code: 'nope', message: 'permanent' } });
    const { client: c, attempts } = client({ maxRetries: 3 });
    const err = await failure(c.customers.create({}));
    expect(err).toMatchObject({ status, code: 'nope', retries: 0 });
    expect(attempts).toHaveLength(1);
  });

  it('an abort during the backoff wait ends the call at once with code aborted', async () => {
    server.emulator.inject({ status: 503, body: { code: 'service_unavailable', message: 'm' }, headers: { 'Retry-After': '30' } });
    const { client: c, attempts } = client({ maxRetries: 3 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = failure(c.customers.create({}, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const err = await pending;
    expect(err).toMatchObject({ status: 0, code: 'aborted' });
    expect(attempts).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('deadlineMs bounds the whole call, retries and waits included', async () => {
    server.emulator.inject({
      status: 503,
      times: Infinity,
      body: { code: 'service_unavailable', message: 'm' },
      headers: { 'Retry-After': '1' },
    });
    const { client: c, attempts } = client({ maxRetries: 10 });
    const err = await failure(c.customers.list(undefined, { deadlineMs: 1_500 }));
    expect(err).toMatchObject({ status: 503, retries: 1 });
    expect(attempts).toHaveLength(2);
  });

  it('deadlineMs also cuts an attempt that would outlive it', async () => {
    server.emulator.inject({ delayMs: Infinity });
    const { client: c } = client({ maxRetries: 3, timeoutMs: 30_000 });
    const started = performance.now();
    const err = await failure(c.customers.get('cus_x', { deadlineMs: 300 }));
    expect(err).toBeInstanceOf(PlugipayTimeoutError);
    expect(err.retries).toBe(0);
    expect(performance.now() - started).toBeLessThan(25_000);
  });
});
