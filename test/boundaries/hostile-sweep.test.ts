/**
 * Rule 1: only PlugipayErrors. Every method of every namespace, found by walking the route
 * registry (nothing listed by hand, so a new route is swept the day it is added), gets
 * hostile arguments in every position. Whatever happens, no call throws synchronously, every
 * failure is a PlugipayError, and an `invalid_request` never sent anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicCheckoutClient } from '../../src/entries/browser';
import * as entry from '../../src/entries/index';
import { PlugipayClient, PlugipayError } from '../../src/entries/index';
import { namespaces } from '../../src/resources/registry';
import type { RawServer } from '../support/raw-server';
import { clientFor, startCountingServer } from './counting-server';

class Opaque {
  field = 1;
}
const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;
const trap = () => {
  throw new Error('trap: SECRET_FROM_PROXY');
};

/** Each is wrong wherever it is passed: as an id, an input or the options. */
const HOSTILE: [string, () => unknown][] = [
  ['a lone high surrogate', () => 'cus_\uD800'],
  ['a lone low surrogate', () => '\uDFFFx'],
  ['.', () => '.'],
  ['..', () => '..'],
  ['an empty string', () => ''],
  ['a BigInt', () => 10n],
  ['a symbol', () => Symbol('hostile')],
  ['a function', () => () => 1],
  ['a Map', () => new Map([['name', 'x']])],
  ['a Set', () => new Set([1])],
  ['an array', () => [{ name: 'x' }]],
  ['an empty array', () => []],
  ['an invalid Date', () => new Date(Number.NaN)],
  ['a valid Date', () => new Date(0)],
  ['a throwing toJSON', () => ({ toJSON: trap })],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Infinity],
  ['null', () => null],
  ['a number', () => 42],
  ['true', () => true],
  ['a class instance', () => new Opaque()],
  ['a circular object', () => cyclic],
  [
    'a proxy whose traps throw',
    () => new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, has: trap, getOwnPropertyDescriptor: trap }),
  ],
  ['an object of BigInts', () => ({ name: 10n, amount: 10n, metadata: { a: 10n }, data: { a: 10n }, config: { a: 10n } })],
  ['an object of lone surrogates', () => ({ name: '\uD800', email: '\uD800@x.y', metadata: { '\uDC00': '\uD800' } })],
];

const PREDICATES = new Set(['isRetryable', 'isEventType', 'retryAfterMs']);

/** What comes before the hostile argument: nothing, an id, an input, or both. */
const PREFIXES: unknown[][] = [[], ['x_1'], [{}], [undefined], ['x_1', {}], ['x_1', undefined], [{}, undefined], ['x_1', {}, undefined]];

let server: RawServer;
let client: PlugipayClient;
beforeAll(async () => {
  server = await startCountingServer();
  client = clientFor(server, { maxRetries: 0, timeoutMs: 5_000 });
});
afterAll(() => server.close());

/** Every method of every namespace of the registry, as bound to `target`. */
function methods(target: PlugipayClient): [string, (...args: unknown[]) => PromiseLike<unknown>][] {
  const found: [string, (...args: unknown[]) => PromiseLike<unknown>][] = [];
  for (const [namespace, table] of Object.entries(namespaces)) {
    const bound = (target as unknown as Record<string, Record<string, unknown>>)[namespace]!;
    for (const name of Object.keys(table)) found.push([`${namespace}.${name}`, bound[name] as never]);
  }
  return found;
}

async function outcome(call: () => PromiseLike<unknown>): Promise<{ ok: true } | { ok: false; error: unknown; sent: boolean }> {
  const before = server.received.length;
  let promise: PromiseLike<unknown>;
  try {
    promise = call();
  } catch (error) {
    throw new Error(`threw synchronously: ${String(error)}`);
  }
  try {
    await promise;
    return { ok: true };
  } catch (error) {
    return { ok: false, error, sent: server.received.length > before };
  }
}

// Thousands of calls: generous against a loaded machine (they take about 10 s on a quiet one).
describe('the hostile-argument sweep', { timeout: 120_000 }, () => {
  it('finds every namespace and method of the client', () => {
    const all = methods(client);
    const namespaces = new Set(all.map(([name]) => name.split('.')[0]));
    expect(namespaces.size).toBeGreaterThanOrEqual(21);
    expect(all.length).toBeGreaterThan(100);
  });

  it('a hostile first argument is refused by every method with invalid_request, before any request', async () => {
    const escaped: string[] = [];
    for (const [name, method] of methods(client)) {
      for (const [label, make] of HOSTILE) {
        const result = await outcome(() => method(make()));
        if (result.ok) escaped.push(`${name}(${label}) resolved`);
        else if (!(result.error instanceof PlugipayError)) escaped.push(`${name}(${label}) threw ${String(result.error)}`);
        else if (result.error.code !== 'invalid_request' || result.error.status !== 0 || result.sent) {
          escaped.push(`${name}(${label}): ${result.error.code}, sent: ${result.sent}`);
        } else if (JSON.stringify(result.error).includes('SECRET_FROM_PROXY') || result.error.message.includes('SECRET_FROM_PROXY')) {
          escaped.push(`${name}(${label}) quoted the trap's error`);
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it('hostile arguments in every later position: only PlugipayErrors, and an invalid_request never sent anything', async () => {
    const escaped: string[] = [];
    let refusals = 0;
    for (const [name, method] of methods(client)) {
      for (const prefix of PREFIXES) {
        for (const [label, make] of HOSTILE) {
          const result = await outcome(() => method(...prefix, make()));
          if (result.ok) continue;
          if (!(result.error instanceof PlugipayError))
            escaped.push(`${name}(${prefix.length} args, ${label}) threw ${String(result.error)}`);
          else if (result.error.code === 'invalid_request') {
            refusals++;
            if (result.sent) escaped.push(`${name}(${prefix.length} args, ${label}) was refused after sending`);
          }
        }
      }
    }
    expect(escaped).toEqual([]);
    expect(refusals).toBeGreaterThan(1000);
  });

  it('every method of the public checkout client too (its methods read off its prototype)', async () => {
    const checkout = new PublicCheckoutClient({ baseUrl: server.url });
    const names = Object.getOwnPropertyNames(PublicCheckoutClient.prototype).filter((name) => name !== 'constructor');
    expect(names.length).toBeGreaterThanOrEqual(7);
    const escaped: string[] = [];
    for (const name of names) {
      const method = (checkout as unknown as Record<string, (...args: unknown[]) => PromiseLike<unknown>>)[name]!.bind(checkout);
      for (const prefix of [[], ['cs_1'], ['cs_1', {}]]) {
        for (const [label, make] of HOSTILE) {
          const result = await outcome(() => method(...prefix, make()));
          if (!result.ok && !(result.error instanceof PlugipayError))
            escaped.push(`${name}(${prefix.length} args, ${label}) threw ${String(result.error)}`);
          if (!result.ok && result.error instanceof PlugipayError && result.error.code === 'invalid_request' && result.sent)
            escaped.push(`${name}(${label}) sent`);
          if (prefix.length === 0 && (result.ok || !(result.error instanceof PlugipayError) || result.error.code !== 'invalid_request')) {
            escaped.push(`${name}(${label}) as the id was not refused`);
          }
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it('the standalone functions of every entry too', async () => {
    const functions: [string, (...args: unknown[]) => unknown][] = [
      ['withRetry', entry.withRetry as never],
      ['backoffDelay', entry.backoffDelay as never],
      ['retryAfterMs', entry.retryAfterMs as never],
      ['signRequest', entry.signRequest as never],
      ['verifyWebhook', entry.verifyWebhook as never],
      ['verifyWebhookRequest', entry.verifyWebhookRequest as never],
      ['isEventType', entry.isEventType as never],
      ['isRetryable', entry.isRetryable as never],
    ];
    const escaped: string[] = [];
    for (const [name, fn] of functions) {
      for (const prefix of [[], [() => 1], ['t=1,v1=x'], ['{}', 't=1'], [{ secret: 's', method: 'GET', path: '/x', timestamp: 1 }]]) {
        for (const [label, make] of HOSTILE) {
          // The pure predicates only read what they are given: a proxy's own trap that throws is
          // the caller's code throwing (like a callback), not an error of the SDK's.
          if (label.startsWith('a proxy') && PREDICATES.has(name)) continue;
          try {
            await fn(...prefix, make());
          } catch (error) {
            if (!(error instanceof PlugipayError)) escaped.push(`${name}(${prefix.length} args, ${label}) threw ${String(error)}`);
          }
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it('client.request() and the constructor too', async () => {
    const escaped: string[] = [];
    for (const [label, make] of HOSTILE) {
      const shapes = [
        make(),
        { method: 'POST', path: '/api/v1/x', body: make() },
        { method: 'GET', path: '/api/v1/x', query: { q: make() } },
        { method: 'GET', path: make() },
      ];
      for (const options of shapes) {
        const result = await outcome(() => client.request(options as never));
        if (!result.ok && !(result.error instanceof PlugipayError)) escaped.push(`request(${label}) threw ${String(result.error)}`);
        if (!result.ok && result.error instanceof PlugipayError && result.error.code === 'invalid_request' && result.sent)
          escaped.push(`request(${label}) sent`);
      }
      for (const options of [
        make(),
        { keyId: make(), secret: 's' },
        { keyId: 'k', secret: make() },
        { apiKey: make() },
        { keyId: 'k', secret: 's', baseUrl: make() },
        { keyId: 'k', secret: 's', timeoutMs: make() },
      ]) {
        try {
          new PlugipayClient(options as never);
        } catch (error) {
          if (!(error instanceof PlugipayError)) escaped.push(`new PlugipayClient(${label}) threw ${String(error)}`);
        }
      }
      try {
        client.forMerchant(make() as never);
      } catch (error) {
        if (!(error instanceof PlugipayError)) escaped.push(`forMerchant(${label}) threw ${String(error)}`);
      }
    }
    expect(escaped).toEqual([]);
  });
});
