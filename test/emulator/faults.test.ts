import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { apiFor, BASE, CHECKOUT_INPUT, signedRequest } from './helpers';

function setup() {
  const emulator = createEmulator();
  return { emulator, api: apiFor(emulator) };
}

describe('emulator.inject', () => {
  it('answers a scripted status with an error envelope and headers, then recovers', async () => {
    const { emulator, api } = setup();
    const fault = emulator.inject({ match: { method: 'GET', path: '/api/v1/customers' }, status: 429, headers: { 'Retry-After': '2' } });
    const limited = await api.get('/api/v1/customers');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toMatchObject({
      data: null,
      error: { code: 'rate_limited' },
      meta: { requestId: expect.stringMatching(/^req_/) },
    });
    expect(fault).toMatchObject({ hits: 1, remaining: 0 });
    expect((await api.get('/api/v1/customers')).status).toBe(200);
    expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('wraps an object body as the error and passes an envelope through', async () => {
    const { emulator, api } = setup();
    emulator.inject({ status: 422, body: { code: 'provider_declined', message: 'Card issuer said no', field: 'amount' } });
    expect((await api.get('/api/v1/customers')).body.error).toEqual({
      code: 'provider_declined',
      message: 'Card issuer said no',
      field: 'amount',
    });
    emulator.inject({ status: 200, body: { data: { odd: true }, error: null, meta: { requestId: 'req_x' } } });
    expect((await api.get('/api/v1/customers')).body).toEqual({ data: { odd: true }, error: null, meta: { requestId: 'req_x' } });
  });

  it('sends an HTML page raw, as a misconfigured proxy would', async () => {
    const { emulator, api } = setup();
    emulator.inject({ times: 2, status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const res = await api.get('/api/v1/customers');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toBe('<html><body>Bad Gateway</body></html>');
    expect((await api.get('/api/v1/customers')).status).toBe(502);
    expect((await api.get('/api/v1/customers')).status).toBe(200);
  });

  it('matches by RegExp or predicate, and counts', async () => {
    const { emulator, api } = setup();
    const byRegex = emulator.inject({ match: { path: /\/checkout-sessions$/ }, status: 500, times: Infinity });
    const byPredicate = emulator.inject({ match: (r) => r.headers.get('x-test') === 'yes', status: 418 });
    expect((await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).status).toBe(500);
    expect((await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).status).toBe(500);
    expect((await api.get('/api/v1/customers', { headers: { 'x-test': 'yes' } })).status).toBe(418);
    expect(byRegex.hits).toBe(2);
    expect(byPredicate.remaining).toBe(0);
    byRegex.cancel();
    expect((await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).status).toBe(201);
  });

  it('resets the connection: fetch rejects with TypeError("fetch failed")', async () => {
    const { emulator, api } = setup();
    emulator.inject({ reset: true });
    const error = await api.get('/api/v1/customers').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code: string }).code).toBe('ECONNRESET');
    expect(emulator.requests[0]).toMatchObject({ status: null, outcome: 'reset' });
  });

  it('delays, and hangs until the request is aborted', async () => {
    const { emulator, api } = setup();
    emulator.inject({ delayMs: 50 });
    const started = Date.now();
    expect((await api.get('/api/v1/customers')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);

    emulator.inject({ delayMs: Infinity });
    const controller = new AbortController();
    const pending = api.get('/api/v1/customers', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(emulator.requests[1]).toMatchObject({ status: null, outcome: 'aborted' });
  });

  it('stalls the body after half of it until the client aborts', async () => {
    const { emulator } = setup();
    emulator.inject({ stallBody: true });
    const controller = new AbortController();
    const response = await emulator.fetch(signedRequest(emulator.credentials, '/api/v1/customers', { signal: controller.signal }));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"data":/);
    const next = reader.read();
    setTimeout(() => controller.abort(), 20);
    await expect(next).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('truncates the body to its first half', async () => {
    const { emulator, api } = setup();
    emulator.inject({ truncate: true });
    const res = await api.get('/api/v1/customers');
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined(); // not JSON any more
    expect(res.text.startsWith('{"data":[]')).toBe(true);
  });

  it('phase after: the write happens, the answer is replaced', async () => {
    const { emulator, api } = setup();
    emulator.inject({ match: { method: 'POST' }, phase: 'after', reset: true });
    const error = await api.post('/api/v1/customers', { name: 'Ghost' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((await api.get('/api/v1/customers')).body.data[0].name).toBe('Ghost');
  });

  it('does not affect CORS preflights by default', async () => {
    const { emulator } = setup();
    emulator.inject({ status: 500 });
    const res = await emulator.fetch(`${BASE}/api/v1/customers`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
  });
});
