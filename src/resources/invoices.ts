/**
 * Invoices (ENDPOINTS §2.4): draft → open (finalize) → paid (pay) | void. There is no delete; a
 * paid invoice is reversed with a refund. The render routes answer HTML, PDF or ESC/POS.
 */
import * as v from 'valibot';
import type { EmailResult, Invoice, ReceiptSummary } from './objects';
import { binary, json, page, route, text as textBody } from './route';
import { currency, EmailInput, EscposParams, id, integer, listParams, money, nonEmpty, text, timestamp } from './schemas';

/** Statuses of an invoice. */
export const INVOICE_STATUSES = ['draft', 'open', 'past_due', 'paid', 'void', 'uncollectible'] as const;

const InvoiceLineInput = v.strictObject({
  description: text(1, 1024),
  quantity: integer(1),
  unitAmount: money(0),
});

/** What `invoices.create` takes. */
export const InvoiceCreateInput = v.strictObject({
  customerId: id(),
  currency: currency(),
  lines: nonEmpty(InvoiceLineInput),
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
export type InvoiceCreateInput = v.InferInput<typeof InvoiceCreateInput>;

/** Filters of `invoices.list`. */
export const InvoiceListParams = listParams({
  status: v.optional(v.picklist(INVOICE_STATUSES)),
  customerId: v.optional(id()),
  subscriptionId: v.optional(id()),
});
export type InvoiceListParams = v.InferInput<typeof InvoiceListParams>;

export const invoiceRoutes = {
  create: route('POST', '/api/v1/invoices', { body: InvoiceCreateInput, returns: json<Invoice>() }),
  get: route('GET', '/api/v1/invoices/{id}', { returns: json<Invoice>() }),
  list: route('GET', '/api/v1/invoices', { query: InvoiceListParams, returns: page<Invoice>() }),
  /** Draft → open: issues the invoice and locks its lines. */
  finalize: route('POST', '/api/v1/invoices/{id}/finalize', { emptyBody: true, returns: json<Invoice>() }),
  /** Records money received outside the platform. */
  pay: route('POST', '/api/v1/invoices/{id}/pay', { emptyBody: true, returns: json<Invoice>() }),
  void: route('POST', '/api/v1/invoices/{id}/void', { emptyBody: true, returns: json<Invoice>() }),
  sendEmail: route('POST', '/api/v1/invoices/{id}/send-email', { body: EmailInput, returns: json<EmailResult>() }),
  /** Undocumented (§6.18); probably emits `invoice.sent`. */
  send: route('POST', '/api/v1/invoices/{id}/send', { emptyBody: true, returns: json<unknown>() }),
  /** The stored PDF: the server redirects to a signed URL, which fetch follows. */
  pdf: route('GET', '/api/v1/invoices/{id}/pdf', { returns: binary(), followsSignedRedirect: true }),
  renderPdf: route('GET', '/api/v1/invoices/{id}/invoice.pdf', { returns: binary() }),
  renderHtml: route('GET', '/api/v1/invoices/{id}/invoice.html', { returns: textBody() }),
  renderEscpos: route('GET', '/api/v1/invoices/{id}/invoice.escpos', { query: EscposParams, returns: binary() }),
  receipt: route('GET', '/api/v1/invoices/{id}/receipt', { returns: json<ReceiptSummary>() }),
};
