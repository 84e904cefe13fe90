/**
 * Cursor pagination as the server does it: `limit` 1–100, `order` asc|desc (default desc, by
 * `createdAt` then creation order), an opaque cursor that also pins the filter set, and the two
 * meta shapes seen in the wild (`meta.page.{limit,hasMore,nextCursor}` and `meta.{hasMore,cursor}`).
 */
import { validationError } from './api-failure';
import type { Table } from './table';

/**
 * Which list `meta` fields the emulator answers with: `'both'` (the default, as the server sends
 * them: the docs' clients read `meta.page`, the official Node and Go clients `meta.hasMore` and
 * `meta.cursor`, and a client that reads only one must still see every page), or only one shape,
 * to prove a client reads either.
 */
export type ListMetaShape = 'both' | 'page' | 'cursor';
export type SortOrder = 'asc' | 'desc';

export interface ListQuery {
  limit: number;
  order: SortOrder;
  /** Position of the last item of the previous page. */
  after: { time: number; seq: number } | null;
  filters: string;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  nextCursor: string | null;
  limit: number;
}

const PAGING_PARAMS = new Set(['limit', 'cursor']);

function filterFingerprint(query: URLSearchParams): string {
  return [...query]
    .filter(([name]) => !PAGING_PARAMS.has(name))
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join('&');
}

function encodeCursor(payload: { t: number; s: number; f: string }): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): { t: number; s: number; f: string } | null {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof payload !== 'object' || payload === null) return null;
    const { t, s, f } = payload as Record<string, unknown>;
    return typeof t === 'number' && typeof s === 'number' && typeof f === 'string' ? { t, s, f } : null;
  } catch {
    return null;
  }
}

export function readListQuery(query: URLSearchParams, defaultLimit = 50): ListQuery {
  let limit = defaultLimit;
  const rawLimit = query.get('limit');
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 100) {
      throw validationError('limit', 'must be an integer from 1 to 100');
    }
    limit = Number(rawLimit);
  }
  const rawOrder = query.get('order') ?? 'desc';
  if (rawOrder !== 'asc' && rawOrder !== 'desc') throw validationError('order', "must be 'asc' or 'desc'");

  const filters = filterFingerprint(query);
  let after: ListQuery['after'] = null;
  const rawCursor = query.get('cursor');
  if (rawCursor !== null && rawCursor !== '') {
    const decoded = decodeCursor(rawCursor);
    if (!decoded) throw validationError('cursor', 'is not a cursor this server issued');
    if (decoded.f !== filters) {
      throw validationError('cursor', 'was issued for other filters; keep the filters the same on every page');
    }
    after = { time: decoded.t, seq: decoded.s };
  }
  return { limit, order: rawOrder, after, filters };
}

/** One page of `table` in list order, read from its ordered index (no copy of the table). */
export function paginate<T extends { id: string }>(table: Table<T>, list: ListQuery, keep?: (value: T) => boolean): Page<T> {
  const { rows, hasMore } = table.page(list, keep);
  const last = rows[rows.length - 1];
  const nextCursor = hasMore && last ? encodeCursor({ t: last.time, s: last.seq, f: list.filters }) : null;
  return { items: rows.map((row) => row.value), hasMore, nextCursor, limit: list.limit };
}

/** The list fields of `meta`, in the configured shape. */
export function listMetaFields(shape: ListMetaShape, page: Page<unknown>): Record<string, unknown> {
  const flat = { hasMore: page.hasMore, cursor: page.nextCursor };
  const nested = { page: { limit: page.limit, hasMore: page.hasMore, nextCursor: page.nextCursor } };
  if (shape === 'cursor') return flat;
  if (shape === 'page') return nested;
  return { ...nested, ...flat };
}
