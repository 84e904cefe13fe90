/** Reports (ENDPOINTS §2.11): P&L and cash flow as JSON, the ledger as a CSV export. */
import * as v from 'valibot';
import type { Money, Timestamp, Currency } from './shared-types';
import { json, route, text } from './route';
import { currency, timestamp, type Input } from './schemas';

const period = () => ({ from: timestamp(), to: timestamp() });

/** The period of a report. */
export const ReportParams = () => v.strictObject({ ...period(), currency: v.optional(currency()) });
export type ReportParams = Input<typeof ReportParams>;

/** The period of the ledger CSV export. */
export const LedgerCsvParams = () => v.strictObject(period());
export type LedgerCsvParams = Input<typeof LedgerCsvParams>;

export const reportRoutes = {
  /** A profit and loss report for a period. */
  pnl: route('GET', '/api/v1/reports/pnl', { query: ReportParams, returns: json<PnlReport>() }),
  /** A cash flow report for a period. */
  cashFlow: route('GET', '/api/v1/reports/cash-flow', { query: ReportParams, returns: json<CashFlowReport>() }),
  /** The CSV text as sent (`text/csv`), never parsed as an envelope. */
  ledgerCsv: route('GET', '/api/v1/reports/ledger.csv', { query: LedgerCsvParams, returns: text() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A profit and loss report for a period (`reports.pnl`). */
export interface PnlReport {
  from: Timestamp;
  to: Timestamp;
  currency: Currency;
  revenue: Money;
  refunds: Money;
  platformFees: Money;
  tax: Money;
  net: Money;
  lines: { code: string; amount: Money }[];
}

/** A cash flow report for a period (`reports.cashFlow`). */
export interface CashFlowReport {
  from: Timestamp;
  to: Timestamp;
  currency: Currency;
  totalInflow: Money;
  totalOutflow: Money;
  net: Money;
  buckets: { day: string; inflow: Money; outflow: Money; net: Money }[];
}
