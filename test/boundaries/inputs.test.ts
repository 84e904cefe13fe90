/**
 * Rule 2: input at fault is `invalid_request` (per call) or `invalid_config` (options), status 0,
 * never retryable, the field named in the message and in `fieldErrors`, and nothing sent: the
 * counting server is asked after every refusal. Nothing is silently coerced or dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable, PlugipayClient, type PlugipayError } from '../../src/entries/index';
import { failure } from '../support/failure';
import type { RawServer } from '../support/raw-server';
import { clientFor, KEY_ID, SECRET, startCountingServer } from './counting-server';

let server: RawServer;
let client: PlugipayClient;
beforeAll(async () => {
  server = await startCountingServer();
  client = clientFor(server, { maxRetries: 3 });
});
afterAll(() => server.close());

/** The call's failure, after checking that it sent nothing and is a plain refusal. */
async function refused(call: () => PromiseLike<unknown>, field: string, code = 'invalid_request'): Promise<PlugipayError> {
  const before = server.received.length;
  const error = await failure(call());
  expect(error).toMatchObject({ code, status: 0 });
  expect(error.name).toBe('PlugipayError');
  expect(isRetryable(error)).toBe(false);
  expect(error.fieldErrors?.map((f) => f.field)).toContain(field);
  expect(error.message.startsWith(`${field}: `) || error.message.includes(` ${field}: `)).toBe(true);
  expect(server.received.length).toBe(before);
  return error;
}

class Money {
  constructor(readonly amount: number) {}
}
const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

describe('path ids', () => {
  it.each([
    ['empty', ''],
    ['a lone high surrogate', 'cus_\uD800'],
    ['a lone low surrogate', '\uDC00cus'],
    ['.', '.'],
    ['..', '..'],
    ['a number', 42],
    ['null', null],
  ])('%s is refused', async (_, id) => {
    await refused(() => client.customers.get(id as string), 'id');
    await refused(() => client.customers.delete(id as string), 'id');
  });

  it('the placeholder is named as it is declared (code, accountId)', async () => {
    await refused(() => client.giftCards.getByCode('..'), 'code');
  });

  it('an id that is merely odd is sent, encoded as one path segment', async () => {
    await client.customers.get('cus 1/../x?y#z😀');
    expect(server.received.at(-1)!.target).toBe('/api/v1/customers/cus%201%2F..%2Fx%3Fy%23z%F0%9F%98%80');
  });
});

describe('bodies: plain objects of JSON-exact values', () => {
  it.each([
    ['a Map', new Map([['name', 'A']])],
    ['an array', [{ name: 'A' }]],
    ['a Date', new Date()],
    ['a class instance', new Money(1)],
    ['a string', '{"name":"A"}'],
  ])('%s as the body is refused, not sent as {}', async (_, body) => {
    await refused(() => client.customers.create(body as never), 'input');
  });

  it.each([
    ['a BigInt', { a: 10n }, 'metadata.a'],
    ['a function', { a: () => 1 }, 'metadata.a'],
    ['a symbol', { a: Symbol('s') }, 'metadata.a'],
    ['NaN', { a: Number.NaN }, 'metadata.a'],
    ['Infinity', { a: Infinity }, 'metadata.a'],
    ['a lone surrogate value', { a: 'x\uD83D' }, 'metadata.a'],
    ['a lone surrogate key', { ['k\uDE00']: 'x' }, 'metadata.k\uDE00'],
  ])('%s inside free-form metadata is refused', async (_, metadata, field) => {
    // metadata values must be strings for customers; events.trigger takes free-form data.
    await refused(
      () => client.events.trigger({ type: 'plugipay.customer.created.v1', aggregateId: 'cus_1', data: metadata } as never),
      field.replace('metadata', 'data'),
    );
  });

  it.each([
    ['undefined inside an array', { list: [1, undefined] }, 'config.list[1]'],
    ['a hole inside an array', { list: [1, , 3] }, 'config.list[1]'],
    ['a circular reference', { nested: cyclic }, 'config.nested.self'],
    [
      'a toJSON that throws',
      {
        value: {
          toJSON: () => {
            throw new Error('boom');
          },
        },
      },
      'config.value',
    ],
    ['an invalid Date', { when: new Date('nope') }, 'config.when'],
    ['a nested Map', { m: new Map() }, 'config.m'],
    ['a nested class instance', { price: new Money(5) }, 'config.price'],
  ])('%s inside a template config is refused', async (_, config, field) => {
    await refused(() => client.templates.create({ kind: 'invoice', name: 'T', config } as never), field);
  });

  it('valid Dates and shared (not circular) references are sent', async () => {
    const shared = { a: 1 };
    await client.events.trigger({
      type: 'plugipay.customer.created.v1',
      aggregateId: 'cus_1',
      data: { one: shared, two: shared, at: new Date(0) },
    } as never);
    expect(JSON.parse(server.received.at(-1)!.body.toString()).data).toEqual({
      one: { a: 1 },
      two: { a: 1 },
      at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('client.request() holds the same rule and names body.*', async () => {
    await refused(() => client.request({ method: 'POST', path: '/api/v1/x', body: { a: 1n } }), 'body.a');
    await refused(() => client.request({ method: 'POST', path: '/api/v1/x', body: [1, 2] }), 'body');
    await refused(() => client.request({ method: 'POST', path: '/api/v1/x', body: new Map() }), 'body');
  });

  it('client.request(): a body on GET is refused', async () => {
    await refused(() => client.request({ method: 'GET', path: '/api/v1/x', body: {} }), 'body');
  });

  it('client.request(): a path with dot segments or a lone surrogate is refused', async () => {
    await refused(() => client.request({ method: 'DELETE', path: '/api/v1/customers/..' }), 'path');
    await refused(() => client.request({ method: 'DELETE', path: '/api/v1/customers/%2E%2e/x' }), 'path');
    await refused(() => client.request({ method: 'GET', path: '/api/v1/\uD800' }), 'path');
  });
});

describe('query values', () => {
  it.each([
    ['an object', { a: 1 }],
    ['a Map', new Map()],
    ['a BigInt', 1n],
    ['NaN', Number.NaN],
    ['-Infinity', -Infinity],
    ['an invalid Date', new Date('nope')],
    ['a function', () => 1],
    ['a symbol', Symbol('q')],
    ['a lone surrogate', '\uDBFF'],
  ])('%s is refused', async (_, value) => {
    await refused(() => client.request({ method: 'GET', path: '/api/v1/x', query: { q: value } as never }), 'query.q');
  });

  it('a nested array is refused, named by its index', async () => {
    await refused(() => client.request({ method: 'GET', path: '/api/v1/x', query: { q: [['a']] } as never }), 'query.q[0]');
  });

  it('an array item is named with its index', async () => {
    await refused(() => client.request({ method: 'GET', path: '/api/v1/x', query: { q: ['a', Number.NaN] } }), 'query.q[1]');
  });

  it('a query that is not a plain object is refused (routes and client.request alike)', async () => {
    await refused(() => client.customers.list(new Map() as never), 'input');
    await refused(() => client.customers.list([] as never), 'input');
  });

  it('strings, finite numbers, booleans, valid Dates and arrays of them are sent; null and undefined dropped', async () => {
    await client.request({
      method: 'GET',
      path: '/api/v1/x',
      query: { s: 'a b', n: 1.5, b: false, d: new Date(0), list: ['x', 2], gone: null, none: undefined },
    });
    expect(server.received.at(-1)!.target).toBe('/api/v1/x?s=a+b&n=1.5&b=false&d=1970-01-01T00%3A00%3A00.000Z&list=x&list=2');
  });
});

describe('timers', () => {
  const LIMIT = 2 ** 31 - 1;
  it.each([0, -1, Number.NaN, Infinity, LIMIT + 1, '1000'])('timeoutMs %s per call is refused', async (timeoutMs) => {
    await refused(() => client.customers.get('cus_1', { timeoutMs } as never), 'timeoutMs');
  });

  it.each([0, -5, Number.NaN, Infinity, LIMIT + 1])('deadlineMs %s per call is refused', async (deadlineMs) => {
    await refused(() => client.customers.get('cus_1', { deadlineMs }), 'deadlineMs');
  });

  it('2^31−1 itself is accepted', async () => {
    await client.customers.get('cus_1', { timeoutMs: LIMIT, deadlineMs: LIMIT });
  });

  it.each([0, Number.NaN, Infinity, LIMIT + 1])('timeoutMs %s as a client option is invalid_config from the constructor', (timeoutMs) => {
    expect(() => new PlugipayClient({ keyId: KEY_ID, secret: SECRET, timeoutMs })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });

  it('options that are not a plain object are refused', async () => {
    await refused(() => client.customers.get('cus_1', new Map() as never), 'options');
  });
});

describe('baseUrl', () => {
  it('with a username or password is invalid_config, and the password is never echoed', () => {
    for (const baseUrl of ['https://user:hunter2-pass@api.example', 'https://only-user@api.example', 'https://:hunter2-pass@api.example']) {
      let error: PlugipayError | undefined;
      try {
        new PlugipayClient({ keyId: KEY_ID, secret: SECRET, baseUrl });
      } catch (e) {
        error = e as PlugipayError;
      }
      expect(error).toMatchObject({ code: 'invalid_config', status: 0 });
      expect(error!.message).toMatch(/username or password/);
      const dump = JSON.stringify(error) + String(error!.stack) + JSON.stringify(error!.fieldErrors);
      expect(dump).not.toContain('hunter2');
      expect(dump).not.toContain('only-user');
    }
  });
});
