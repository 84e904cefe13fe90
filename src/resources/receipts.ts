/**
 * Receipts (ENDPOINTS §2.7): issued by the server when a session completes or an invoice is paid;
 * immutable, so only reads, renders and email.
 */
import * as v from 'valibot';
import type { Id, Money, Timestamp, Currency, Open, EmailResult } from './shared-types';
import { binary, json, page, route, text } from './route';
import { EmailInput, EscposParams, id, timestamp, unorderedListParams, type Input } from './schemas';

/** What a receipt (or an older refund) was issued for. */
/** What a receipt is for. */
export const RECEIPT_SOURCE_TYPES = ['checkout_session', 'invoice'] as const;
export const sourceType = () => v.picklist(RECEIPT_SOURCE_TYPES);

/** The route declares no `order`. */
export const ReceiptListParams = () =>
  unorderedListParams({
    sourceType: v.optional(sourceType()),
    customerId: v.optional(id()),
    issuedAfter: v.optional(timestamp()),
    issuedBefore: v.optional(timestamp()),
  });
export type ReceiptListParams = Input<typeof ReceiptListParams>;

export const receiptRoutes = {
  /** Lists receipts: await for the first page, or `for await` over every receipt. */
  list: route('GET', '/api/v1/receipts', { query: ReceiptListParams, returns: page<ReceiptSummary>() }),
  /** Retrieves a receipt by id, as a document. */
  get: route('GET', '/api/v1/receipts/{id}', { returns: json<ReceiptDocument>() }),
  /** The receipt as a PDF (`ArrayBuffer`). */
  renderPdf: route('GET', '/api/v1/receipts/{id}/receipt.pdf', { returns: binary() }),
  /** The receipt as HTML. */
  renderHtml: route('GET', '/api/v1/receipts/{id}/receipt.html', { returns: text() }),
  /** The receipt as ESC/POS bytes for a receipt printer. */
  renderEscpos: route('GET', '/api/v1/receipts/{id}/receipt.escpos', { query: EscposParams, returns: binary() }),
  /** Emails the receipt to its customer (or to the address given). */
  email: route('POST', '/api/v1/receipts/{id}/email', { body: EmailInput, returns: json<EmailResult>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** What a receipt is for: a checkout session or an invoice. */
export type ReceiptSourceType = (typeof RECEIPT_SOURCE_TYPES)[number];

/** A receipt as lists return it (`receipts.list`). */
export interface ReceiptSummary {
  id: Id;
  number: string;
  sourceType: Open<ReceiptSourceType>;
  sourceId: Id;
  customerId: Id | null;
  amount: Money;
  currency: Currency;
  method: string | null;
  adapter: string | null;
  issuedAt: Timestamp;
  emailedAt: Timestamp | null;
  emailedTo: string | null;
}

/** `GET /receipts/{id}`: a rich document whose shape is kept opaque. */
export type ReceiptDocument = Record<string, unknown>;
