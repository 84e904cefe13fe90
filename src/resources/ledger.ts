/** The ledger (ENDPOINTS §2.10): the read-only double-entry book. */
import * as v from 'valibot';
import type { Id, Money, Timestamp, Currency, Open } from './shared-types';
import { json, page, route } from './route';
import { id, listParams, nonEmptyText, type Input } from './schemas';

/** What a ledger entry comes from. */
export const LEDGER_SOURCE_TYPES = ['checkout_session', 'invoice', 'refund', 'payout', 'adjustment', 'dispute'] as const;

/** No date range yet (`from`/`to` are reserved): use `reports.ledgerCsv` for one. */
export const LedgerListParams = () =>
  listParams({
    txId: v.optional(id()),
    /** Account code, e.g. `revenue`. */
    code: v.optional(nonEmptyText()),
    sourceType: v.optional(v.picklist(LEDGER_SOURCE_TYPES)),
    sourceId: v.optional(id()),
  });
export type LedgerListParams = Input<typeof LedgerListParams>;

export const ledgerRoutes = {
  /** Sorted by `postedAt`, then id; the server's default page size here is 20. */
  list: route('GET', '/api/v1/ledger', { query: LedgerListParams, returns: page<LedgerEntry>() }),
  /** One line per account code; not paginated. */
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
  amount: Money;
  currency: Currency;
  sourceType: Open<LedgerSourceType>;
  sourceId: Id;
  memo: string | null;
  postedAt: Timestamp;
}

/** The ledger balance per currency (`ledger.balance`). */
export interface LedgerBalance {
  code: string;
  debits: Money;
  credits: Money;
  balance: Money;
  currency?: Currency;
}
