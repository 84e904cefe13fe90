/**
 * Invoices (ENDPOINTS §2.4): draft → open (finalize) → paid (pay) | void. There is no delete; a
 * paid invoice is reversed with a refund. The render routes answer HTML, PDF or ESC/POS.
 */
import * as v from 'valibot';
import type { ReceiptSummary } from './receipts';
import type { Id, Money, Timestamp, Currency, Metadata, Open, EmailResult } from './shared-types';
import { binary, json, page, route, text as textBody } from './route';
import { currency, EmailInput, EscposParams, id, integer, listParams, money, nonEmpty, text, timestamp, type Input } from './schemas';

/** Statuses of an invoice. */
export const INVOICE_STATUSES = ['draft', 'open', 'past_due', 'paid', 'void', 'uncollectible'] as const;

const InvoiceLineInput = () =>
  v.strictObject({
    description: text(1, 1024),
    quantity: integer(1),
    unitAmount: money(0),
  });

/** What `invoices.create` takes. */
export const InvoiceCreateInput = () =>
  v.strictObject({
    customerId: id(),
    currency: currency(),
    lines: nonEmpty(InvoiceLineInput()),
    discount: v.optional(money(0)),
    tax: v.optional(money(0)),
    /** Left out: due on issue. */
    dueAt: v.optional(timestamp()),
    /** `'open'` issues the invoice at once; default `'draft'`. */
    status: v.optional(v.picklist(['draft', 'open'])),
    memo: v.optional(text(0, 4096)),
    subscriptionId: v.optional(id()),
    /** A template of kind `invoice`. */
    templateId: v.optional(id()),
  });
export type InvoiceCreateInput = Input<typeof InvoiceCreateInput>;

/** Filters of `invoices.list`. */
export const InvoiceListParams = () =>
  listParams({
    status: v.optional(v.picklist(INVOICE_STATUSES)),
    customerId: v.optional(id()),
    subscriptionId: v.optional(id()),
  });
export type InvoiceListParams = Input<typeof InvoiceListParams>;

export const invoiceRoutes = {
  /** Creates an invoice, as a draft until it is finalized. */
  create: route('POST', '/api/v1/invoices', { body: InvoiceCreateInput, returns: json<Invoice>() }),
  /** Retrieves an invoice by id. */
  get: route('GET', '/api/v1/invoices/{id}', { returns: json<Invoice>() }),
  /** Lists invoices: await for the first page, or `for await` over every invoice. */
  list: route('GET', '/api/v1/invoices', { query: InvoiceListParams, returns: page<Invoice>() }),
  /** Draft → open: issues the invoice and locks its lines. */
  finalize: route('POST', '/api/v1/invoices/{id}/finalize', { emptyBody: true, returns: json<Invoice>() }),
  /** Records money received outside the platform. */
  pay: route('POST', '/api/v1/invoices/{id}/pay', { emptyBody: true, returns: json<Invoice>() }),
  /** Voids an open invoice: it can no longer be paid. */
  void: route('POST', '/api/v1/invoices/{id}/void', { emptyBody: true, returns: json<Invoice>() }),
  /** Emails the invoice to its customer (or to the address given). */
  sendEmail: route('POST', '/api/v1/invoices/{id}/send-email', { body: EmailInput, returns: json<EmailResult>() }),
  /** Undocumented (§6.18); probably emits `invoice.sent`. */
  send: route('POST', '/api/v1/invoices/{id}/send', { emptyBody: true, returns: json<unknown>() }),
  /** The stored PDF: the server redirects to a signed URL, which fetch follows. */
  pdf: route('GET', '/api/v1/invoices/{id}/pdf', { returns: binary(), followsSignedRedirect: true }),
  /** The invoice as a PDF (`ArrayBuffer`). */
  renderPdf: route('GET', '/api/v1/invoices/{id}/invoice.pdf', { returns: binary() }),
  /** The invoice as HTML. */
  renderHtml: route('GET', '/api/v1/invoices/{id}/invoice.html', { returns: textBody() }),
  /** The invoice as ESC/POS bytes for a receipt printer. */
  renderEscpos: route('GET', '/api/v1/invoices/{id}/invoice.escpos', { query: EscposParams, returns: binary() }),
  /** The receipt of a paid invoice. */
  receipt: route('GET', '/api/v1/invoices/{id}/receipt', { returns: json<ReceiptSummary>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** Where an invoice is in its life, from draft to paid, void or uncollectible. */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** One line of an invoice. */
export interface InvoiceLine {
  id: Id;
  description: string;
  quantity: number;
  unitAmount: Money;
  amount: Money;
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
  number: string;
  currency: Currency;
  subtotal: Money;
  discount: Money;
  tax: Money;
  total: Money;
  amountPaid: Money;
  amountDue: Money;
  dueAt: Timestamp | null;
  issuedAt: Timestamp | null;
  paidAt: Timestamp | null;
  voidedAt: Timestamp | null;
  /** The buyer-facing invoice page. */
  hostedInvoiceUrl: string | null;
  /** Returned by GET only, when a checkout session paid the invoice. */
  chargeId?: string | null;
  collectionAttempts: number;
  lines: InvoiceLine[];
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
