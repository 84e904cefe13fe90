/**
 * Subscriptions: trialing/active → paused ↔ active, → canceled (now or at
 * period end). Canceled and incomplete are terminal; an illegal action is a 409 `conflict`.
 */
import type { Plan } from '../../../resources/plans';
import type { SubscriptionStatus, Subscription } from '../../../resources/subscriptions';
import { illegalTransition, notFound, validationError } from '../api-failure';
import { created, ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { arn, id, listReply, queryOneOf, sameIfSet } from './common';

import { CANCEL_REASONS, CANCEL_TIMINGS, COLLECTION_METHODS, SUBSCRIPTION_STATUSES } from '../../../resources/subscriptions';

const STATUSES = SUBSCRIPTION_STATUSES;
const DAY_MS = 24 * 60 * 60 * 1000;

export function findSubscription(account: AccountState, subscriptionId: string): Subscription {
  const subscription = account.subscriptions.get(subscriptionId);
  if (!subscription) throw notFound('subscription', subscriptionId);
  return subscription;
}

/** `start` moved forward by `count` billing intervals, in UTC calendar terms. */
export function addInterval(startMs: number, interval: string, count: number): number {
  const date = new Date(startMs);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + count);
  else if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
  else if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  else date.setUTCFullYear(date.getUTCFullYear() + count);
  return date.getTime();
}

function activePriceOf(plan: Plan, priceId: string): void {
  const price = plan.prices.find((p) => p.id === priceId);
  if (!price) throw validationError('priceId', `price '${priceId}' does not belong to plan '${plan.id}'`);
  if (!price.active) throw validationError('priceId', `price '${priceId}' is not active`);
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const customerId = fields.requiredString('customerId');
  if (!ctx.account.customers.get(customerId)) throw validationError('customerId', `no such customer '${customerId}'`);
  const planId = fields.requiredString('planId');
  const plan = ctx.account.plans.get(planId);
  if (!plan) throw validationError('planId', `no such plan '${planId}'`);
  if (plan.archivedAt !== null) throw validationError('planId', `plan '${planId}' is archived`);
  const priceId = fields.requiredString('priceId');
  activePriceOf(plan, priceId);
  const trialDays = fields.integer('trialDays', { min: 0 }) ?? plan.trialDays;
  const collectionMethod = fields.oneOf('collectionMethod', COLLECTION_METHODS);
  const paymentTokenId = fields.string('paymentTokenId');
  const couponId = fields.string('couponId');
  const startAt = fields.timestamp('startAt');
  fields.integer('initialDiscount', { min: 0 });
  const metadata = fields.metadata();

  const startMs = startAt ? Date.parse(startAt) : ctx.world.nowMs();
  const trialEndMs = trialDays > 0 ? startMs + trialDays * DAY_MS : null;
  const periodEndMs = trialEndMs ?? addInterval(startMs, plan.interval, plan.intervalCount);
  const subscriptionId = ctx.presetId ?? newId('sub');
  const now = ctx.world.iso();
  const subscription = ctx.account.subscriptions.insert({
    id: subscriptionId,
    arn: arn(ctx, 'subscription', subscriptionId),
    accountId: ctx.account.accountId,
    customerId,
    planId,
    priceId,
    status: trialEndMs !== null ? 'trialing' : 'active',
    currentPeriodStart: new Date(startMs).toISOString(),
    currentPeriodEnd: new Date(periodEndMs).toISOString(),
    trialEnd: trialEndMs !== null ? new Date(trialEndMs).toISOString() : null,
    cancelAt: null,
    canceledAt: null,
    canceledReason: null,
    pausedAt: null,
    defaultPaymentTokenId: paymentTokenId ?? null,
    discountCouponId: couponId ?? null,
    collectionMethod: collectionMethod ?? 'charge_automatically',
    metadata: metadata ?? null,
    createdAt: now,
    updatedAt: now,
  });
  ctx.emit('plugipay.subscription.created.v1', subscription);
  return created(subscription);
}

function list(ctx: RouteContext) {
  const status = queryOneOf(ctx.query, 'status', STATUSES);
  const customerId = ctx.query.get('customerId') ?? undefined;
  const planId = ctx.query.get('planId') ?? undefined;
  return listReply(
    ctx,
    ctx.account.subscriptions,
    (s) => sameIfSet<string>(status, s.status) && sameIfSet(customerId, s.customerId) && sameIfSet(planId, s.planId),
  );
}

/** Applies `change` when the subscription is in one of `from`; emits `eventType`. */
function transition(
  ctx: RouteContext,
  action: string,
  from: readonly SubscriptionStatus[],
  change: (current: Subscription, now: string) => Partial<Subscription>,
  eventType: string,
) {
  const current = findSubscription(ctx.account, id(ctx));
  if (!(from as readonly string[]).includes(current.status)) {
    throw illegalTransition('subscription', current.id, current.status, action);
  }
  const now = ctx.world.iso();
  const next = ctx.account.subscriptions.replace({ ...current, ...change(current, now), updatedAt: now });
  ctx.emit(eventType, next);
  return ok(next);
}

function update(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const priceId = fields.string('priceId');
  const defaultPaymentTokenId = fields.string('defaultPaymentTokenId');
  const metadata = fields.metadata();
  return transition(
    ctx,
    'update',
    ['trialing', 'active', 'past_due', 'paused'],
    (current) => {
      const change: Partial<Subscription> = {};
      if (priceId !== undefined) {
        activePriceOf(ctx.account.plans.get(current.planId)!, priceId);
        change.priceId = priceId;
      }
      if (defaultPaymentTokenId !== undefined) change.defaultPaymentTokenId = defaultPaymentTokenId;
      if (metadata !== undefined) change.metadata = metadata;
      return change;
    },
    'plugipay.subscription.updated.v1',
  );
}

function cancel(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const at = fields.requiredOneOf('at', CANCEL_TIMINGS);
  const reason = fields.oneOf('reason', CANCEL_REASONS) ?? null;
  const live: SubscriptionStatus[] = ['trialing', 'active', 'past_due', 'paused'];
  if (at === 'period_end') {
    return transition(
      ctx,
      'cancel',
      live,
      (s) => ({ cancelAt: s.currentPeriodEnd, canceledReason: reason }),
      'plugipay.subscription.updated.v1',
    );
  }
  return transition(
    ctx,
    'cancel',
    live,
    (_s, now) => ({ status: 'canceled', canceledAt: now, canceledReason: reason }),
    'plugipay.subscription.canceled.v1',
  );
}

function pause(ctx: RouteContext) {
  Fields.of(ctx.body).timestamp('resumeAt');
  return transition(ctx, 'pause', ['active'], (_s, now) => ({ status: 'paused', pausedAt: now }), 'plugipay.subscription.paused.v1');
}

function resume(ctx: RouteContext) {
  return transition(ctx, 'resume', ['paused'], () => ({ status: 'active', pausedAt: null }), 'plugipay.subscription.resumed.v1');
}

export const subscriptionRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/subscriptions', handler: create },
  { method: 'GET', pattern: '/api/v1/subscriptions', handler: list },
  { method: 'GET', pattern: '/api/v1/subscriptions/:id', handler: (ctx) => ok(findSubscription(ctx.account, id(ctx))) },
  { method: 'PATCH', pattern: '/api/v1/subscriptions/:id', handler: update },
  { method: 'POST', pattern: '/api/v1/subscriptions/:id/cancel', handler: cancel },
  { method: 'POST', pattern: '/api/v1/subscriptions/:id/pause', handler: pause },
  { method: 'POST', pattern: '/api/v1/subscriptions/:id/resume', handler: resume },
];
