/**
 * Client hooks (issue 10): once per attempt, a frozen view with `authorization` redacted,
 * attempt numbers and one idempotency key across retries, the error kinds routed to the right
 * hook, and a throwing hook failing the call with `hook_failed`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError, type ClientHooks, type ClientOptions } from '../../src/entries/index';
import { PublicCheckoutClient } from '../../src/entries/browser';
import { startEmulatorServer } from '../../src/testing/node-server';
import { failure } from '../support/failure';

type Server = Awaited<ReturnType<typeof startEmulatorServer>>;
let server: Server;
beforeAll(async () => {
  server = await startEmulatorServer();
});
afterEach(() => server.emulator.reset());
afterAll(() => server.close());

function recording(options: Partial<ClientOptions> = {}) {
  const events: { hook: keyof ClientHooks; info: Record<string, unknown> }[] = [];
  const hooks: ClientHooks = {
    onRequest: (info) => void events.push({ hook: 'onRequest', info: info as never }),
    onResponse: (info) => void events.push({ hook: 'onResponse', info: info as never }),
    onRequestError: (info) => void events.push({ hook: 'onRequestError', info: info as never }),
    onResponseError: (info) => void events.push({ hook: 'onResponseError', info: info as never }),
  };
  const client = new PlugipayClient({ ...server.emulator.credentials, baseUrl: server.url, hooks, ...options });
  return { client, events };
}

describe('hooks', () => {
  it('onRequest then onResponse, once each, with a frozen, redacted view', async () => {
    const { client, events } = recording();
    const { data, requestId, idempotencyKey } = await client.customers.create({ email: 'budi@example.com' }).withResponse();
    expect(events.map((e) => e.hook)).toEqual(['onRequest', 'onResponse']);
    const [request, response] = events.map((e) => e.info);
    expect(request).toMatchObject({ method: 'POST', url: `${server.url}/api/v1/customers`, attempt: 1, idempotencyKey });
    const headers = request!.headers as Record<string, string>;
    expect(headers.authorization).toBe('[redacted]');
    expect(headers['idempotency-key']).toBe(idempotencyKey);
    expect(headers['x-plugipay-timestamp']).toMatch(/^\d+$/);
    expect(JSON.stringify(events)).not.toContain(server.emulator.credentials.secret);
    expect(JSON.stringify(events)).not.toContain('Plugipay-HMAC-SHA256');
    expect(Object.isFrozen(request)).toBe(true);
    expect(Object.isFrozen(request!.headers)).toBe(true);
    expect(response).toMatchObject({ status: 201, requestId, attempt: 1 });
    expect(response!.durationMs).toBeGreaterThanOrEqual(0);
    expect(data).toMatchObject({ email: 'budi@example.com' });
  });

  it('retries show attempt numbers and one idempotency key; each error goes to its hook', async () => {
    server.emulator.inject({ status: 503, body: { code: 'service_unavailable', message: 'm' }, headers: { 'Retry-After': '0' } });
    server.emulator.inject({ reset: true });
    const { client, events } = recording({ maxRetries: 2 });
    const { idempotencyKey } = await client.customers.create({ email: 'a@example.com' }).withResponse();
    expect(events.map((e) => `${e.hook}#${e.info.attempt}`)).toEqual([
      'onRequest#1',
      'onResponseError#1',
      'onRequest#2',
      'onRequestError#2',
      'onRequest#3',
      'onResponse#3',
    ]);
    expect(new Set(events.map((e) => e.info.idempotencyKey))).toEqual(new Set([idempotencyKey]));
    const responseError = events[1]!.info;
    expect(responseError).toMatchObject({ status: 503, requestId: expect.stringMatching(/^req_/) });
    expect(responseError.error).toBeInstanceOf(PlugipayError);
    expect(events[3]!.info.error).toMatchObject({ code: 'network_error' });
    // The error a hook sees is the one the attempt failed with, and it holds no FetchError.
    expect((events[3]!.info.error as PlugipayError).cause).not.toHaveProperty('options');
  });

  it('a GET carries no idempotency key in its view', async () => {
    const { client, events } = recording();
    await client.customers.list();
    expect(events[0]!.info).toMatchObject({ method: 'GET', idempotencyKey: null, attempt: 1 });
  });

  it.each(['onRequest', 'onResponse'] as const)('a throwing %s fails the call with hook_failed, its error as cause', async (name) => {
    const boom = new Error('collector down');
    const client = new PlugipayClient({
      ...server.emulator.credentials,
      baseUrl: server.url,
      maxRetries: 3,
      hooks: {
        [name]: () => {
          throw boom;
        },
      },
    });
    const err = await failure(client.customers.list());
    // onResponse runs once the exchange is complete: the error keeps its status.
    expect(err).toMatchObject({ code: 'hook_failed', status: name === 'onRequest' ? 0 : 200, retries: 0 });
    expect(err.message).toContain(name);
    expect(err.cause).toBe(boom);
  });

  it('a throwing onResponseError replaces the error with hook_failed', async () => {
    server.emulator.inject({ status: 404, body: { code: 'not_found', message: 'no' } });
    const boom = new Error('x');
    const client = new PlugipayClient({
      ...server.emulator.credentials,
      baseUrl: server.url,
      hooks: {
        onResponseError: async () => {
          throw boom;
        },
      },
    });
    const err = await failure(client.customers.get('cus_x'));
    expect(err).toMatchObject({ code: 'hook_failed' });
    expect(err.cause).toBe(boom);
  });

  it('the public checkout client reports through the same hooks', async () => {
    const events: string[] = [];
    const checkout = new PublicCheckoutClient({
      baseUrl: server.url,
      hooks: {
        onRequest: (r) => void events.push(`${r.method} ${r.attempt} ${r.idempotencyKey}`),
        onResponseError: (r) => void events.push(String(r.status)),
      },
    });
    await failure(checkout.getSession('cs_missing'));
    expect(events).toEqual(['GET 1 null', '404']);
  });

  it('hooks must be functions', () => {
    expect(() => new PlugipayClient({ apiKey: 'a', hooks: { onRequest: 'log' } as never })).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('hooks.onRequest') }),
    );
    expect(() => new PlugipayClient({ apiKey: 'a', hooks: { onRetry: () => {} } as never })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
