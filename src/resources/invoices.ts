/**
 * Invoices: draft → open (finalize) → paid (pay) | void. There is no delete; a paid invoice is
 * reversed with a refund. The render routes answer HTML, PDF or ESC/POS, in any status.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { ReceiptSummary } from './receipts';
import type { Id, Money, Timestamp, Currency, Metadata, Open, EmailResult, EmailInput, EscposParams } from './shared-types';
import { binary, json, page, route, text as textBody, type RouteTable } from './route';
import { accepts, currency, emailInput, escposParams, id, integer, listParams, money, nonEmpty, text, timestamp } from './schemas';

/** Statuses of an invoice. */
export const INVOICE_STATUSES = ['draft', 'open', 'past_due', 'paid', 'void', 'uncollectible'] as const;
/** The statuses an invoice may be created in: a draft, or issued at once. */
export const INVOICE_CREATE_STATUSES = ['draft', 'open'] as const;

/** Where an invoice is in its life, from draft to paid, void or uncollectible. */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** One line of an invoice, as `invoices.create` takes it. */
export interface InvoiceLineInput {
  /** What the line is for, 1–1024 characters. */
  description: string;
  /** How many, an integer ≥ 1. */
  quantity: number;
  /** The price of one, an integer ≥ 0 in the currency's minor unit. */
  unitAmount: number;
}

/** What `invoices.create` takes. */
export interface InvoiceCreateInput {
  /** The customer billed. */
  customerId: string;
  /** ISO 4217 code in upper case, e.g. `IDR`. */
  currency: string;
  /** At least one line. */
  lines: InvoiceLineInput[];
  /** Taken off the subtotal, an integer ≥ 0 in the currency's minor unit. */
  discount?: number;
  /** Added to the subtotal, an integer ≥ 0 in the currency's minor unit. */
  tax?: number;
  /** When payment is due (ISO-8601 string or `Date`); due on issue when left out. */
  dueAt?: string | Date;
  /** `draft` (the default) keeps the lines editable until `finalize`; `open` issues the invoice at once. */
  status?: (typeof INVOICE_CREATE_STATUSES)[number];
  /** A note printed on the invoice, at most 4096 characters. */
  memo?: string;
  /** The subscription the invoice bills for, if any. */
  subscriptionId?: string;
  /** A template of kind `invoice` to render the invoice with. */
  templateId?: string;
}

/** Filters and paging of `invoices.list`. */
export interface InvoiceListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Only invoices in this status. */
  status?: InvoiceStatus;
  /** Only the invoices of this customer. */
  customerId?: string;
  /** Only the invoices issued by this subscription. */
  subscriptionId?: string;
}

/** `client.invoices`: bills for a customer, one-off or issued by a subscription. */
export interface InvoicesResource {
  /**
   * Creates an invoice, as a draft until it is finalized (or issued at once with `status: 'open'`).
   *
   * @example
   * ```ts
   * const invoice = await client.invoices.create({
   *   customerId: customer.id,
   *   currency: 'IDR',
   *   lines: [{ description: 'Consulting, May', quantity: 10, unitAmount: 500000 }],
   * });
   * ```
   */
  create(input: InvoiceCreateInput, options?: RequestOptions): APIPromise<Invoice>;
  /** Retrieves an invoice by id. */
  get(id: string, options?: RequestOptions): APIPromise<Invoice>;
  /**
   * Lists invoices: `await` it for the first page, or `for await` over every invoice.
   *
   * @example
   * ```ts
   * for await (const invoice of client.invoices.list({ status: 'past_due' })) console.log(invoice.number);
   * ```
   */
  list(params?: InvoiceListParams, options?: RequestOptions): PagePromise<Invoice>;
  /**
   * Draft → open: issues the invoice and locks its lines.
   *
   * @example
   * ```ts
   * const issued = await client.invoices.finalize(invoice.id);
   * ```
   */
  finalize(id: string, options?: RequestOptions): APIPromise<Invoice>;
  /** Records money received outside the platform: an open (or past-due) invoice becomes paid. */
  pay(id: string, options?: RequestOptions): APIPromise<Invoice>;
  /** Voids a draft, open or past-due invoice: it can no longer be paid and is left out of totals. */
  void(id: string, options?: RequestOptions): APIPromise<Invoice>;
  /** Emails the invoice to its customer's address on file, or to `to`. */
  sendEmail(id: string, input?: EmailInput, options?: RequestOptions): APIPromise<EmailResult>;
  /**
   * Sends the invoice. The API documents neither this route's effect (it is thought to emit
   * `invoice.sent`) nor its result, hence `unknown`; `sendEmail` is the documented way to email one.
   */
  send(id: string, options?: RequestOptions): APIPromise<unknown>;
  /** The stored PDF (`ArrayBuffer`): the server redirects to a signed URL, which is fetched without credentials. */
  pdf(id: string, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /** The invoice rendered now as a PDF (`ArrayBuffer`). */
  renderPdf(id: string, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /** The invoice rendered as HTML. */
  renderHtml(id: string, options?: RequestOptions): APIPromise<string>;
  /** The invoice rendered as ESC/POS bytes for a receipt printer. */
  renderEscpos(id: string, params?: EscposParams, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /** The receipt of a paid invoice. */
  receipt(id: string, options?: RequestOptions): APIPromise<ReceiptSummary>;
}

const lineInput = accepts<InvoiceLineInput>()(() =>
  v.strictObject({
    description: text(1, 1024),
    quantity: integer(1),
    unitAmount: money(0),
  }),
);

const createInput = accepts<InvoiceCreateInput>()(() =>
  v.strictObject({
    customerId: id(),
    currency: currency(),
    lines: nonEmpty(lineInput()),
    discount: v.optional(money(0)),
    tax: v.optional(money(0)),
    dueAt: v.optional(timestamp()),
    status: v.optional(v.picklist(INVOICE_CREATE_STATUSES)),
    memo: v.optional(text(0, 4096)),
    subscriptionId: v.optional(id()),
    templateId: v.optional(id()),
  }),
);

const listInput = accepts<InvoiceListParams | undefined>()(() =>
  listParams({
    status: v.optional(v.picklist(INVOICE_STATUSES)),
    customerId: v.optional(id()),
    subscriptionId: v.optional(id()),
  }),
);

/** @internal */
export const invoiceRoutes: RouteTable<InvoicesResource> = {
  create: route('POST', '/api/v1/invoices', { body: createInput, returns: json<Invoice>() }),
  get: route('GET', '/api/v1/invoices/{id}', { returns: json<Invoice>() }),
  list: route('GET', '/api/v1/invoices', { query: listInput, returns: page<Invoice>() }),
  finalize: route('POST', '/api/v1/invoices/{id}/finalize', { emptyBody: true, returns: json<Invoice>() }),
  pay: route('POST', '/api/v1/invoices/{id}/pay', { emptyBody: true, returns: json<Invoice>() }),
  void: route('POST', '/api/v1/invoices/{id}/void', { emptyBody: true, returns: json<Invoice>() }),
  sendEmail: route('POST', '/api/v1/invoices/{id}/send-email', { body: emailInput, returns: json<EmailResult>() }),
  send: route('POST', '/api/v1/invoices/{id}/send', { emptyBody: true, returns: json<unknown>() }),
  pdf: route('GET', '/api/v1/invoices/{id}/pdf', { returns: binary(), followsSignedRedirect: true }),
  renderPdf: route('GET', '/api/v1/invoices/{id}/invoice.pdf', { returns: binary() }),
  renderHtml: route('GET', '/api/v1/invoices/{id}/invoice.html', { returns: textBody() }),
  renderEscpos: route('GET', '/api/v1/invoices/{id}/invoice.escpos', { query: escposParams, returns: binary() }),
  receipt: route('GET', '/api/v1/invoices/{id}/receipt', { returns: json<ReceiptSummary>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** One line of an invoice. */
export interface InvoiceLine {
  id: Id;
  description: string;
  quantity: number;
  unitAmount: Money;
  /** The line's total. */
  amount: Money;
  /** The plan price the line bills, for a subscription's invoice. */
  priceId: Id | null;
  metadata: Metadata | null;
}

/** An invoice (`invoices.*`), one-off or issued by a subscription. */
export interface Invoice {
  id: Id;
  arn: string;
  accountId: Id;
  customerId: Id;
  subscriptionId: Id | null;
  status: Open<InvoiceStatus>;
  /** The invoice number shown to the customer. */
  number: string;
  currency: Currency;
  /** Before discount and tax. */
  subtotal: Money;
  discount: Money;
  tax: Money;
  total: Money;
  amountPaid: Money;
  /** What is still owed; 0 once paid. */
  amountDue: Money;
  dueAt: Timestamp | null;
  issuedAt: Timestamp | null;
  paidAt: Timestamp | null;
  voidedAt: Timestamp | null;
  /** The buyer-facing invoice page. */
  hostedInvoiceUrl: string | null;
  /** Returned by GET only, when a checkout session paid the invoice. */
  chargeId?: string | null;
  /** How many times collection has been tried. */
  collectionAttempts: number;
  lines: InvoiceLine[];
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
