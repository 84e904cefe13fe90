/**
 * Property tests (fast-check) over ids, query values and idempotency keys: every generated
 * input is either sent, and then verifies under the independent node:crypto signer and arrives
 * as given, or refused with `invalid_request` before anything is sent. Nothing in between: no
 * other error, no request that the server would reject, no value changed on the way.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayError, type PlugipayClient } from '../../src/entries/index';
import { verifyReceived } from '../support/node-signer';
import type { RawServer } from '../support/raw-server';
import { clientFor, SECRET, startCountingServer } from './counting-server';

let server: RawServer;
let client: PlugipayClient;
beforeAll(async () => {
  server = await startCountingServer();
  client = clientFor(server);
});
afterAll(() => server.close());

const RUNS = { numRuns: 300 };

/** Sent and verified (then `check` the received request), or refused before sending: nothing else. */
async function sentOrRefused(
  call: () => PromiseLike<unknown>,
  check: (received: RawServer['received'][number]) => void,
): Promise<'sent' | 'refused'> {
  const before = server.received.length;
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(PlugipayError);
    expect((error as PlugipayError).code).toBe('invalid_request');
    expect(server.received.length).toBe(before);
    return 'refused';
  }
  expect(server.received.length).toBe(before + 1);
  const received = server.received.at(-1)!;
  expect(
    verifyReceived({ secret: SECRET, method: received.method, target: received.target, headers: received.headers, body: received.body }),
  ).toEqual({ ok: true });
  check(received);
  return 'sent';
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('.', '..', '', ' ', '%', '%2e', '/', '?', '#', '\uD800', '\uDC00a', 'a\uD83D', '😀', 'cus_1'),
);

describe('properties', () => {
  it('ids: sent as exactly one path segment that decodes back to the id, or refused', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(anyText, async (id) => {
        outcomes.add(
          await sentOrRefused(
            () => client.customers.get(id),
            (received) => {
              const segment = received.target.slice('/api/v1/customers/'.length);
              expect(segment).not.toContain('/');
              expect(decodeURIComponent(segment)).toBe(id);
            },
          ),
        );
      }),
      RUNS,
    );
    expect(outcomes).toEqual(new Set(['sent', 'refused']));
  });

  it('query values: sent and read back by the server as WIRE 1 encodes them, or refused', async () => {
    const value = fc.oneof(
      anyText,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.date({ noInvalidDate: false }),
      fc.bigInt(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.oneof(anyText, fc.integer(), fc.double()), { maxLength: 3 }),
      fc.object({ maxDepth: 1 }),
    );
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(value, async (q) => {
        outcomes.add(
          await sentOrRefused(
            () => client.request({ method: 'GET', path: '/api/v1/x_1', query: { q } as never }),
            (received) => {
              const got = new URL(received.target, 'http://x').searchParams.getAll('q');
              const items = (Array.isArray(q) ? q : [q]).filter((item) => item != null);
              expect(got).toEqual(items.map((item) => (item instanceof Date ? item.toISOString() : String(item))));
            },
          ),
        );
      }),
      RUNS,
    );
    expect(outcomes).toEqual(new Set(['sent', 'refused']));
  });

  it('idempotency keys: arrive byte for byte as signed, or refused', async () => {
    const key = fc.oneof(
      fc.string({ unit: 'binary-ascii', minLength: 0, maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019-_!~'), minLength: 250, maxLength: 260 }),
      fc.constantFrom(' k', 'k ', '\tk', 'k\n', 'ké', 'k'.repeat(255), 'k'.repeat(256)),
    );
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(key, async (idempotencyKey) => {
        outcomes.add(
          await sentOrRefused(
            () => client.customers.create({ name: 'A' }, { idempotencyKey }),
            (received) => expect(received.headers['idempotency-key']).toBe(idempotencyKey),
          ),
        );
      }),
      RUNS,
    );
    expect(outcomes).toEqual(new Set(['sent', 'refused']));
  });
});
