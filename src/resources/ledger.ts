/** The ledger (ENDPOINTS §2.10): the read-only double-entry book. */
import * as v from 'valibot';
import type { LedgerBalance, LedgerEntry } from './objects';
import { json, page, route } from './route';
import { id, listParams, nonEmptyText, type Input } from './schemas';

/** What a ledger entry comes from. */
export const LEDGER_SOURCE_TYPES = ['checkout_session', 'invoice', 'refund', 'payout', 'adjustment', 'dispute'] as const;

/** No date range yet (`from`/`to` are reserved): use `reports.ledgerCsv` for one. */
export const LedgerListParams = () => listParams({
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
