/**
 * Checkout sessions: create → open; cancel/confirm while not terminal;
 * completion by a payment (`emulator.completeCheckout`) or by the merchant's confirm; expiry
 * when the clock passes `expiresAt`; delete while no payment is behind it.
 */
import type { CheckoutMethod, LineItem, CheckoutSession } from '../../../resources/checkout-sessions';
import { apiFailure, illegalTransition, notFound, validationError } from '../api-failure';
import { created, noContent, ok, type Mutation, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { arn, id, listReply, queryOneOf, queryTime, sameIfSet } from './common';
import { WORKSPACE_NAME } from './workspaces';

import { CHECKOUT_METHODS, CHECKOUT_STATUSES } from '../../../resources/checkout-sessions';

export { CHECKOUT_METHODS };
const STATUSES = CHECKOUT_STATUSES;
/** Statuses from which a session can still be paid, canceled or confirmed. */
export const LIVE_STATUSES: readonly string[] = ['open', 'pending', 'pending_review'];
/** The emulator's default lifetime: the docs give both 30 min and 24 h; the longer one is kinder to tests. */
const DEFAULT_TTL_SEC = 24 * 60 * 60;

/** Which provider takes a method when the emulator completes a payment. */
export const ADAPTER_FOR_METHOD: Readonly<Record<string, string>> = {
  qris: 'xendit',
  va: 'xendit',
  ewallet: 'xendit',
  retail: 'xendit',
  card: 'midtrans',
  paypal: 'paypal',
};

export function findSession(account: AccountState, sessionId: string): CheckoutSession {
  const session = account.checkoutSessions.get(sessionId);
  if (!session) throw notFound('checkout session', sessionId);
  return session;
}

function readLineItems(fields: Fields): LineItem[] {
  return (fields.objects('lineItems') ?? []).map((item) => ({
    name: item.requiredString('name', { max: 255 }),
    quantity: item.requiredInteger('quantity', { min: 1 }),
    unitAmount: item.requiredInteger('unitAmount', { min: 0 }),
  }));
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const amount = fields.requiredInteger('amount', { min: 1 });
  const currency = fields.requiredString('currency', { max: 8 });
  const methods = fields.stringArray('methods', { required: true, min: 1 })!;
  methods.forEach((method, i) => {
    if (!CHECKOUT_METHODS.includes(method as CheckoutMethod)) {
      throw validationError(`methods[${i}]`, `must be one of ${CHECKOUT_METHODS.map((m) => `'${m}'`).join(', ')}`);
    }
  });
  const successUrl = fields.requiredUrl('successUrl');
  const cancelUrl = fields.requiredUrl('cancelUrl');
  const customerId = fields.string('customerId');
  const customer = customerId === undefined ? undefined : ctx.account.customers.get(customerId);
  if (customerId !== undefined && !customer) throw validationError('customerId', `no such customer '${customerId}'`);
  fields.string('templateId');
  const lineItems = readLineItems(fields);
  const expiresInSec = fields.integer('expiresInSec', { min: 1 }) ?? DEFAULT_TTL_SEC;
  const metadata = fields.metadata();

  const sessionId = ctx.presetId ?? newId('cs');
  const now = ctx.world.iso();
  const session = ctx.account.checkoutSessions.insert({
    id: sessionId,
    arn: arn(ctx, 'checkout_session', sessionId),
    accountId: ctx.account.accountId,
    mode: 'test',
    workspaceName: WORKSPACE_NAME,
    customerId: customer?.id ?? null,
    customer: customer
      ? { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone, externalId: customer.externalId }
      : null,
    status: 'open',
    amount,
    currency,
    methods,
    paymentMethod: null,
    adapter: null,
    lineItems,
    successUrl,
    cancelUrl,
    hostedUrl: hostedCheckoutUrl(ctx.origin, sessionId),
    expiresAt: ctx.world.iso(expiresInSec * 1000),
    completedAt: null,
    paymentId: null,
    metadata: metadata ?? null,
    createdAt: now,
    updatedAt: now,
  });
  ctx.account.sessionExpiry.push(Date.parse(session.expiresAt), session.id);
  return created(session);
}

function list(ctx: RouteContext) {
  const status = queryOneOf(ctx.query, 'status', STATUSES);
  const customerId = ctx.query.get('customerId') ?? undefined;
  const after = queryTime(ctx.query, 'createdAfter');
  const before = queryTime(ctx.query, 'createdBefore');
  return listReply(ctx, ctx.account.checkoutSessions, (s) => {
    const createdAt = Date.parse(s.createdAt);
    return (
      sameIfSet<string>(status, s.status) &&
      sameIfSet(customerId, s.customerId ?? undefined) &&
      (after === undefined || createdAt >= after) &&
      (before === undefined || createdAt < before)
    );
  });
}

/** Moves a live session to `completed` as a captured payment would, and emits the event. */
export function completeSession(m: Mutation, session: CheckoutSession, payment: { method: string; adapter: string }): CheckoutSession {
  if (!LIVE_STATUSES.includes(session.status)) {
    throw illegalTransition('checkout session', session.id, session.status, 'complete');
  }
  const now = m.world.iso();
  const completed = m.account.checkoutSessions.replace({
    ...session,
    status: 'completed',
    paymentMethod: payment.method,
    adapter: payment.adapter,
    paymentId: newId('pay'),
    completedAt: now,
    updatedAt: now,
  });
  m.emit('plugipay.checkout_session.completed.v1', completed);
  return completed;
}

export function expireSession(m: Mutation, session: CheckoutSession): CheckoutSession {
  if (!LIVE_STATUSES.includes(session.status)) {
    throw illegalTransition('checkout session', session.id, session.status, 'expire');
  }
  const expired = m.account.checkoutSessions.replace({ ...session, status: 'expired', updatedAt: m.world.iso() });
  m.emit('plugipay.checkout_session.expired.v1', expired);
  return expired;
}

/**
 * Expires every live session whose `expiresAt` has passed: the server does this from a job;
 * the emulator does it lazily, before it handles a request, so a moved clock is honoured. The
 * sessions come from the workspace's expiry queue in time order, so a request with nothing due
 * costs one comparison, however many sessions exist.
 */
export function expireDueSessions(m: Mutation): void {
  const now = m.world.nowMs();
  for (const { id: sessionId } of m.account.sessionExpiry.popDue(now)) {
    const session = m.account.checkoutSessions.get(sessionId);
    if (session && LIVE_STATUSES.includes(session.status) && Date.parse(session.expiresAt) <= now) expireSession(m, session);
  }
}

/** The buyer page of a session, on the origin the emulator was reached at (its own hosted page). */
export function hostedCheckoutUrl(origin: string, sessionId: string): string {
  return `${origin}/c/${encodeURIComponent(sessionId)}`;
}

function cancel(ctx: RouteContext) {
  const session = findSession(ctx.account, id(ctx));
  if (!LIVE_STATUSES.includes(session.status)) {
    throw illegalTransition('checkout session', session.id, session.status, 'cancel');
  }
  return ok(ctx.account.checkoutSessions.replace({ ...session, status: 'canceled', updatedAt: ctx.world.iso() }));
}

/** The merchant saying the money arrived (manual adapter: transfer, cash, EDC slip). */
function confirm(ctx: RouteContext) {
  const session = findSession(ctx.account, id(ctx));
  return ok(completeSession(ctx, session, { method: session.paymentMethod ?? 'manual', adapter: 'manual' }));
}

/** Sessions with a payment behind them, taken or under way. */
const PAID_OR_PAYING: readonly string[] = ['completed', 'pending', 'pending_review'];

/**
 * Deletes a session that has no payment (open, expired, canceled): 204, and it is gone from
 * lists. The server's exact rules are not published; the emulator refuses, as it does for
 * customers, to erase one with a payment taken or under way, so a test never loses money
 * history that the server would keep.
 */
function remove(ctx: RouteContext) {
  const session = findSession(ctx.account, id(ctx));
  if (session.paymentId !== null || PAID_OR_PAYING.includes(session.status)) {
    throw apiFailure(409, 'conflict', `Checkout session '${session.id}' is ${session.status}: a session with a payment cannot be deleted`, {
      details: { status: session.status },
    });
  }
  ctx.account.checkoutSessions.delete(session.id);
  return noContent();
}

export const checkoutSessionRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/checkout-sessions', handler: create },
  { method: 'GET', pattern: '/api/v1/checkout-sessions', handler: list },
  { method: 'GET', pattern: '/api/v1/checkout-sessions/:id', handler: (ctx) => ok(findSession(ctx.account, id(ctx))) },
  { method: 'DELETE', pattern: '/api/v1/checkout-sessions/:id', handler: remove },
  { method: 'POST', pattern: '/api/v1/checkout-sessions/:id/cancel', handler: cancel },
  { method: 'POST', pattern: '/api/v1/checkout-sessions/:id/confirm', handler: confirm, idempotencyKey: 'optional' },
];
