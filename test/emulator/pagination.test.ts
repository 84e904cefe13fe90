import { describe, expect, it } from 'vitest';
import { createEmulator, type ListMetaShape } from '../../src/testing/emulator';
import { PlugipayClient } from '../../src/resources/registry';
import { apiFor, type Api } from './helpers';

async function seven(api: Api): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) ids.push((await api.post('/api/v1/customers', { name: `C${i}` })).body.data.id);
  return ids;
}

function pageInfo(shape: ListMetaShape, meta: Record<string, any>): { hasMore: boolean; cursor: string | null } {
  return shape === 'page' ? { hasMore: meta.page.hasMore, cursor: meta.page.nextCursor } : { hasMore: meta.hasMore, cursor: meta.cursor };
}

async function walk(api: Api, shape: ListMetaShape, query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const target = `/api/v1/customers?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await api.get(target);
    expect(res.status).toBe(200);
    pages.push(res.body.data.map((c: { id: string }) => c.id));
    const info = pageInfo(shape, res.body.meta);
    cursor = info.hasMore ? info.cursor : null;
    if (!info.hasMore) expect(info.cursor).toBeNull();
  } while (cursor);
  return pages;
}

describe.each<ListMetaShape>(['page', 'cursor'])('pagination with listMeta %s', (shape) => {
  it('pages 7 customers 3 at a time, newest first by default, and oldest first with order=asc', async () => {
    // A fixed clock: every createdAt is equal, so creation order must break the ties.
    const now = Date.UTC(2026, 4, 1);
    const emulator = createEmulator({ listMeta: shape, now: () => now });
    const api = apiFor(emulator, { now: () => now });
    const ids = await seven(api);

    const desc = await walk(api, shape, 'limit=3');
    expect(desc.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(desc.flat()).toEqual([...ids].reverse());

    const asc = await walk(api, shape, 'limit=3&order=asc');
    expect(asc.flat()).toEqual(ids);

    const first = await api.get('/api/v1/customers?limit=3');
    if (shape === 'page') {
      expect(first.body.meta.page).toEqual({ limit: 3, hasMore: true, nextCursor: expect.any(String) });
      expect(first.body.meta.hasMore).toBeUndefined();
    } else {
      expect(first.body.meta).toMatchObject({ hasMore: true, cursor: expect.any(String) });
      expect(first.body.meta.page).toBeUndefined();
    }
  });
});

describe('list meta by default', () => {
  it('carries both shapes on every list (meta.page.{limit,hasMore,nextCursor} and meta.{hasMore,cursor}), read by either kind of client', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    await seven(api);
    const first = await api.get('/api/v1/customers?limit=3');
    expect(first.body.meta.page).toEqual({ limit: 3, hasMore: true, nextCursor: expect.any(String) });
    expect(first.body.meta).toMatchObject({ hasMore: true, cursor: first.body.meta.page.nextCursor });
    // A client that reads only meta.cursor (the official ones) walks every page.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(`/api/v1/customers?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.meta.hasMore ? res.body.meta.cursor : null;
    } while (cursor);
    expect(seen).toHaveLength(7);
    const last = await api.get('/api/v1/customers?limit=7');
    expect(last.body.meta).toMatchObject({ hasMore: false, cursor: null, page: { limit: 7, hasMore: false, nextCursor: null } });

    // And the SDK's own pager, which reads either shape, still walks them once each.
    const client = new PlugipayClient({ ...emulator.credentials, baseUrl: 'https://plugipay.com', fetch: emulator.fetch });
    const page = await client.customers.list({ limit: 3 });
    expect(page).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const all: string[] = [];
    for await (const customer of client.customers.list({ limit: 3 })) all.push(customer.id);
    expect(new Set(all).size).toBe(7);
  });
});

describe('list parameters', () => {
  it('validates limit, order and cursor with field-level 400s', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    for (const limit of ['0', '101', 'abc', '2.5']) {
      const res = await api.get(`/api/v1/customers?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_error', field: 'limit' });
    }
    expect((await api.get('/api/v1/customers?order=up')).body.error.field).toBe('order');
    expect((await api.get('/api/v1/customers?cursor=garbage')).body.error.field).toBe('cursor');
  });

  it('pins the filter set in the cursor', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    await seven(api);
    const first = await api.get('/api/v1/customers?limit=2');
    const cursor = first.body.meta.page.nextCursor;
    const mixed = await api.get(`/api/v1/customers?limit=2&email=x%40y.z&cursor=${cursor}`);
    expect(mixed.body.error).toMatchObject({ code: 'validation_error', field: 'cursor' });
  });

  it('filters by createdAfter and keeps created objects in time order', async () => {
    let now = Date.UTC(2026, 0, 1);
    const emulator = createEmulator({ now: () => now });
    const api = apiFor(emulator, { now: () => now });
    await api.post('/api/v1/customers', { name: 'old' });
    now += 60_000;
    await api.post('/api/v1/customers', { name: 'new' });
    const res = await api.get(`/api/v1/customers?createdAfter=${encodeURIComponent(new Date(now - 1000).toISOString())}`);
    expect(res.body.data.map((c: { name: string }) => c.name)).toEqual(['new']);
  });
});
