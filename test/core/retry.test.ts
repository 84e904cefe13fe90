/** The retry engine (WIRE 5) with a scripted fetch and waits of a few milliseconds. */
import { describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError, backoffDelay, retryAfterMs, withRetry, type FetchLike } from '../../src/entries/index';

const envelope = (data: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({
      data,
      error: status >= 400 ? { code: status === 429 ? 'rate_limited' : 'internal_error', message: 'm' } : null,
      meta: { requestId: `req_${status}` },
    }),
    {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    },
  );

function clientWith(responses: (() => Response | Promise<Response>)[], options: { maxRetries?: number } = {}) {
  const seen: Headers[] = [];
  let clock = 1_750_000_000_000;
  const fetch: FetchLike = async (_input, init) => {
    seen.push(new Headers(init!.headers));
    const next = responses.shift();
    if (!next) throw new Error('no more scripted responses');
    return next();
  };
  // Every reading of the clock moves it 1.5 s on, so each attempt's timestamp differs.
  const client = new PlugipayClient({ keyId: 'pk', secret: 'sk', fetch, now: () => (clock += 1500), ...options });
  return { client, seen };
}

describe('maxRetries', () => {
  it('retries transient failures with the same idempotency key and a fresh signature', async () => {
    const { client, seen } = clientWith(
      [
        () => envelope(null, 503, { 'retry-after-ms': '5' }),
        () => envelope(null, 429, { 'retry-after': '0' }),
        () => envelope({ id: 'cus_1' }, 200),
      ],
      { maxRetries: 3 },
    );
    const res = await client.customers.create({ name: 'Ada' }).withResponse();
    expect(res.data).toEqual({ id: 'cus_1' });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((h) => h.get('idempotency-key'))).size).toBe(1);
    expect(res.idempotencyKey).toBe(seen[0]!.get('idempotency-key'));
    expect(new Set(seen.map((h) => h.get('x-plugipay-timestamp'))).size).toBe(3);
    expect(new Set(seen.map((h) => h.get('authorization'))).size).toBe(3);
  });

  it('never retries a 4xx, and the default is no retry at all', async () => {
    const notFound = clientWith([() => envelope(null, 404), () => envelope({}, 200)], { maxRetries: 3 });
    expect(await notFound.client.customers.get('x').catch((e) => e)).toMatchObject({ status: 404, retries: 0 });
    expect(notFound.seen).toHaveLength(1);
    const byDefault = clientWith([() => envelope(null, 503), () => envelope({}, 200)]);
    expect(await byDefault.client.customers.get('x').catch((e) => e)).toMatchObject({ status: 503, retries: 0 });
    expect(byDefault.seen).toHaveLength(1);
  });

  it('gives up after maxRetries with the count on the error; per-call maxRetries wins', async () => {
    const fail = () => envelope(null, 500, { 'retry-after-ms': '1' });
    const { client, seen } = clientWith([fail, fail, fail, fail], { maxRetries: 1 });
    expect(await client.customers.get('x', { maxRetries: 2 }).catch((e) => e)).toMatchObject({ status: 500, retries: 2 });
    expect(seen).toHaveLength(3);
  });

  it('does not wait out a Retry-After over 60 s: the error is thrown at once', async () => {
    const { client, seen } = clientWith([() => envelope(null, 429, { 'retry-after': '120' }), () => envelope({}, 200)], { maxRetries: 3 });
    expect(await client.customers.get('x').catch((e) => e)).toMatchObject({ status: 429, code: 'rate_limited', retries: 0 });
    expect(seen).toHaveLength(1);
  });

  it('an abort during the backoff wait ends the call at once with code aborted', async () => {
    const controller = new AbortController();
    const { client } = clientWith([() => envelope(null, 503, { 'retry-after': '30' }), () => envelope({}, 200)], { maxRetries: 2 });
    const pending = client.customers.get('x', { signal: controller.signal }).catch((e) => e);
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const err = await pending;
    expect(err).toBeInstanceOf(PlugipayError);
    expect((err as PlugipayError).code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('backoff and Retry-After', () => {
  it('full jitter from 0.5 s, capped at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((r) => backoffDelay(r, () => 0.999999))).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999]);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  it('reads retry-after-ms, Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 0);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(now + 5000).toUTCString() }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('makes 3 attempts by default and classifies like the client', async () => {
    let calls = 0;
    const transient = () =>
      new PlugipayError({ status: 502, code: 'upstream_error', message: 'm', headers: new Headers({ 'retry-after-ms': '1' }) });
    await expect(
      withRetry(async () => {
        calls++;
        throw transient();
      }),
    ).rejects.toMatchObject({ retries: 2 });
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new PlugipayError({ status: 400, code: 'invalid_request', message: 'm' });
      }),
    ).rejects.toMatchObject({ retries: 0 });
    expect(calls).toBe(1);
    await expect(withRetry(async () => 'ok', { attempts: 0 })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
