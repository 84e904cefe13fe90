/**
 * Refunds: against one captured payment, named by `chargeId` (a completed
 * session's `paymentId`) or by `sourceType` + `sourceId`; at most the remaining amount. A
 * refund starts `pending`; `emulator.settleRefund` plays the provider's answer.
 */
import { RECEIPT_SOURCE_TYPES } from '../../../resources/receipts';
import { REFUND_REASONS, REFUND_STATUSES } from '../../../resources/refunds';
import type { Refund } from '../../../resources/refunds';
import { illegalTransition, notFound, validationError } from '../api-failure';
import { created, ok, type Mutation, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { arn, id, listReply, queryOneOf, sameIfSet } from './common';

const REASONS = REFUND_REASONS;
const STATUSES = REFUND_STATUSES;

/** A captured payment that refunds can draw on. */
interface Charge {
  chargeId: string;
  captured: number;
  currency: string;
  invoiceId: string | null;
}

export function findRefund(account: AccountState, refundId: string): Refund {
  const refund = account.refunds.get(refundId);
  if (!refund) throw notFound('refund', refundId);
  return refund;
}

function chargeById(account: AccountState, chargeId: string): Charge {
  const session = account.checkoutSessions.find('paymentId', chargeId).find((s) => s.status === 'completed');
  if (session) return { chargeId, captured: session.amount, currency: session.currency, invoiceId: null };
  const invoice = account.invoices.find('chargeId', chargeId).find((i) => i.status === 'paid');
  if (invoice) return { chargeId, captured: invoice.amountPaid, currency: invoice.currency, invoiceId: invoice.id };
  throw validationError('chargeId', `no captured payment '${chargeId}'`);
}

function chargeBySource(account: AccountState, sourceType: 'checkout_session' | 'invoice', sourceId: string): Charge {
  if (sourceType === 'checkout_session') {
    const session = account.checkoutSessions.get(sourceId);
    if (!session) throw validationError('sourceId', `no such checkout session '${sourceId}'`);
    if (session.status !== 'completed' || !session.paymentId) {
      throw validationError('sourceId', `checkout session '${sourceId}' has no captured payment (status '${session.status}')`);
    }
    return { chargeId: session.paymentId, captured: session.amount, currency: session.currency, invoiceId: null };
  }
  const invoice = account.invoices.get(sourceId);
  if (!invoice) throw validationError('sourceId', `no such invoice '${sourceId}'`);
  if (invoice.status !== 'paid') throw validationError('sourceId', `invoice '${sourceId}' is not paid (status '${invoice.status}')`);
  // An invoice paid outside the platform has no provider charge; its id stands in for one.
  return { chargeId: invoice.chargeId ?? invoice.id, captured: invoice.amountPaid, currency: invoice.currency, invoiceId: invoice.id };
}

/** `capturedAmount − Σ(refunds in pending|succeeded)`. */
function remaining(account: AccountState, charge: Charge): number {
  const committed = account.refunds
    .find('chargeId', charge.chargeId)
    .filter((r) => r.status === 'pending' || r.status === 'succeeded')
    .reduce((sum, r) => sum + r.amount, 0);
  return charge.captured - committed;
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const chargeId = fields.string('chargeId');
  const sourceType = fields.oneOf('sourceType', RECEIPT_SOURCE_TYPES);
  const sourceId = fields.string('sourceId');
  if ((chargeId !== undefined) === (sourceType !== undefined || sourceId !== undefined)) {
    throw validationError('chargeId', 'give exactly one of chargeId, or sourceType with sourceId');
  }
  if (chargeId === undefined && sourceType === undefined) throw validationError('sourceType', 'is required with sourceId');
  if (chargeId === undefined && sourceId === undefined) throw validationError('sourceId', 'is required with sourceType');
  const charge = chargeId !== undefined ? chargeById(ctx.account, chargeId) : chargeBySource(ctx.account, sourceType!, sourceId!);

  const left = remaining(ctx.account, charge);
  const amount = fields.integer('amount', { min: 1 }) ?? left;
  if (left <= 0) throw validationError('amount', 'the payment is already fully refunded');
  if (amount > left) throw validationError('amount', `must be ≤ the remaining refundable amount ${left}`);
  const reason = fields.oneOf('reason', REASONS);
  const metadata = fields.metadata();

  const refundId = ctx.presetId ?? newId('re');
  const now = ctx.world.iso();
  const refund = ctx.account.refunds.insert({
    id: refundId,
    arn: arn(ctx, 'refund', refundId),
    accountId: ctx.account.accountId,
    chargeId: charge.chargeId,
    invoiceId: charge.invoiceId,
    amount,
    currency: charge.currency,
    reason: reason ?? null,
    status: 'pending',
    failureCode: null,
    failureMessage: null,
    metadata: metadata ?? null,
    ...(sourceType !== undefined && sourceId !== undefined ? { sourceType, sourceId } : {}),
    createdAt: now,
    updatedAt: now,
  });
  return created(refund);
}

function list(ctx: RouteContext) {
  const status = queryOneOf(ctx.query, 'status', STATUSES);
  const chargeId = ctx.query.get('chargeId') ?? undefined;
  return listReply(ctx, ctx.account.refunds, (r) => sameIfSet<string>(status, r.status) && sameIfSet(chargeId, r.chargeId));
}

/** The provider's answer to a pending refund: `refund.issued` or `refund.failed`. */
export function settleRefund(
  m: Mutation,
  refund: Refund,
  outcome: 'succeeded' | 'failed',
  failure: { failureCode?: string; failureMessage?: string } = {},
): Refund {
  if (refund.status !== 'pending') throw illegalTransition('refund', refund.id, refund.status, 'settle');
  const settled = m.account.refunds.replace({
    ...refund,
    status: outcome,
    ...(outcome === 'failed'
      ? {
          failureCode: failure.failureCode ?? 'provider_declined',
          failureMessage: failure.failureMessage ?? 'The payment provider declined the refund',
        }
      : {}),
    updatedAt: m.world.iso(),
  });
  m.emit(outcome === 'succeeded' ? 'plugipay.refund.issued.v1' : 'plugipay.refund.failed.v1', settled);
  return settled;
}

export const refundRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/refunds', handler: create },
  { method: 'GET', pattern: '/api/v1/refunds', handler: list },
  { method: 'GET', pattern: '/api/v1/refunds/:id', handler: (ctx) => ok(findRefund(ctx.account, id(ctx))) },
];
