/**
 * What `URL` would silently rewrite never reaches the wire: a `client.request()` path whose dot
 * segment ends in `?` or `#`, hides a tab, uses `\` or is percent-encoded, and a base URL with a
 * space or newline around it (as pasted into PLUGIPAY_BASE_URL), are refused before anything is
 * sent, against a server that answers every path it receives.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlugipayClient, fromEnv } from '../../src/entries/index';
import { PublicCheckoutClient } from '../../src/entries/browser';
import { failure } from '../support/failure';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

let server: RawServer;
beforeAll(async () => {
  // Answers anything, so a path that slipped through would succeed.
  server = await startRawServer((_req, res) => sendJson(res, 200, envelope({ ok: true })));
});
beforeEach(() => void server.received.splice(0));
afterAll(() => server.close());

const credentials = { keyId: 'pk_test_1', secret: 'sk_test_shapes' };

describe('client.request({ path }): dot segments however they end', () => {
  it.each([
    ['.. before a query', '/api/v1/customers/..?x=1'],
    ['.. before a fragment', '/api/v1/customers/..#'],
    ['. before a query', '/api/v1/customers/.?x=1'],
    ['a tab inside ..', '/api/v1/customers/.\t.'],
    ['a newline inside ..', '/api/v1/customers/.\n./x'],
    ['backslashes around ..', '/api/v1/customers\\..\\'],
    ['.. then a trailing space', '/api/v1/customers/.. '],
    ['%2e%2E', '/api/v1/customers/%2e%2E?x=1'],
    ['.%2e before a fragment', '/api/v1/customers/.%2e#top'],
  ])('%s is invalid_request and nothing is sent', async (_, path) => {
    const client = new PlugipayClient({ ...credentials, baseUrl: server.url });
    const err = await failure(client.request({ method: 'GET', path }));
    expect(err).toMatchObject({ code: 'invalid_request', status: 0 });
    expect(err.fieldErrors?.map((e) => e.field)).toContain('path');
    expect(server.received).toEqual([]);
  });

  it('paths that only look alike still go out as given', async () => {
    const client = new PlugipayClient({ ...credentials, baseUrl: server.url });
    for (const path of ['/api/v1/customers/...', '/api/v1/customers/..x', '/api/v1/customers/a.b?cursor=..', '/api/v1/x#..']) {
      await client.request({ method: 'GET', path });
    }
    expect(server.received.map((r) => r.target)).toEqual([
      '/api/v1/customers/...',
      '/api/v1/customers/..x',
      '/api/v1/customers/a.b?cursor=..',
      '/api/v1/x',
    ]);
  });
});

describe('a base URL with whitespace around it', () => {
  const padded = () => [`${server.url} `, ` ${server.url}`, `${server.url}\n`, `\t${server.url}`, `${server.url}\r\n`];

  it('is invalid_config at construction, never a retried network_error per call', () => {
    for (const baseUrl of padded()) {
      expect(() => new PlugipayClient({ ...credentials, baseUrl, maxRetries: 2 }), JSON.stringify(baseUrl)).toThrow(
        expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('baseUrl') }),
      );
      expect(() => new PublicCheckoutClient({ baseUrl }), JSON.stringify(baseUrl)).toThrow(
        expect.objectContaining({ code: 'invalid_config' }),
      );
    }
    expect(server.received).toEqual([]);
  });

  it('from PLUGIPAY_BASE_URL too', () => {
    const env = { PLUGIPAY_KEY_ID: credentials.keyId, PLUGIPAY_SECRET: credentials.secret, PLUGIPAY_BASE_URL: `${server.url} ` };
    expect(() => fromEnv(env)).toThrow(expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('space') }));
  });

  it('a backslash for a slash is refused as well', () => {
    expect(() => new PlugipayClient({ ...credentials, baseUrl: server.url.replace('//', '\\\\') })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });

  it('the same URL without the whitespace works', async () => {
    const client = new PlugipayClient({ ...credentials, baseUrl: server.url });
    await expect(client.request({ method: 'GET', path: '/api/v1/ping' })).resolves.toEqual({ ok: true });
  });
});
