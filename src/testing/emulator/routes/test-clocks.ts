/**
 * Test clocks: `POST /api/v1/test/clocks/advance { subscriptionId, days }`
 * moves one subscription's own clock forward. Each period end the clock passes is a renewal: a
 * trial ends, a cancellation scheduled for the period end takes effect, or a new period starts
 * with its invoice (collected at once for `charge_automatically`, left open for
 * `send_invoice`) and `subscription.renewed` carrying `daysAdvanced`.
 */
import type { Plan } from '../../../resources/plans';
import type { Subscription } from '../../../resources/subscriptions';
import { illegalTransition, validationError } from '../api-failure';
import { ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import { collectInvoice, insertInvoice } from './invoices';
import { addInterval } from './subscriptions';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A year of daily periods: enough for any test, and a bound on the loop below. */
const MAX_DAYS = 366;

function renewalInvoice(ctx: RouteContext, subscription: Subscription, plan: Plan, periodStart: string) {
  const price = plan.prices.find((p) => p.id === subscription.priceId);
  const unitAmount = price?.unitAmount ?? 0;
  const invoice = insertInvoice(ctx, {
    customerId: subscription.customerId,
    currency: price?.currency ?? 'IDR',
    lines: [
      {
        id: newId('il'),
        description: `${plan.name} from ${periodStart.slice(0, 10)}`,
        quantity: 1,
        unitAmount,
        amount: unitAmount,
        priceId: price?.id ?? null,
        metadata: null,
      },
    ],
    discount: 0,
    tax: 0,
    status: 'open',
    subscriptionId: subscription.id,
  });
  return subscription.collectionMethod === 'charge_automatically' ? collectInvoice(ctx, invoice) : invoice;
}

export function advance(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const subscriptionId = fields.requiredString('subscriptionId');
  const days = fields.requiredInteger('days', { min: 1, max: MAX_DAYS });
  let subscription = ctx.account.subscriptions.get(subscriptionId);
  if (!subscription) throw validationError('subscriptionId', `no such subscription '${subscriptionId}'`);
  if (!['trialing', 'active', 'past_due'].includes(subscription.status)) {
    throw illegalTransition('subscription', subscription.id, subscription.status, 'advance its test clock');
  }
  const plan = ctx.account.plans.get(subscription.planId)!;
  const from = ctx.account.testClocks.get(subscription.id) ?? ctx.world.nowMs();
  const until = from + days * DAY_MS;
  ctx.account.testClocks.set(subscription.id, until);

  const invoices: string[] = [];
  let renewals = 0;
  while (Date.parse(subscription.currentPeriodEnd) <= until && subscription.status !== 'canceled') {
    const periodEnd = subscription.currentPeriodEnd;
    const now = ctx.world.iso();
    if (subscription.cancelAt !== null && Date.parse(subscription.cancelAt) <= Date.parse(periodEnd)) {
      subscription = ctx.account.subscriptions.replace({ ...subscription, status: 'canceled', canceledAt: periodEnd, updatedAt: now });
      ctx.emit('plugipay.subscription.canceled.v1', subscription);
      break;
    }
    const nextEnd = new Date(addInterval(Date.parse(periodEnd), plan.interval, plan.intervalCount)).toISOString();
    subscription = ctx.account.subscriptions.replace({
      ...subscription,
      status: 'active',
      currentPeriodStart: periodEnd,
      currentPeriodEnd: nextEnd,
      updatedAt: now,
    });
    invoices.push(renewalInvoice(ctx, subscription, plan, periodEnd).id);
    renewals++;
    ctx.emit('plugipay.subscription.renewed.v1', subscription, { daysAdvanced: days });
  }
  return ok({ subscriptionId, daysAdvanced: days, clock: new Date(until).toISOString(), renewals, invoices, subscription });
}

export const testClockRoutes: Route[] = [{ method: 'POST', pattern: '/api/v1/test/clocks/advance', handler: advance }];
