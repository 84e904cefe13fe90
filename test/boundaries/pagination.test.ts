/**
 * `for await` over a list ends, whatever the server says: a server on 127.0.0.1 that keeps
 * answering `hasMore: true` with a cursor it already gave (the same one, or a cycle of them) is
 * `invalid_response` after a bounded number of requests, not an endless loop.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlugipayClient, type PlugipayError } from '../../src/entries/index';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

/** The nextCursor the server answers for each cursor it is sent (`''` for the first page). */
let script: Record<string, string | null> = {};
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer((req, res) => {
    const cursor = new URL(req.target, 'http://x').searchParams.get('cursor') ?? '';
    const next = script[cursor] ?? null;
    sendJson(
      res,
      200,
      envelope([{ id: `cus_${cursor || 'first'}` }], {
        requestId: `req_${cursor || 'first'}`,
        page: { hasMore: next !== null, nextCursor: next },
      }),
    );
  });
});
beforeEach(() => void server.received.splice(0));
afterAll(() => server.close());

const client = () => new PlugipayClient({ keyId: 'pk_test_1', secret: 'sk_test_pages', baseUrl: server.url });

/** Iterates every customer with a hard stop, so that a loop that never ends fails the test instead of hanging it. */
async function iterate(limit = 50): Promise<{ ids: string[]; error?: PlugipayError }> {
  const ids: string[] = [];
  try {
    for await (const customer of client().customers.list()) {
      ids.push((customer as { id: string }).id);
      if (ids.length >= limit) break;
    }
  } catch (error) {
    return { ids, error: error as PlugipayError };
  }
  return { ids };
}

describe('a server that repeats a cursor with hasMore: true', () => {
  it('the same cursor again is invalid_response, with the status and request id of that page', async () => {
    script = { '': 'cur_a', cur_a: 'cur_a' };
    const { ids, error } = await iterate();
    expect(ids).toEqual(['cus_first', 'cus_cur_a']);
    expect(error).toMatchObject({ code: 'invalid_response', status: 200, requestId: 'req_cur_a' });
    expect(error!.message).toContain('hasMore');
    expect(server.received).toHaveLength(2);
  });

  it('a cycle of cursors is caught too', async () => {
    script = { '': 'cur_a', cur_a: 'cur_b', cur_b: 'cur_c', cur_c: 'cur_a' };
    const { ids, error } = await iterate();
    expect(ids).toEqual(['cus_first', 'cus_cur_a', 'cus_cur_b', 'cus_cur_c']);
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(server.received).toHaveLength(4);
  });

  it('pages() fails the same way; distinct cursors are all followed', async () => {
    script = { '': 'cur_a', cur_a: 'cur_a' };
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of client().customers.list().pages()) if (seen.push(page.data.length) >= 50) break;
      })(),
    ).rejects.toMatchObject({ code: 'invalid_response' });
    expect(seen).toEqual([1, 1]);
    script = { '': 'cur_a', cur_a: 'cur_b', cur_b: null };
    expect(await iterate()).toEqual({ ids: ['cus_first', 'cus_cur_a', 'cus_cur_b'] });
  });
});
