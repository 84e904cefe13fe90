/** The ledger: the read-only double-entry book of the workspace. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Money, Timestamp, Currency, Open } from './shared-types';
import { json, page, route, type RouteTable } from './route';
import { accepts, id, listParams, nonEmptyText } from './schemas';

/** What a ledger entry comes from. */
export const LEDGER_SOURCE_TYPES = ['checkout_session', 'invoice', 'refund', 'payout', 'adjustment', 'dispute'] as const;

/**
 * Filters and paging of `ledger.list`. There is no date range yet (`from`/`to` are reserved):
 * use `reports.ledgerCsv` for one.
 */
export interface LedgerListParams {
  /** Page size, 1–100 (the server's default here is 20). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first, by `postedAt` then id. */
  order?: 'asc' | 'desc';
  /** Only the legs of this transaction. */
  txId?: string;
  /** Only entries of this account code, e.g. `revenue` or `platform_fee`. */
  code?: string;
  /** Only entries caused by this kind of object: `checkout_session`, `invoice`, `refund`, `payout`, `adjustment` or `dispute`. */
  sourceType?: LedgerSourceType;
  /** Only entries caused by this object (with `sourceType`). */
  sourceId?: string;
}

/** `client.ledger`: the double-entry book every money movement is posted to (read-only). */
export interface LedgerResource {
  /**
   * Lists ledger entries, sorted by `postedAt` then id: `await` it for the first page, or
   * `for await` over every entry.
   *
   * @example
   * ```ts
   * for await (const entry of client.ledger.list({ sourceType: 'refund' })) console.log(entry.code, entry.direction, entry.amount);
   * ```
   */
  list(params?: LedgerListParams, options?: RequestOptions): PagePromise<LedgerEntry>;
  /** The balance of each account code (one array, not paginated). */
  balances(options?: RequestOptions): APIPromise<LedgerBalance[]>;
}

const listInput = accepts<LedgerListParams | undefined>()(() =>
  listParams({
    txId: v.optional(id()),
    code: v.optional(nonEmptyText()),
    sourceType: v.optional(v.picklist(LEDGER_SOURCE_TYPES)),
    sourceId: v.optional(id()),
  }),
);

/** @internal */
export const ledgerRoutes: RouteTable<LedgerResource> = {
  list: route('GET', '/api/v1/ledger', { query: listInput, returns: page<LedgerEntry>() }),
  balances: route('GET', '/api/v1/ledger/balances', { returns: json<LedgerBalance[]>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** What caused a ledger entry. */
export type LedgerSourceType = (typeof LEDGER_SOURCE_TYPES)[number];

/** One movement of money in the workspace ledger (`ledger.*`). */
export interface LedgerEntry {
  id: Id;
  accountId: Id;
  /** Groups the legs of one transaction. */
  txId: Id;
  /** Account code, e.g. `revenue`, `platform_fee` (an open set). */
  code: string;
  direction: Open<'debit' | 'credit'>;
  /** In the currency's minor unit, on the side `direction` gives. */
  amount: Money;
  currency: Currency;
  sourceType: Open<LedgerSourceType>;
  sourceId: Id;
  memo: string | null;
  postedAt: Timestamp;
}

/** The balance of one account code (`ledger.balances`). */
export interface LedgerBalance {
  code: string;
  debits: Money;
  credits: Money;
  balance: Money;
  currency?: Currency;
}
