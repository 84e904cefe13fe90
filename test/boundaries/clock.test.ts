/**
 * The client's `now` is the clock of every signature timestamp and deadline. One that answers
 * `NaN`, a negative number or a string, or throws, is `invalid_config`: at construction when it is
 * wrong from the start, at the call (before anything is sent) when it goes wrong later. Never a
 * `NaN` or negative `X-Plugipay-Timestamp` on the wire, against a server that accepts anything.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError, fromEnv } from '../../src/entries/index';
import { failure } from '../support/failure';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((_req, res) => sendJson(res, 200, envelope({ id: 'cus_1' })));
});
beforeEach(() => void server.received.splice(0));
afterAll(() => server.close());

const credentials = { keyId: 'pk_test_1', secret: 'sk_test_clock' };

const BAD_CLOCKS: [string, () => number][] = [
  ['NaN', () => NaN],
  ['a negative time', () => -1_000],
  ['Infinity', () => Infinity],
  ['a string', () => '1750000000000' as never],
  ['undefined', () => undefined as never],
  [
    'a clock that throws',
    () => {
      throw new Error('clock down');
    },
  ],
];

describe('a clock that is wrong from the start', () => {
  it.each(BAD_CLOCKS)('%s fails construction with invalid_config naming `now`', (_, now) => {
    let thrown: unknown;
    try {
      new PlugipayClient({ ...credentials, baseUrl: server.url, now });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlugipayError);
    expect(thrown).toMatchObject({ code: 'invalid_config', status: 0, message: expect.stringContaining('option now') });
  });

  it('through fromEnv as well', () => {
    expect(() => fromEnv({ PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_SECRET: 'sk_1' }, { now: () => NaN })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});

describe('a clock that goes wrong after construction', () => {
  it.each(BAD_CLOCKS)('%s fails the call with invalid_config and sends nothing', async (_, bad) => {
    let broken = false;
    const client = new PlugipayClient({
      ...credentials,
      baseUrl: server.url,
      maxRetries: 2,
      now: () => (broken ? bad() : 1_750_000_000_999),
    });
    await client.customers.get('cus_1');
    broken = true;
    const err = await failure(client.customers.get('cus_1'));
    expect(err).toMatchObject({ code: 'invalid_config', status: 0, message: expect.stringContaining('option now') });
    // Only the call made while the clock was good went out, with that clock's whole seconds.
    expect(server.received.map((r) => r.headers['x-plugipay-timestamp'])).toEqual(['1750000000']);
  });
});
