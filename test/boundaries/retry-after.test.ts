/**
 * Rule 7: `Retry-After` is read strictly (a non-negative integer of seconds, or an HTTP date in
 * one of RFC 9110's three forms: IMF-fixdate, the one servers send, and the obsolete rfc850 and
 * asctime forms recipients must still accept), `retry-after-ms` as a non-negative number;
 * anything else is ignored and the normal backoff applies. A duplicated request-id header never becomes `"a, b"`.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/entries/index';
import { parseHttpDate } from '../../src/core/retry';
import { failure } from '../support/failure';
import { startRawServer, type RawServer } from '../support/raw-server';
import { clientFor } from './counting-server';

const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
const wait = (headers: Record<string, string>) => retryAfterMs(new Headers(headers), NOW);

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    ['7', 7000],
    ['  3  ', 3000],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    // rfc850-date: a two-digit year, a full weekday name.
    ['Thursday, 01-Jan-26 00:00:05 GMT', 5000],
    // asctime-date: no zone, the day padded with a space.
    ['Thu Jan  1 00:00:07 2026', 7000],
    ['Sat Jan 10 00:00:00 2026', 9 * 86_400_000],
  ])('Retry-After %j waits %i ms', (value, ms) => {
    expect(wait({ 'retry-after': value })).toBe(ms);
  });

  it.each([
    '-1',
    '1.5',
    '1, 2',
    '2, 2',
    '+3',
    '0x10',
    '1e3',
    'soon',
    'Tomorrow 10',
    '1, 2 Jan',
    'Thu, 31 Feb 2026 00:00:00 GMT',
    'Thu, 01 Jan 2026 25:00:00 GMT',
    'Thu, 01 Jan 2026 00:00:05 PST',
    'Thu, 1 Jan 2026 00:00:05 GMT',
    'Fri, 01 Jan 2026 00:00:05 GMT',
    'Friday, 01-Jan-26 00:00:05 GMT',
    'Thursday, 31-Feb-26 00:00:05 GMT',
    'Thursday, 01-Jan-26 00:00:05 PST',
    'Thursday, 01-Jan-2026 00:00:05 GMT',
    'Thu, 01-Jan-26 00:00:05 GMT',
    'Thu Jan 1 00:00:07 2026',
    'Thu Jan  1 24:00:00 2026',
    'Thu Jan  1 00:60:00 2026',
    'Fri Jan  1 00:00:07 2026',
    'Thu Jan  1 00:00:07 2026 GMT',
    'Thu Foo  1 00:00:07 2026',
    '',
  ])('Retry-After %j is ignored', (value) => {
    expect(wait({ 'retry-after': value })).toBeUndefined();
  });

  it.each([
    ['250', 250],
    ['0', 0],
    ['12.5', 12.5],
  ])('retry-after-ms %j waits %s ms', (value, ms) => {
    expect(wait({ 'retry-after-ms': value })).toBe(ms);
  });

  it.each(['-5', '1, 2', 'NaN', 'Infinity', '1e3', ''])('retry-after-ms %j is ignored, and Retry-After is read instead', (value) => {
    expect(wait({ 'retry-after-ms': value })).toBeUndefined();
    expect(wait({ 'retry-after-ms': value, 'retry-after': '2' })).toBe(2000);
  });

  it('a two-digit rfc850 year is never read as more than 50 years ahead (RFC 9110 5.6.7)', () => {
    const now = Date.UTC(2026, 5, 1);
    expect(new Date(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)!).toISOString()).toBe('1994-11-06T08:49:37.000Z');
    expect(new Date(parseHttpDate('Tuesday, 01-Jan-75 00:00:00 GMT', now)!).toISOString()).toBe('2075-01-01T00:00:00.000Z');
    expect(new Date(parseHttpDate('Saturday, 01-Jan-00 00:00:00 GMT', now)!).toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('Date.parse would have read these as dates; parseHttpDate does not', () => {
    for (const text of ['1, 2', 'Tomorrow 10', '2026-01-01']) {
      expect(Number.isNaN(Date.parse(text))).toBe(false);
      expect(parseHttpDate(text)).toBeUndefined();
    }
  });
});

describe('against a server', () => {
  let server: RawServer;
  let script: (res: ServerResponse) => void;
  beforeAll(async () => {
    server = await startRawServer((_, res) => script(res));
  });
  afterAll(() => server.close());

  it('a bad Retry-After is ignored: the call is retried after the normal backoff, not after a wait it made up', async () => {
    for (const value of ['-1', '1, 2', 'garbage', 'Thu, 01 Jan 2099 00:00:00 PST']) {
      let calls = 0;
      script = (res) => {
        calls++;
        if (calls === 1) {
          res.writeHead(503, { 'retry-after': value, 'content-type': 'application/json' });
          return res.end(JSON.stringify({ data: null, error: { code: 'unavailable', message: 'busy' }, meta: { requestId: 'req_busy' } }));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { id: 'cus_1' }, error: null, meta: { requestId: 'req_ok' } }));
      };
      const started = Date.now();
      await expect(clientFor(server, { maxRetries: 1 }).customers.get('cus_1')).resolves.toMatchObject({ id: 'cus_1' });
      expect(calls).toBe(2);
      // The first backoff is under 0.5 s.
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('duplicated X-Request-Id headers give the first value, and the envelope wins over both', async () => {
    script = (res) => {
      res.setHeader('x-request-id', ['req_first', 'req_second']);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: null, error: { code: 'not_found', message: 'No such customer' } }));
    };
    expect(await failure(clientFor(server).customers.get('cus_1'))).toMatchObject({ requestId: 'req_first' });
    script = (res) => {
      res.setHeader('x-request-id', ['req_first', 'req_second']);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { id: 'cus_1' }, meta: { requestId: 'req_envelope' } }));
    };
    expect((await clientFor(server).customers.get('cus_1').withResponse()).requestId).toBe('req_envelope');
    script = (res) => {
      res.setHeader('x-request-id', ['req_first', 'req_second']);
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    };
    expect(await failure(clientFor(server).customers.get('cus_1'))).toMatchObject({ requestId: 'req_first', code: 'invalid_response' });
  });
});
