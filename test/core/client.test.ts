/** Client construction, input validation, withResponse and pagination, with a scripted fetch. */
import { describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError, type FetchLike } from '../../src/entries/index';

type Script = (url: URL, init: RequestInit) => Response | Promise<Response>;

function scripted(script: Script) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(String(input));
    calls.push({ url, init: init! });
    return script(url, init!);
  };
  return { calls, client: new PlugipayClient({ keyId: 'pk', secret: 'sk', fetch }) };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function rejection(p: PromiseLike<unknown> | (() => unknown)): Promise<PlugipayError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    expect(error).toBeInstanceOf(PlugipayError);
    return error as PlugipayError;
  }
  throw new Error('expected a failure');
}

describe('construction', () => {
  it('missing credentials throw missing_credentials with the WIRE message', async () => {
    for (const options of [{}, { keyId: 'k' }, { secret: 's' }, { keyId: '', secret: 's' }]) {
      const err = await rejection(() => new PlugipayClient(options));
      if (options.keyId === '') {
        expect(err.code).toBe('invalid_config');
        continue;
      }
      expect(err).toMatchObject({
        status: 0,
        code: 'missing_credentials',
        message: 'PlugipayClient: keyId and secret (or apiKey) are required',
      });
    }
  });

  it('bad options name the option and the fix', async () => {
    const cases: [object, string][] = [
      [{ keyId: 'k', secret: 's', baseUrl: 'plugipay.com' }, 'baseUrl: must be an absolute http(s) URL'],
      [{ keyId: 'k', secret: 's', timeoutMs: 0 }, 'timeoutMs: timeoutMs must be greater than 0'],
      [{ keyId: 'k', secret: 's', maxRetries: 1.5 }, 'maxRetries: must be an integer'],
      [{ keyId: 'k', secret: 's', timeout: 5 }, 'timeout: is not a known field'],
      [{ keyId: 'k', secret: 's', apiKey: 'a' }, 'not both'],
    ];
    for (const [options, message] of cases) {
      const err = await rejection(() => new PlugipayClient(options as never));
      expect(err.code).toBe('invalid_config');
      expect(err.message).toContain(message);
    }
  });

  it('defaults and a normalized base URL', () => {
    const c = new PlugipayClient({ keyId: 'k', secret: 's', baseUrl: 'http://127.0.0.1:9/' });
    expect(c.baseUrl).toBe('http://127.0.0.1:9');
    expect(new PlugipayClient({ apiKey: 'a' })).toMatchObject({ baseUrl: 'https://plugipay.com', timeoutMs: 30_000, maxRetries: 0 });
  });
});

describe('validation before any request', () => {
  it('the seed’s example: a bad email', async () => {
    const { client, calls } = scripted(() => json({ data: {} }));
    const err = await rejection(client.customers.create({ email: 'not-an-email' }));
    expect(err).toMatchObject({ status: 0, code: 'invalid_request', message: 'email: must be a valid email address', requestId: null });
    expect(err.fieldErrors).toEqual([{ field: 'email', message: 'must be a valid email address' }]);
    expect(calls).toHaveLength(0);
  });

  it('every problem is listed, with nested paths', async () => {
    const { client, calls } = scripted(() => json({ data: {} }));
    const err = await rejection(
      client.checkoutSessions.create({
        amount: 12.5,
        currency: 'idr',
        methods: [],
        successUrl: '/relative',
        cancelUrl: 'https://shop.example/cancel',
        lineItems: [{ name: 'Kopi', quantity: 0, unitAmount: 25000 }],
        expiresInSec: -1,
        colour: 'red',
      } as never),
    );
    expect(err.fieldErrors!.map((e) => e.field)).toEqual([
      'amount',
      'currency',
      'methods',
      'successUrl',
      'lineItems[0].quantity',
      'expiresInSec',
      'colour',
    ]);
    expect(err.message).toMatch(/^amount: must be an integer amount/);
    expect(calls).toHaveLength(0);
  });

  it('missing required fields, wrong types and enum values', async () => {
    const { client } = scripted(() => json({ data: {} }));
    const err = await rejection(client.checkoutSessions.create({ amount: '100', methods: ['bitcoin'] } as never));
    const byField = Object.fromEntries(err.fieldErrors!.map((e) => [e.field, e.message]));
    expect(byField).toMatchObject({
      amount: 'must be a number',
      currency: 'is required',
      successUrl: 'is required',
      'methods[0]': 'must be one of "qris", "va", "ewallet", "card", "retail", "paypal"',
    });
  });

  it('list filters, ids and per-call options are checked too', async () => {
    const { client, calls } = scripted(() => json({ data: [] }));
    expect((await rejection(client.customers.list({ limit: 101 }))).message).toBe('limit: must be at most 100');
    expect((await rejection(client.customers.list({ order: 'up' } as never))).message).toBe('order: must be one of "asc", "desc"');
    expect((await rejection(client.customers.list({ createdAfter: 'yesterday' }))).message).toMatch(
      /^createdAfter: must be an ISO-8601 timestamp/,
    );
    expect((await rejection(client.customers.get(''))).message).toBe('id: must be a non-empty id');
    expect((await rejection(client.customers.get('c', { idempotencyKeys: 'x' } as never))).message).toMatch(
      /^idempotencyKeys: is not a known field/,
    );
    expect((await rejection(client.request({ method: 'GET', path: 'https://evil.example/x' }))).message).toMatch(
      /^path: must be a path starting with "\/"/,
    );
    expect((await rejection(client.request({ method: 'FETCH' as never, path: '/x' }))).message).toMatch(/^method: must be one of/);
    expect(calls).toHaveLength(0);
  });

  it('a validation failure rejects the returned promise rather than throwing synchronously', async () => {
    const { client } = scripted(() => json({ data: {} }));
    let caught: unknown;
    const promise = client.customers.create({ email: 'nope' });
    await promise.catch((e) => (caught = e));
    expect(caught).toBeInstanceOf(PlugipayError);
  });

  it('checkout sessions: lineItems default to [] and Dates in filters go out as ISO strings', async () => {
    const { client, calls } = scripted((url) =>
      json(url.pathname.endsWith('sessions') && url.search ? { data: [] } : { data: { id: 'cs_1' } }),
    );
    await client.checkoutSessions.create({
      amount: 125_000,
      currency: 'IDR',
      methods: ['qris'],
      successUrl: 'https://a.example/ok',
      cancelUrl: 'https://a.example/no',
    });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      amount: 125_000,
      currency: 'IDR',
      methods: ['qris'],
      successUrl: 'https://a.example/ok',
      cancelUrl: 'https://a.example/no',
      lineItems: [],
    });
    await client.checkoutSessions.list({ status: 'completed', createdBefore: new Date(Date.UTC(2026, 0, 1)) });
    expect(calls[1]!.url.search).toBe('?status=completed&createdBefore=2026-01-01T00%3A00%3A00.000Z');
  });
});

describe('withResponse', () => {
  it('gives the request id on success, the idempotency key and the raw response', async () => {
    const { client } = scripted(() => json({ data: { id: 'cus_1' }, error: null, meta: { requestId: 'req_ok' } }, 201));
    const res = await client.customers.create({}, { idempotencyKey: 'order-2026-05-12-001' }).withResponse();
    expect(res.data).toEqual({ id: 'cus_1' });
    expect(res.requestId).toBe('req_ok');
    expect(res.idempotencyKey).toBe('order-2026-05-12-001');
    expect(res.response.status).toBe(201);
    const get = await client.customers.get('cus_1').withResponse();
    expect(get.idempotencyKey).toBeNull();
  });

  it('void routes resolve to undefined even when the server sends data: null', async () => {
    const { client } = scripted(() => json({ data: null, error: null, meta: { requestId: 'req_d' } }));
    const res = await client.customers.delete('cus_1').withResponse();
    expect(res.data).toBeUndefined();
    expect(res.requestId).toBe('req_d');
  });

  it('each call mints its own idempotency key', async () => {
    const { client, calls } = scripted(() => json({ data: {} }));
    await client.customers.create({});
    await client.customers.create({});
    const keys = calls.map((c) => new Headers(c.init.headers).get('idempotency-key'));
    expect(new Set(keys).size).toBe(2);
  });
});

describe('pagination', () => {
  const people = Array.from({ length: 7 }, (_, i) => ({ id: `cus_${i}` }));
  /** Serves `people` three at a time in the docs' meta.page shape or the SDKs' meta shape. */
  function pagedServer(shape: 'page' | 'cursor') {
    return scripted((url) => {
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const data = people.slice(start, start + 3);
      const hasMore = start + 3 < people.length;
      const nextCursor = hasMore ? String(start + 3) : null;
      const meta =
        shape === 'page'
          ? { requestId: `req_${start}`, page: { limit: 3, hasMore, nextCursor } }
          : { requestId: `req_${start}`, hasMore, cursor: nextCursor };
      return json({ data, error: null, meta });
    });
  }

  it.each(['page', 'cursor'] as const)('await gives the first page (%s meta)', async (shape) => {
    const { client } = pagedServer(shape);
    const first = await client.customers.list({ limit: 3 });
    expect(first).toEqual({ data: people.slice(0, 3), hasMore: true, nextCursor: '3', requestId: 'req_0' });
  });

  it.each(['page', 'cursor'] as const)('for await yields every item of every page (%s meta), keeping the filters', async (shape) => {
    const { client, calls } = pagedServer(shape);
    const seen: string[] = [];
    for await (const customer of client.customers.list({ limit: 3, email: 'a@b.co' })) seen.push(customer.id);
    expect(seen).toEqual(people.map((p) => p.id));
    expect(calls.map((c) => c.url.search)).toEqual([
      '?limit=3&email=a%40b.co',
      '?limit=3&email=a%40b.co&cursor=3',
      '?limit=3&email=a%40b.co&cursor=6',
    ]);
  });

  it('pages() walks page by page, fetching lazily', async () => {
    const { client, calls } = pagedServer('cursor');
    const pages = client.customers.list({ limit: 3 }).pages();
    const first = await pages.next();
    expect(first.value!.data).toHaveLength(3);
    expect(calls).toHaveLength(1);
    await pages.return(undefined);
    expect(calls).toHaveLength(1);
  });

  it('stops when hasMore is true but no cursor came, and reads a missing data as []', async () => {
    const { client, calls } = scripted(() => json({ data: undefined, meta: { requestId: 'r', hasMore: true } }));
    const items: unknown[] = [];
    for await (const item of client.customers.list()) items.push(item);
    expect(items).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('a list answer whose data is not an array is invalid_response', async () => {
    const { client } = scripted(() => json({ data: { id: 'x' }, meta: { requestId: 'req_bad' } }));
    expect(await rejection(client.customers.list())).toMatchObject({ code: 'invalid_response', requestId: 'req_bad' });
  });
});
