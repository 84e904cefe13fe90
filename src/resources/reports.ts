/** Reports: profit and loss and cash flow as JSON, the ledger as a CSV export. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Money, Timestamp, Currency } from './shared-types';
import { json, route, text, type RouteTable } from './route';
import { accepts, currency, timestamp } from './schemas';

/** The period (and currency) of `reports.pnl` and `reports.cashFlow`. */
export interface ReportParams {
  /** Start of the period: an ISO-8601 string or a `Date` (sent as its ISO string). */
  from: string | Date;
  /** End of the period: an ISO-8601 string or a `Date` (sent as its ISO string). */
  to: string | Date;
  /** Three-letter ISO 4217 code in upper case, e.g. `IDR`: report in this currency only. */
  currency?: string;
}

/** The period of `reports.ledgerCsv`. */
export interface LedgerCsvParams {
  /** Start of the period: an ISO-8601 string or a `Date` (sent as its ISO string). */
  from: string | Date;
  /** End of the period: an ISO-8601 string or a `Date` (sent as its ISO string). */
  to: string | Date;
}

/** `client.reports`: profit and loss, cash flow, and the ledger as CSV, for a period. */
export interface ReportsResource {
  /**
   * A profit and loss report for a period: revenue, refunds, platform fees, tax and net.
   *
   * @example
   * ```ts
   * const pnl = await client.reports.pnl({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', currency: 'IDR' });
   * console.log(pnl.net);
   * ```
   */
  pnl(params: ReportParams, options?: RequestOptions): APIPromise<PnlReport>;
  /** A cash flow report for a period: money in and out, in total and per day. */
  cashFlow(params: ReportParams, options?: RequestOptions): APIPromise<CashFlowReport>;
  /**
   * The ledger entries of a period as CSV: the text as sent (`text/csv`), never parsed as JSON.
   *
   * @example
   * ```ts
   * const csv = await client.reports.ledgerCsv({ from: new Date('2026-01-01'), to: new Date('2026-02-01') });
   * ```
   */
  ledgerCsv(params: LedgerCsvParams, options?: RequestOptions): APIPromise<string>;
}

const period = () => ({ from: timestamp(), to: timestamp() });

const reportInput = accepts<ReportParams>()(() => v.strictObject({ ...period(), currency: v.optional(currency()) }));
const ledgerCsvInput = accepts<LedgerCsvParams>()(() => v.strictObject(period()));

/** @internal */
export const reportRoutes: RouteTable<ReportsResource> = {
  pnl: route('GET', '/api/v1/reports/pnl', { query: reportInput, returns: json<PnlReport>() }),
  cashFlow: route('GET', '/api/v1/reports/cash-flow', { query: reportInput, returns: json<CashFlowReport>() }),
  ledgerCsv: route('GET', '/api/v1/reports/ledger.csv', { query: ledgerCsvInput, returns: text() }),
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
