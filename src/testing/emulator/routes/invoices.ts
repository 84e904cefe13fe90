/**
 * Invoices: draft → open (finalize) → paid (pay) | void. There is no DELETE;
 * an illegal transition is a 409 (the server's code is undocumented; `conflict` is used).
 */
import { INVOICE_CREATE_STATUSES, INVOICE_STATUSES } from '../../../resources/invoices';
import type { InvoiceStatus, Invoice } from '../../../resources/invoices';
import { illegalTransition, notFound, validationError } from '../api-failure';
import { created, ok, type Mutation, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { arn, id, listReply, queryOneOf, sameIfSet } from './common';

const STATUSES = INVOICE_STATUSES;

export function findInvoice(account: AccountState, invoiceId: string): Invoice {
  const invoice = account.invoices.get(invoiceId);
  if (!invoice) throw notFound('invoice', invoiceId);
  return invoice;
}

function hostedUrl(invoiceId: string): string {
  return `https://plugipay.com/i/${encodeURIComponent(invoiceId)}`;
}

/** The fields that change when an invoice is issued. */
function issuedFields(invoice: Invoice, now: string): Partial<Invoice> {
  return { status: 'open', issuedAt: now, dueAt: invoice.dueAt ?? now, hostedInvoiceUrl: hostedUrl(invoice.id) };
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const customerId = fields.requiredString('customerId');
  if (!ctx.account.customers.get(customerId)) throw validationError('customerId', `no such customer '${customerId}'`);
  const currency = fields.requiredString('currency', { max: 8 });
  const lines = fields.objects('lines', { required: true, min: 1 })!.map((line) => {
    const quantity = line.requiredInteger('quantity', { min: 1 });
    const unitAmount = line.requiredInteger('unitAmount', { min: 0 });
    return {
      id: newId('il'),
      description: line.requiredString('description', { max: 1024 }),
      quantity,
      unitAmount,
      amount: quantity * unitAmount,
      priceId: null,
      metadata: null,
    };
  });
  const discount = fields.integer('discount', { min: 0 }) ?? 0;
  const tax = fields.integer('tax', { min: 0 }) ?? 0;
  const dueAt = fields.timestamp('dueAt');
  const status = fields.oneOf('status', INVOICE_CREATE_STATUSES) ?? 'draft';
  fields.string('memo', { max: 4096 });
  fields.string('templateId');
  const subscriptionId = fields.string('subscriptionId');
  if (subscriptionId !== undefined && !ctx.account.subscriptions.get(subscriptionId)) {
    throw validationError('subscriptionId', `no such subscription '${subscriptionId}'`);
  }

  return created(insertInvoice(ctx, { customerId, currency, lines, discount, tax, dueAt, status, subscriptionId }, ctx.presetId));
}

export interface NewInvoice {
  customerId: string;
  currency: string;
  lines: Invoice['lines'];
  discount: number;
  tax: number;
  dueAt?: string;
  status: 'draft' | 'open';
  subscriptionId?: string;
}

/** Stores a new invoice with its totals computed from the lines; emits created (and finalized). */
export function insertInvoice(m: Mutation, input: NewInvoice, presetId?: string): Invoice {
  const subtotal = input.lines.reduce((sum, line) => sum + line.amount, 0);
  const total = Math.max(0, subtotal - input.discount) + input.tax;
  const invoiceId = presetId ?? newId('inv');
  const now = m.world.iso();
  const draft: Invoice = {
    id: invoiceId,
    arn: arn(m, 'invoice', invoiceId),
    accountId: m.account.accountId,
    customerId: input.customerId,
    subscriptionId: input.subscriptionId ?? null,
    status: 'draft',
    number: `EMU-${String(++m.account.invoiceCount).padStart(6, '0')}`,
    currency: input.currency,
    subtotal,
    discount: input.discount,
    tax: input.tax,
    total,
    amountPaid: 0,
    amountDue: total,
    dueAt: input.dueAt ?? null,
    issuedAt: null,
    paidAt: null,
    voidedAt: null,
    hostedInvoiceUrl: null,
    chargeId: null,
    collectionAttempts: 0,
    lines: input.lines,
    metadata: null,
    createdAt: now,
    updatedAt: now,
  };
  const invoice = m.account.invoices.insert(input.status === 'open' ? { ...draft, ...issuedFields(draft, now) } : draft);
  m.emit('plugipay.invoice.created.v1', invoice);
  if (input.status === 'open') m.emit('plugipay.invoice.finalized.v1', invoice);
  return invoice;
}

/** Collects an open invoice in full (the collection engine charging the saved method). */
export function collectInvoice(m: Mutation, invoice: Invoice): Invoice {
  return transition(
    m,
    invoice,
    'pay',
    ['open', 'past_due'],
    (now) => ({ status: 'paid', amountPaid: invoice.total, amountDue: 0, paidAt: now }),
    'plugipay.invoice.paid.v1',
  );
}

function list(ctx: RouteContext) {
  const status = queryOneOf(ctx.query, 'status', STATUSES);
  const customerId = ctx.query.get('customerId') ?? undefined;
  const subscriptionId = ctx.query.get('subscriptionId') ?? undefined;
  return listReply(
    ctx,
    ctx.account.invoices,
    (i) =>
      sameIfSet<string>(status, i.status) &&
      sameIfSet(customerId, i.customerId) &&
      sameIfSet(subscriptionId, i.subscriptionId ?? undefined),
  );
}

/** One transition of the state table: allowed only from `from`. */
function transition(
  m: Mutation,
  invoice: Invoice,
  action: string,
  from: readonly InvoiceStatus[],
  change: (now: string) => Partial<Invoice>,
  eventType?: string,
): Invoice {
  if (!(from as readonly string[]).includes(invoice.status)) {
    throw illegalTransition('invoice', invoice.id, invoice.status, action);
  }
  const now = m.world.iso();
  const next = m.account.invoices.replace({ ...invoice, ...change(now), updatedAt: now });
  if (eventType) m.emit(eventType, next);
  return next;
}

export function markInvoicePastDue(m: Mutation, invoice: Invoice): Invoice {
  return transition(m, invoice, 'mark past due', ['open'], () => ({ status: 'past_due' }));
}

const finalize = (ctx: RouteContext) => {
  const invoice = findInvoice(ctx.account, id(ctx));
  return ok(transition(ctx, invoice, 'finalize', ['draft'], (now) => issuedFields(invoice, now), 'plugipay.invoice.finalized.v1'));
};

/** Money received outside the platform. */
const pay = (ctx: RouteContext) => ok(collectInvoice(ctx, findInvoice(ctx.account, id(ctx))));

const voidInvoice = (ctx: RouteContext) => {
  const invoice = findInvoice(ctx.account, id(ctx));
  return ok(
    transition(
      ctx,
      invoice,
      'void',
      ['draft', 'open', 'past_due'],
      (now) => ({ status: 'void', voidedAt: now, amountDue: 0 }),
      'plugipay.invoice.voided.v1',
    ),
  );
};

export const invoiceRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/invoices', handler: create },
  { method: 'GET', pattern: '/api/v1/invoices', handler: list },
  { method: 'GET', pattern: '/api/v1/invoices/:id', handler: (ctx) => ok(findInvoice(ctx.account, id(ctx))) },
  { method: 'POST', pattern: '/api/v1/invoices/:id/finalize', handler: finalize },
  { method: 'POST', pattern: '/api/v1/invoices/:id/pay', handler: pay },
  { method: 'POST', pattern: '/api/v1/invoices/:id/void', handler: voidInvoice },
];
