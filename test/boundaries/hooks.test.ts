/**
 * Hooks against a server on 127.0.0.1 that answers as scripted: a hook that never settles is
 * bounded like the attempt it belongs to (`timeoutMs`, what is left of `deadlineMs`, the caller's
 * `abort()`); a hook that fails after a completed exchange keeps its status, request id and
 * idempotency key; an error hook that throws ends the call saying which failure it stopped, and
 * that it was not retried. A call that hung would fail its test by vitest's own timeout.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlugipayClient, isRetryable, type ClientHooks, type ClientOptions } from '../../src/entries/index';
import { failure } from '../support/failure';
import { envelope, startRawServer, type RawServer } from '../support/raw-server';

/** What the server answers next. */
let answer: { status: number; body: string; headers?: Record<string, string> };
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body);
  });
});
beforeEach(() => {
  server.received.splice(0);
  answer = { status: 201, body: envelope({ id: 'cus_1' }, { requestId: 'req_created' }) };
});
afterAll(() => server.close());

const never = () => new Promise<never>(() => {});
const unavailable = () => {
  answer = {
    status: 503,
    body: JSON.stringify({ data: null, error: { code: 'service_unavailable', message: 'try later' }, meta: { requestId: 'req_503' } }),
    headers: { 'retry-after': '0' },
  };
};

function client(hooks: ClientHooks, options: Partial<ClientOptions> = {}) {
  return new PlugipayClient({ keyId: 'pk_test_1', secret: 'sk_test_hooks', baseUrl: server.url, hooks, ...options });
}

describe('a hook that never settles is bounded by the attempt', () => {
  it('onRequest: timeoutMs ends the call with timeout naming the hook; nothing is sent', async () => {
    const err = await failure(client({ onRequest: never }, { timeoutMs: 150 }).customers.create({ email: 'a@example.com' }));
    expect(err).toMatchObject({ code: 'timeout', status: 0, idempotencyKey: expect.stringMatching(/^idem_/) });
    expect(err.message).toBe('Plugipay request timed out after 0.1s in the onRequest hook');
    expect(server.received).toEqual([]);
  });

  it('onRequest: deadlineMs bounds it when timeoutMs would not', async () => {
    const call = client({ onRequest: never }, { timeoutMs: 60_000 }).customers.list(undefined, { deadlineMs: 150 });
    expect(await failure(call)).toMatchObject({ code: 'timeout', message: expect.stringContaining('onRequest hook') });
  });

  it('onRequest: abort() ends it with aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 50);
    const err = await failure(client({ onRequest: never }, { timeoutMs: 60_000 }).customers.list(undefined, { signal: controller.signal }));
    expect(err).toMatchObject({ code: 'aborted', message: expect.stringContaining('onRequest hook') });
    expect(isRetryable(err)).toBe(false);
  });

  it('onResponse after a completed write: timeout that keeps the status, request id and idempotency key', async () => {
    const err = await failure(
      // Long enough for the server to answer on a loaded machine; the hook then waits out the rest.
      client({ onResponse: never }, { timeoutMs: 1_000 }).customers.create({ email: 'a@example.com' }, { idempotencyKey: 'idem_done_1' }),
    );
    expect(err).toMatchObject({ code: 'timeout', status: 201, requestId: 'req_created', idempotencyKey: 'idem_done_1' });
    expect(err.message).toContain('onResponse hook');
    expect(server.received).toHaveLength(1);
  });

  it('onResponseError: the attempt’s own error stands once its time is up, and retries go on', async () => {
    unavailable();
    const attempts: number[] = [];
    const hooks: ClientHooks = { onRequest: (r) => void attempts.push(r.attempt), onResponseError: never };
    const err = await failure(client(hooks, { timeoutMs: 1_000, maxRetries: 1 }).customers.create({ email: 'a@example.com' }));
    expect(err).toMatchObject({ code: 'service_unavailable', status: 503, requestId: 'req_503', retries: 1 });
    expect(attempts).toEqual([1, 2]);
  });

  it('onRequestError after a refused connection: bounded too', async () => {
    const port = await closedPort();
    const call = new PlugipayClient({
      keyId: 'pk_test_1',
      secret: 'sk_test_hooks',
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 150,
      hooks: { onRequestError: never },
    }).customers.list();
    expect(await failure(call)).toMatchObject({ code: 'network_error' });
  });
});

describe('a hook that throws', () => {
  it('onResponse after a completed write: hook_failed keeps the status, request id and idempotency key', async () => {
    const boom = new Error('collector down');
    const call = client({
      onResponse: () => {
        throw boom;
      },
    }).customers.create({ email: 'a@example.com' }, { idempotencyKey: 'idem_done_2' });
    const err = await failure(call);
    expect(err).toMatchObject({ code: 'hook_failed', status: 201, requestId: 'req_created', idempotencyKey: 'idem_done_2', retries: 0 });
    expect(err.cause).toBe(boom);
    expect(err.headers?.get('content-type')).toBe('application/json');
    expect(isRetryable(err)).toBe(false);
  });

  it('onResponseError on a retryable 503: the call ends saying so, with the 503’s status and request id', async () => {
    unavailable();
    const boom = new Error('collector down');
    const call = client(
      {
        onResponseError: async () => {
          throw boom;
        },
      },
      { maxRetries: 2 },
    ).customers.create({ email: 'a@example.com' }, { idempotencyKey: 'idem_503' });
    const err = await failure(call);
    expect(err).toMatchObject({ code: 'hook_failed', status: 503, requestId: 'req_503', idempotencyKey: 'idem_503', retries: 0 });
    expect(err.message).toBe(
      'Plugipay onResponseError hook threw: collector down (after the attempt failed with service_unavailable, HTTP 503; not retried)',
    );
    expect(err.cause).toBe(boom);
    // Not retried by withRetry either: the hook, not the server, failed last.
    expect(isRetryable(err)).toBe(false);
    expect(server.received).toHaveLength(1);
  });

  it('onRequestError on a network failure says the same', async () => {
    const port = await closedPort();
    const call = new PlugipayClient({
      keyId: 'pk_test_1',
      secret: 'sk_test_hooks',
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 2,
      hooks: {
        onRequestError: () => {
          throw new Error('x');
        },
      },
    }).customers.create({ email: 'a@example.com' }, { idempotencyKey: 'idem_net' });
    const err = await failure(call);
    expect(err).toMatchObject({ code: 'hook_failed', status: 0, idempotencyKey: 'idem_net', retries: 0 });
    expect(err.message).toMatch(/after the attempt failed with network_error; not retried\)$/);
  });
});

/** A port on 127.0.0.1 that refuses connections: one that was just listened on and closed. */
async function closedPort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
