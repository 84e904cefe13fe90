/**
 * Receipts: issued by the server when a checkout session completes or an invoice is paid;
 * immutable, so only reads, renders and email.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Money, Timestamp, Currency, Open, EmailResult, EmailInput, EscposParams } from './shared-types';
import { binary, json, page, route, text, type RouteTable } from './route';
import { accepts, emailInput, escposParams, id, timestamp, unorderedListParams } from './schemas';

/** What a receipt is for. */
export const RECEIPT_SOURCE_TYPES = ['checkout_session', 'invoice'] as const;

/** What a receipt is for: a checkout session or an invoice. */
export type ReceiptSourceType = (typeof RECEIPT_SOURCE_TYPES)[number];

/**
 * The source-type picklist, shared with the refunds schemas (a refund names its source the same way).
 *
 * @internal
 */
export const sourceType = () => v.picklist(RECEIPT_SOURCE_TYPES);

/** Filters and paging of `receipts.list` (the route has no `order`). */
export interface ReceiptListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only the receipts of checkout sessions, or only those of invoices. */
  sourceType?: ReceiptSourceType;
  /** Only the receipts of this customer. */
  customerId?: string;
  /** Only receipts issued at or after this time (ISO-8601 string or `Date`). */
  issuedAfter?: string | Date;
  /** Only receipts issued before this time (ISO-8601 string or `Date`). */
  issuedBefore?: string | Date;
}

/** `client.receipts`: the receipts of paid sessions and invoices, rendered or emailed. */
export interface ReceiptsResource {
  /**
   * Lists receipts: `await` it for the first page, or `for await` over every receipt.
   *
   * @example
   * ```ts
   * for await (const receipt of client.receipts.list({ customerId: customer.id })) console.log(receipt.number);
   * ```
   */
  list(params?: ReceiptListParams, options?: RequestOptions): PagePromise<ReceiptSummary>;
  /** Retrieves a receipt by id, as a document. */
  get(id: string, options?: RequestOptions): APIPromise<ReceiptDocument>;
  /** The receipt as a PDF (`ArrayBuffer`). */
  renderPdf(id: string, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /** The receipt as HTML. */
  renderHtml(id: string, options?: RequestOptions): APIPromise<string>;
  /** The receipt as ESC/POS bytes for a receipt printer. */
  renderEscpos(id: string, params?: EscposParams, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /**
   * Emails the receipt to its customer's address on file, or to `to`.
   *
   * @example
   * ```ts
   * const { sent, to } = await client.receipts.email(receipt.id, { to: 'budi@example.com' });
   * ```
   */
  email(id: string, input?: EmailInput, options?: RequestOptions): APIPromise<EmailResult>;
}

const listInput = accepts<ReceiptListParams | undefined>()(() =>
  unorderedListParams({
    sourceType: v.optional(sourceType()),
    customerId: v.optional(id()),
    issuedAfter: v.optional(timestamp()),
    issuedBefore: v.optional(timestamp()),
  }),
);

/** @internal */
export const receiptRoutes: RouteTable<ReceiptsResource> = {
  list: route('GET', '/api/v1/receipts', { query: listInput, returns: page<ReceiptSummary>() }),
  get: route('GET', '/api/v1/receipts/{id}', { returns: json<ReceiptDocument>() }),
  renderPdf: route('GET', '/api/v1/receipts/{id}/receipt.pdf', { returns: binary() }),
  renderHtml: route('GET', '/api/v1/receipts/{id}/receipt.html', { returns: text() }),
  renderEscpos: route('GET', '/api/v1/receipts/{id}/receipt.escpos', { query: escposParams, returns: binary() }),
  email: route('POST', '/api/v1/receipts/{id}/email', { body: emailInput, returns: json<EmailResult>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A receipt as lists return it (`receipts.list`). */
export interface ReceiptSummary {
  id: Id;
  /** The receipt number shown to the customer. */
  number: string;
  sourceType: Open<ReceiptSourceType>;
  /** The checkout session or invoice the receipt is for. */
  sourceId: Id;
  customerId: Id | null;
  amount: Money;
  currency: Currency;
  /** What the buyer paid with. */
  method: string | null;
  /** Which provider took the payment. */
  adapter: string | null;
  issuedAt: Timestamp;
  /** When the receipt was last emailed. */
  emailedAt: Timestamp | null;
  /** The address the receipt was last emailed to. */
  emailedTo: string | null;
}

/** `receipts.get`: a rich document whose shape is kept opaque. */
export type ReceiptDocument = Record<string, unknown>;
