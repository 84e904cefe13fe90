/**
 * One collection of objects, kept in list order: by `createdAt`, then by a sequence number that
 * breaks ties between objects created in the same millisecond (a fixed test clock makes every
 * `createdAt` equal), so lists are stable and pages never skip or repeat.
 *
 * Built to stay fast as it grows: lookups by id and by declared secondary keys (`externalId`,
 * `customerId`, …) are hash lookups, and a page is read from the ordered index by binary search
 * on the cursor, walking only as far as the page needs. Nothing copies the table per request.
 */

export interface Row<T> {
  seq: number;
  /** `createdAt` in epoch ms, fixed at insertion (0 for objects without one). */
  time: number;
  value: T;
}

/** A position in list order: what a cursor encodes. */
export interface OrderKey {
  time: number;
  seq: number;
}

/** A secondary key of an object; `null`/`undefined` means "not indexed under any key". */
export type KeyOf<T> = (value: T) => string | null | undefined;

let nextSeq = 0;

function compareKeys(a: OrderKey, b: OrderKey): number {
  return a.time - b.time || a.seq - b.seq;
}

function timeOf(value: object): number {
  const createdAt = (value as { createdAt?: unknown }).createdAt;
  const ms = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

export interface PageRequest {
  limit: number;
  order: 'asc' | 'desc';
  /** The last item of the previous page; `null` for the first page. */
  after: OrderKey | null;
}

export interface PageRows<T> {
  rows: Row<T>[];
  hasMore: boolean;
}

export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, Row<T>>();
  /** Every row, sorted by (time, seq). */
  private readonly ordered: Row<T>[] = [];
  private readonly indexes = new Map<string, { keyOf: KeyOf<T>; ids: Map<string, Set<string>> }>();

  /** `indexes`: named secondary keys to keep a hash index of (`{ externalId: (c) => c.externalId }`). */
  constructor(indexes: Record<string, KeyOf<T>> = {}) {
    for (const [name, keyOf] of Object.entries(indexes)) this.indexes.set(name, { keyOf, ids: new Map() });
  }

  insert(value: T): T {
    const existing = this.rows.get(value.id);
    if (existing) this.delete(value.id);
    const row: Row<T> = { seq: nextSeq++, time: timeOf(value), value };
    this.rows.set(value.id, row);
    const last = this.ordered[this.ordered.length - 1];
    // The clock only moves forward in the common case: appending is O(1).
    if (!last || compareKeys(last, row) <= 0) this.ordered.push(row);
    else this.ordered.splice(this.firstAfter(row), 0, row);
    this.indexAdd(value);
    return value;
  }

  get(id: string): T | undefined {
    return this.rows.get(id)?.value;
  }

  /** Replaces an existing object, keeping its place in the order. */
  replace(value: T): T {
    const row = this.rows.get(value.id);
    if (!row) throw new Error(`emulator: replace of unknown id ${value.id}`);
    this.indexRemove(row.value);
    row.value = value;
    this.indexAdd(value);
    return value;
  }

  delete(id: string): boolean {
    const row = this.rows.get(id);
    if (!row) return false;
    this.rows.delete(id);
    const at = this.firstAfter(row) - 1;
    if (this.ordered[at] === row) this.ordered.splice(at, 1);
    this.indexRemove(row.value);
    return true;
  }

  /** Objects whose secondary key `index` equals `key`, in list order (ascending). */
  find(index: string, key: string): T[] {
    const ids = this.index(index).ids.get(key);
    if (!ids) return [];
    const rows = [...ids].map((id) => this.rows.get(id)!);
    return rows.sort(compareKeys).map((row) => row.value);
  }

  /** The first object whose secondary key `index` equals `key`. */
  findOne(index: string, key: string): T | undefined {
    return this.find(index, key)[0];
  }

  /** Whether any object has `key` under `index` (no copy). */
  has(index: string, key: string): boolean {
    return (this.index(index).ids.get(key)?.size ?? 0) > 0;
  }

  /** A copy of every object, in list order: for test helpers and small tables, not request paths. */
  values(): T[] {
    return this.ordered.map((row) => row.value);
  }

  /**
   * One page in list order, after the cursor position: rows failing `keep` are skipped, and the
   * walk stops at the first matching row past the page (that row only sets `hasMore`).
   */
  page(request: PageRequest, keep: (value: T) => boolean = () => true): PageRows<T> {
    const { ordered } = this;
    const asc = request.order === 'asc';
    const step = asc ? 1 : -1;
    let i: number;
    if (request.after === null) i = asc ? 0 : ordered.length - 1;
    else i = asc ? this.firstAfter(request.after) : this.firstAfter(request.after) - 1;
    // Descending: skip the cursor row itself (firstAfter points past it).
    if (!asc && request.after !== null) {
      while (i >= 0 && compareKeys(ordered[i]!, request.after) >= 0) i--;
    }
    const rows: Row<T>[] = [];
    for (; i >= 0 && i < ordered.length; i += step) {
      const row = ordered[i]!;
      if (!keep(row.value)) continue;
      if (rows.length === request.limit) return { rows, hasMore: true };
      rows.push(row);
    }
    return { rows, hasMore: false };
  }

  get size(): number {
    return this.rows.size;
  }

  /** Index of the first row ordered after `key` (binary search). */
  private firstAfter(key: OrderKey): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.ordered[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private index(name: string) {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`emulator: no index '${name}' on this table`);
    return index;
  }

  private indexAdd(value: T): void {
    for (const { keyOf, ids } of this.indexes.values()) {
      const key = keyOf(value);
      if (key === null || key === undefined) continue;
      let set = ids.get(key);
      if (!set) ids.set(key, (set = new Set()));
      set.add(value.id);
    }
  }

  private indexRemove(value: T): void {
    for (const { keyOf, ids } of this.indexes.values()) {
      const key = keyOf(value);
      if (key === null || key === undefined) continue;
      const set = ids.get(key);
      set?.delete(value.id);
      if (set?.size === 0) ids.delete(key);
    }
  }
}
