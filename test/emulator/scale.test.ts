/**
 * The state structures that keep the emulator fast as it grows, checked for correctness: the
 * ordered index against a sort of everything (clock moving backwards included), the unique
 * index through updates and deletes, expiry by time, and the bounded request log.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { ExpiryQueue } from '../../src/testing/emulator/expiry-queue';
import { RequestRing } from '../../src/testing/emulator/request-log';
import { Table } from '../../src/testing/emulator/table';
import { apiFor, CHECKOUT_INPUT } from './helpers';

type Item = { id: string; createdAt: string; group: string };

function allPages(table: Table<Item>, order: 'asc' | 'desc', limit: number, keep?: (item: Item) => boolean): string[][] {
  const pages: string[][] = [];
  let after: { time: number; seq: number } | null = null;
  for (;;) {
    const { rows, hasMore } = table.page({ limit, order, after }, keep);
    pages.push(rows.map((r) => r.value.id));
    if (!hasMore) return pages;
    const last = rows[rows.length - 1]!;
    after = { time: last.time, seq: last.seq };
  }
}

describe('Table: ordered index and secondary indexes', () => {
  it('pages in (createdAt, creation) order exactly as a full sort would, whatever order the clock gave', () => {
    const table = new Table<Item>({ group: (i) => i.group });
    const inserted: Item[] = [];
    // Times jump back and forth, with many ties.
    for (let i = 0; i < 200; i++) {
      const item = { id: `it_${i}`, createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 37) % 11) * 1000).toISOString(), group: `g${i % 3}` };
      inserted.push(item);
      table.insert(item);
    }
    for (let i = 0; i < 200; i += 7) table.delete(`it_${i}`);
    const alive = inserted.filter((_, i) => i % 7 !== 0);
    const sorted = alive
      .map((item, index) => ({ item, index: inserted.indexOf(item), time: Date.parse(item.createdAt) }))
      .sort((a, b) => a.time - b.time || a.index - b.index)
      .map((x) => x.item.id);

    for (const limit of [1, 7, 50, 500]) {
      expect(allPages(table, 'asc', limit).flat()).toEqual(sorted);
      expect(allPages(table, 'desc', limit).flat()).toEqual([...sorted].reverse());
      const inGroup = (item: Item) => item.group === 'g1';
      expect(allPages(table, 'asc', limit, inGroup).flat()).toEqual(sorted.filter((id) => table.get(id)!.group === 'g1'));
    }
    expect(table.find('group', 'g2').map((i) => i.id)).toEqual(sorted.filter((id) => table.get(id)!.group === 'g2'));
    expect(table.size).toBe(alive.length);
  });

  it('keeps secondary indexes right through replace and delete', () => {
    const table = new Table<Item>({ group: (i) => i.group });
    table.insert({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z', group: 'x' });
    table.replace({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z', group: 'y' });
    expect(table.has('group', 'x')).toBe(false);
    expect(table.findOne('group', 'y')?.id).toBe('a');
    table.delete('a');
    expect(table.has('group', 'y')).toBe(false);
    expect(() => table.find('nope', 'x')).toThrow(/no index 'nope'/);
  });

  it('the API keeps externalId unique through updates (the index follows the change)', async () => {
    const emulator = createEmulator();
    const api = apiFor(emulator);
    const a = (await api.post('/api/v1/customers', { externalId: 'ext-1' })).body.data;
    expect((await api.post('/api/v1/customers', { externalId: 'ext-1' })).status).toBe(409);
    expect((await api.patch(`/api/v1/customers/${a.id}`, { externalId: 'ext-2' })).status).toBe(200);
    // The old value is free again, the new one taken.
    expect((await api.post('/api/v1/customers', { externalId: 'ext-1' })).status).toBe(201);
    const clash = await api.post('/api/v1/customers', { externalId: 'ext-2' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.existingId).toBe(a.id);
  });
});

describe('expiry by time', () => {
  it('the queue pops deadlines in time order, only once due', () => {
    const queue = new ExpiryQueue();
    for (const at of [50, 10, 40, 10, 30, 20]) queue.push(at, `s${at}`);
    expect(queue.popDue(5)).toEqual([]);
    expect(queue.popDue(25).map((d) => d.at)).toEqual([10, 10, 20]);
    expect(queue.popDue(100).map((d) => d.at)).toEqual([30, 40, 50]);
    expect(queue.size).toBe(0);
  });

  it('a session expires once the clock passes expiresAt, and a completed one never does', async () => {
    let now = Date.UTC(2026, 5, 1);
    const emulator = createEmulator({ now: () => now });
    const api = apiFor(emulator, { now: () => now });
    const short = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, expiresInSec: 60 })).body.data;
    const paid = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, expiresInSec: 60 })).body.data;
    const long = (await api.post('/api/v1/checkout-sessions', { ...CHECKOUT_INPUT, expiresInSec: 3600 })).body.data;
    emulator.completeCheckout(paid.id);
    now += 61_000;
    expect((await api.get(`/api/v1/checkout-sessions/${short.id}`)).body.data.status).toBe('expired');
    expect((await api.get(`/api/v1/checkout-sessions/${paid.id}`)).body.data.status).toBe('completed');
    expect((await api.get(`/api/v1/checkout-sessions/${long.id}`)).body.data.status).toBe('open');
    expect(emulator.events({ type: 'plugipay.checkout_session.expired.v1' }).map((e) => e.data.object)).toMatchObject([{ id: short.id }]);
  });
});

describe('bounded request log', () => {
  it('the ring keeps the newest entries, oldest first', () => {
    const ring = new RequestRing<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
    const none = new RequestRing<number>(0);
    none.push(1);
    expect(none.toArray()).toEqual([]);
  });

  it('emulator.requests holds at most requestLogSize entries', async () => {
    const emulator = createEmulator({ requestLogSize: 4 });
    const api = apiFor(emulator);
    for (let i = 0; i < 10; i++) await api.get(`/api/v1/customers?limit=${i + 1}`);
    expect(emulator.requests.map((r) => r.path)).toEqual([7, 8, 9, 10].map((n) => `/api/v1/customers?limit=${n}`));
  });
});
