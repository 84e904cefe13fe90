/**
 * Rule 5: redirects are never followed. The API server answers with a 3xx pointing at a second
 * local origin that counts requests: nothing may reach it, whatever the method, and the answer
 * is `unexpected_redirect` with the 3xx status and the Location's origin (only its origin) named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable, type FetchLike } from '../../src/entries/index';
import { failure } from '../support/failure';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';
import { clientFor } from './counting-server';

let api: RawServer;
let elsewhere: RawServer;
/** What the API answers next: a status and a Location. */
let answer: { status: number; location?: string } = { status: 307 };

beforeAll(async () => {
  elsewhere = await startRawServer((_, res) => sendJson(res, 200, envelope({ id: 'cus_evil' })));
  api = await startRawServer((req, res) => {
    if (req.target === '/files/inv_1.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.7');
    }
    if (req.target === '/files/loop.pdf') {
      res.writeHead(302, { location: '/files/inv_1.pdf' });
      return res.end();
    }
    res.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location });
    res.end('moved');
  });
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});

describe('a 3xx from the API', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i on a POST is unexpected_redirect; nothing reaches the other origin; not retried',
    async (status) => {
      answer = { status, location: `${elsewhere.url}/steal?token=abc123` };
      const client = clientFor(api, { maxRetries: 3, onBehalfOf: 'acct_1' });
      const before = api.received.length;
      const error = await failure(client.customers.create({ name: 'A' }, { idempotencyKey: 'idem_redirect' }));
      expect(error).toMatchObject({ code: 'unexpected_redirect', status, idempotencyKey: 'idem_redirect' });
      expect(error.message).toContain(new URL(elsewhere.url).origin);
      expect(error.message).not.toContain('token=abc123');
      expect(error.message).not.toContain('/steal');
      expect(isRetryable(error)).toBe(false);
      expect(api.received.length - before).toBe(1);
      expect(elsewhere.received).toHaveLength(0);
    },
  );

  it('a relative Location is named by the API origin; no Location says so', async () => {
    answer = { status: 302, location: '/login' };
    const client = clientFor(api);
    expect((await failure(client.customers.get('cus_1'))).message).toContain(new URL(api.url).origin);
    answer = { status: 302 };
    expect((await failure(client.customers.get('cus_1'))).message).toContain('no Location');
    answer = { status: 302, location: 'http://[bad' };
    expect(await failure(client.customers.get('cus_1'))).toMatchObject({ code: 'unexpected_redirect', status: 302 });
  });

  it('every request is sent with redirect: "manual", whatever fetchOptions say', async () => {
    const seen: (RequestRedirect | undefined)[] = [];
    const fetch: FetchLike = async (_, init) => {
      seen.push(init?.redirect);
      return new Response(envelope({}), { status: 200 });
    };
    const client = clientFor(api, { fetch, fetchOptions: { redirect: 'follow' } as never });
    await client.customers.get('cus_1');
    await client.customers.create({ name: 'A' });
    expect(seen).toEqual(['manual', 'manual']);
  });

  it("a browser's opaque redirect (status 0, no headers) is unexpected_redirect too", async () => {
    const opaque = new Response(null, { status: 200 });
    Object.defineProperties(opaque, { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    const client = clientFor(api, { fetch: async () => opaque });
    const error = await failure(client.customers.create({ name: 'A' }));
    expect(error).toMatchObject({ code: 'unexpected_redirect', status: 0 });
    expect(isRetryable(error)).toBe(false);
  });
});

describe('invoices.pdf: the one route that answers with a signed download link', () => {
  it('follows it once, on the same origin, without any credential of the API request', async () => {
    answer = { status: 302, location: '/files/inv_1.pdf' };
    const client = clientFor(api, { onBehalfOf: 'acct_1' });
    const bytes = await client.invoices.pdf('inv_1');
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7');
    const followed = api.received.at(-1)!;
    expect(followed.target).toBe('/files/inv_1.pdf');
    expect(Object.keys(followed.headers).filter((h) => /^(authorization|idempotency-key|x-plugipay-)/.test(h))).toEqual([]);
  });

  it('refuses a link to another origin over http, and a second redirect', async () => {
    answer = { status: 302, location: `${elsewhere.url}/inv_1.pdf` };
    const client = clientFor(api);
    expect(await failure(client.invoices.pdf('inv_1'))).toMatchObject({ code: 'unexpected_redirect', status: 302 });
    expect(elsewhere.received).toHaveLength(0);
    answer = { status: 302, location: '/files/loop.pdf' };
    expect(await failure(client.invoices.pdf('inv_1'))).toMatchObject({ code: 'unexpected_redirect', status: 302 });
  });

  it.each([
    ['the same origin', (url: string) => url.replace('://', '://billing:hunter2-PASSWORD@') + '/files/inv_1.pdf'],
    ['an https origin', () => 'https://billing:hunter2-PASSWORD@127.0.0.1:9/inv_1.pdf'],
    ['a username alone', (url: string) => url.replace('://', '://hunter2-PASSWORD@') + '/files/inv_1.pdf'],
  ])('a link holding a username or password (%s) is refused, not retried, the password never echoed', async (_, link) => {
    answer = { status: 302, location: link(api.url) };
    const client = clientFor(api, { maxRetries: 3 });
    const before = api.received.length;
    const error = await failure(client.invoices.pdf('inv_1'));
    expect(error).toMatchObject({ code: 'unexpected_redirect', status: 302 });
    expect(error.message).toContain('username or password');
    expect(isRetryable(error)).toBe(false);
    // One request, the API's: the link was neither fetched nor the call retried.
    expect(api.received.length - before).toBe(1);
    const told = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error)} ${String(error.cause)}`;
    expect(told).not.toContain('hunter2-PASSWORD');
    expect(error.headers?.get('location') ?? '').not.toContain('hunter2-PASSWORD');
  });

  it('other binary routes refuse redirects like every route', async () => {
    answer = { status: 302, location: '/files/inv_1.pdf' };
    expect(await failure(clientFor(api).invoices.renderPdf('inv_1'))).toMatchObject({ code: 'unexpected_redirect' });
  });
});
