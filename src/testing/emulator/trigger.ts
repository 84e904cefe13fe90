/**
 * `emulator.trigger(type)` and `plugipay-emulator trigger <type>`: one realistic event of any
 * catalog type, the way `stripe trigger` makes one. Each type has a recipe that drives the
 * emulator's own routes and state machines (create a customer, open an invoice, pay a session,
 * refund it…), so the event's `data.object` is the object a GET returns, the prerequisite
 * events go out first, and every event is delivered signed to the subscribed endpoints exactly
 * like one caused by an API call. The few types the emulator has no state machine for (gift
 * cards, an endpoint disabled after a day of failures) get an object built to the resource's
 * declared type instead, so their shape is still checked by the compiler.
 */
import type { CheckoutSession } from '../../resources/checkout-sessions';
import type { Customer } from '../../resources/customers';
import type { EventRecord } from '../../resources/events';
import type { GiftCard, GiftCardEntry } from '../../resources/gift-cards';
import type { Invoice } from '../../resources/invoices';
import type { Payout } from '../../resources/payouts';
import type { Plan } from '../../resources/plans';
import type { Refund } from '../../resources/refunds';
import type { Subscription } from '../../resources/subscriptions';
import type { WebhookEndpoint } from '../../resources/webhook-endpoints';
import type { WebhookEventType } from '../../webhooks/events';
import type { Mutation, RouteContext, World } from './context';
import { eventEmitter } from './emit';
import { newId, randomHex } from './ids';
import type { Router } from './router';
import { ADAPTER_FOR_METHOD, completeSession, expireSession } from './routes/checkout-sessions';
import { EVENT_TYPES } from './routes/events';
import { collectInvoice } from './routes/invoices';
import { arn } from './routes/common';
import { payoutBalance } from './routes/payouts';
import { settleRefund } from './routes/refunds';
import type { AccountState } from './state';

/** Every event type `trigger` can make: the whole catalog. */
export const TRIGGERABLE_EVENT_TYPES: readonly WebhookEventType[] = EVENT_TYPES;

/** What `trigger` did: the event of the requested type, and every event the recipe recorded (prerequisites first). */
export interface TriggerResult {
  event: EventRecord;
  events: EventRecord[];
}

/** A failure a caller can act on (an unknown type); the message lists what is accepted. */
export class TriggerError extends Error {}

/** The routes as a recipe calls them: the same handlers and validation as a signed request. */
class InternalApi {
  constructor(
    private readonly world: World,
    private readonly router: Router,
    readonly m: Mutation,
    private readonly origin: string,
  ) {}

  call<T>(method: string, path: string, body: Record<string, unknown> = {}): T {
    const lookup = this.router.lookup(method, path);
    if (lookup.kind !== 'found') throw new Error(`emulator trigger: no route ${method} ${path}`);
    const url = new URL(this.origin + path);
    const ctx: RouteContext = {
      ...this.m,
      request: new Request(url, { method }),
      url,
      params: lookup.params,
      query: url.searchParams,
      body,
      requestId: `req_trigger_${randomHex(6)}`,
      idempotencyKey: null,
      origin: this.origin,
    };
    let reply;
    try {
      reply = lookup.route.handler(ctx);
    } catch (error) {
      // An API failure (a recipe out of step with a route's validation) names what was refused.
      const failure = (error as { error?: { code?: string; message?: string } }).error;
      throw failure ? new Error(`${method} ${path}: ${failure.code}: ${failure.message}`) : error;
    }
    return (reply.kind === 'data' ? reply.data : undefined) as T;
  }
}

const SHOP = 'https://shop.example';

function customer(api: InternalApi): Customer {
  return api.call<Customer>('POST', '/api/v1/customers', {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+6281234567890',
    metadata: { source: 'trigger' },
  });
}

function session(api: InternalApi): CheckoutSession {
  return api.call<CheckoutSession>('POST', '/api/v1/checkout-sessions', {
    amount: 150_000,
    currency: 'IDR',
    methods: ['qris', 'va'],
    successUrl: `${SHOP}/orders/1001/thanks`,
    cancelUrl: `${SHOP}/cart`,
    lineItems: [{ name: 'Kopi Gayo 250 g', quantity: 2, unitAmount: 75_000 }],
    metadata: { orderId: '1001' },
  });
}

function paidSession(api: InternalApi): CheckoutSession {
  return completeSession(api.m, session(api), { method: 'qris', adapter: ADAPTER_FOR_METHOD.qris ?? 'xendit' });
}

function invoice(api: InternalApi, status: 'draft' | 'open'): Invoice {
  const buyer = customer(api);
  return api.call<Invoice>('POST', '/api/v1/invoices', {
    customerId: buyer.id,
    currency: 'IDR',
    status,
    dueAt: api.m.world.iso(14 * 24 * 60 * 60 * 1000),
    lines: [{ description: 'Consulting, November', quantity: 10, unitAmount: 250_000 }],
  });
}

function plan(api: InternalApi): Plan {
  return api.call<Plan>('POST', '/api/v1/plans', {
    name: 'Pro monthly',
    interval: 'month',
    portalFeatures: {
      selfServeCancel: true,
      selfServePause: true,
      selfServeUpgrade: true,
      selfServeDowngrade: false,
      updatePaymentMethod: true,
    },
    prices: [{ currency: 'IDR', model: 'flat', unitAmount: 99_000 }],
  });
}

function subscription(api: InternalApi): Subscription {
  const buyer = customer(api);
  const pro = plan(api);
  return api.call<Subscription>('POST', '/api/v1/subscriptions', { customerId: buyer.id, planId: pro.id, priceId: pro.prices[0]!.id });
}

function refund(api: InternalApi): Refund {
  const paid = paidSession(api);
  return api.call<Refund>('POST', '/api/v1/refunds', { chargeId: paid.paymentId, amount: 50_000, reason: 'requested_by_customer' });
}

function payout(api: InternalApi): Payout {
  paidSession(api);
  if (!api.m.account.bankAccount) {
    api.call('PATCH', '/api/v1/payouts/bank-account', {
      bankCode: 'BCA',
      bankName: 'Bank Central Asia',
      bankAccountNumber: '1234567890',
      bankAccountHolder: 'PT Toko Contoh',
    });
  }
  const balance = payoutBalance(api.m.account);
  return api.call<Payout>('POST', '/api/v1/payouts', {
    amount: Math.min(100_000, balance.available),
    currency: balance.currency ?? 'IDR',
    note: 'Weekly payout',
  });
}

function giftCard(m: Mutation, balance: number): GiftCard {
  const id = newId('gc');
  const now = m.world.iso();
  return {
    id,
    arn: arn(m, 'gift_card', id),
    accountId: m.account.accountId,
    mode: 'test',
    code: `GIFT-${randomHex(4).toUpperCase()}-${randomHex(4).toUpperCase()}`,
    currency: 'IDR',
    initialBalance: 200_000,
    balance,
    status: balance > 0 ? 'active' : 'voided',
    customerId: null,
    kind: 'gift_card',
    expiresAt: null,
    note: 'Birthday present',
    issuedSource: 'dashboard',
    issuedRef: null,
    metadata: null,
    createdAt: now,
    updatedAt: now,
  };
}

function giftCardEntry(m: Mutation, card: GiftCard, kind: GiftCardEntry['kind'], delta: number): GiftCardEntry {
  return {
    id: newId('gce'),
    accountId: m.account.accountId,
    giftCardId: card.id,
    kind,
    delta,
    balanceAfter: card.balance,
    currency: card.currency,
    externalSource: 'emulator',
    externalRef: `order_${randomHex(4)}`,
    checkoutSessionId: null,
    ledgerTxId: null,
    note: null,
    createdAt: card.updatedAt,
  };
}

function disabledEndpoint(m: Mutation): WebhookEndpoint {
  const now = m.world.iso();
  const dayAgo = m.world.iso(-24 * 60 * 60 * 1000);
  return {
    id: newId('wh'),
    accountId: m.account.accountId,
    url: 'https://shop.example/webhooks/plugipay',
    description: 'An endpoint that failed for a day',
    events: ['*'],
    active: false,
    status: 'disabled',
    consecutiveFailures: 20,
    failingSince: dayAgo,
    disabledAt: now,
    disabledReason: 'too_many_failures',
    lastDelivery: { eventId: newId('evt'), deliveredAt: now, statusCode: 500, durationMs: 120 },
    createdAt: dayAgo,
    updatedAt: now,
    mode: 'test',
  };
}

type Recipe = (api: InternalApi) => void;

const emitWith = (api: InternalApi, type: WebhookEventType, object: { id: string }, extras?: Record<string, unknown>) =>
  api.m.emit(type, object, extras);

/** One recipe per catalog type: the calls that lead to the event, ending in it. */
const RECIPES: Readonly<Record<WebhookEventType, Recipe>> = {
  'plugipay.checkout_session.completed.v1': (api) => void paidSession(api),
  'plugipay.checkout_session.expired.v1': (api) => void expireSession(api.m, session(api)),
  'plugipay.invoice.created.v1': (api) => void invoice(api, 'draft'),
  'plugipay.invoice.finalized.v1': (api) => void invoice(api, 'open'),
  'plugipay.invoice.sent.v1': (api) => {
    const sent = invoice(api, 'open');
    const to = api.m.account.customers.get(sent.customerId)?.email ?? 'ada@example.com';
    emitWith(api, 'plugipay.invoice.sent.v1', sent, { to });
  },
  'plugipay.invoice.paid.v1': (api) => void collectInvoice(api.m, invoice(api, 'open')),
  'plugipay.invoice.voided.v1': (api) => void api.call('POST', `/api/v1/invoices/${invoice(api, 'open').id}/void`),
  'plugipay.invoice.pending.v1': (api) => emitWith(api, 'plugipay.invoice.pending.v1', invoice(api, 'open')),
  'plugipay.invoice.failed.v1': (api) => {
    const open = invoice(api, 'open');
    const failed = api.m.account.invoices.replace({
      ...open,
      collectionAttempts: open.collectionAttempts + 1,
      updatedAt: api.m.world.iso(),
    });
    emitWith(api, 'plugipay.invoice.failed.v1', failed, { reason: 'The payment provider declined the charge (insufficient funds)' });
  },
  'plugipay.refund.issued.v1': (api) => void settleRefund(api.m, refund(api), 'succeeded'),
  'plugipay.refund.failed.v1': (api) => void settleRefund(api.m, refund(api), 'failed'),
  'plugipay.customer.created.v1': (api) => void customer(api),
  'plugipay.customer.updated.v1': (api) => void api.call('PATCH', `/api/v1/customers/${customer(api).id}`, { name: 'Ada King' }),
  'plugipay.customer.deleted.v1': (api) => void api.call('DELETE', `/api/v1/customers/${customer(api).id}`),
  'plugipay.plan.created.v1': (api) => void plan(api),
  'plugipay.plan.updated.v1': (api) =>
    void api.call('PATCH', `/api/v1/plans/${plan(api).id}`, { description: 'Everything in Basic, and more' }),
  'plugipay.plan.archived.v1': (api) => void api.call('POST', `/api/v1/plans/${plan(api).id}/archive`),
  'plugipay.subscription.created.v1': (api) => void subscription(api),
  'plugipay.subscription.updated.v1': (api) =>
    void api.call('PATCH', `/api/v1/subscriptions/${subscription(api).id}`, { metadata: { seats: '5' } }),
  'plugipay.subscription.paused.v1': (api) => void api.call('POST', `/api/v1/subscriptions/${subscription(api).id}/pause`),
  'plugipay.subscription.resumed.v1': (api) => {
    const paused = api.call<Subscription>('POST', `/api/v1/subscriptions/${subscription(api).id}/pause`);
    api.call('POST', `/api/v1/subscriptions/${paused.id}/resume`);
  },
  'plugipay.subscription.canceled.v1': (api) =>
    void api.call('POST', `/api/v1/subscriptions/${subscription(api).id}/cancel`, { at: 'now', reason: 'user_request' }),
  'plugipay.subscription.renewed.v1': (api) =>
    void api.call('POST', '/api/v1/test/clocks/advance', { subscriptionId: subscription(api).id, days: 31 }),
  'plugipay.payout.created.v1': (api) => void payout(api),
  'plugipay.payout.in_transit.v1': (api) =>
    void api.call('POST', `/api/v1/payouts/${payout(api).id}/mark-in-transit`, { reference: 'TRF-0001' }),
  'plugipay.payout.paid.v1': (api) => {
    const sent = api.call<Payout>('POST', `/api/v1/payouts/${payout(api).id}/mark-in-transit`, { reference: 'TRF-0001' });
    api.call('POST', `/api/v1/payouts/${sent.id}/mark-paid`, {});
  },
  'plugipay.payout.failed.v1': (api) =>
    void api.call('POST', `/api/v1/payouts/${payout(api).id}/mark-failed`, { failureReason: 'The bank rejected the account number' }),
  'plugipay.payout.cancelled.v1': (api) => void api.call('POST', `/api/v1/payouts/${payout(api).id}/cancel`),
  'plugipay.gift_card.issued.v1': (api) => emitWith(api, 'plugipay.gift_card.issued.v1', giftCard(api.m, 200_000)),
  'plugipay.gift_card.redeemed.v1': (api) => {
    const card = giftCard(api.m, 125_000);
    emitWith(api, 'plugipay.gift_card.redeemed.v1', card, { entry: giftCardEntry(api.m, card, 'redeem', -75_000) });
  },
  'plugipay.gift_card.topped_up.v1': (api) => {
    const card = giftCard(api.m, 300_000);
    emitWith(api, 'plugipay.gift_card.topped_up.v1', card, { entry: giftCardEntry(api.m, card, 'topup', 100_000) });
  },
  'plugipay.gift_card.voided.v1': (api) => emitWith(api, 'plugipay.gift_card.voided.v1', giftCard(api.m, 0)),
  'plugipay.webhook_endpoint.disabled.v1': (api) => emitWith(api, 'plugipay.webhook_endpoint.disabled.v1', disabledEndpoint(api.m)),
};

export function isTriggerable(type: string): type is WebhookEventType {
  return Object.prototype.hasOwnProperty.call(RECIPES, type);
}

/** Accepts the full type or the short form people type (`invoice.paid` → `plugipay.invoice.paid.v1`). */
export function triggerType(given: string): WebhookEventType {
  const full = /^plugipay\..+\.v\d+$/.test(given) ? given : `plugipay.${given}.v1`;
  if (isTriggerable(full)) return full;
  throw new TriggerError(
    `No event type '${given}': trigger takes one of the catalog's types, in full or short form (e.g. invoice.paid): ${TRIGGERABLE_EVENT_TYPES.map((t) => t.slice('plugipay.'.length, -'.v1'.length)).join(', ')}`,
  );
}

/** Runs the recipe of `type` in `account`, returning the event of that type and everything recorded on the way. */
export function triggerEvent(world: World, router: Router, account: AccountState, type: string, origin: string): TriggerResult {
  const wanted = triggerType(type);
  const before = account.events.size;
  const m: Mutation = { world, account, emit: eventEmitter(world, account, { source: 'trigger' }) };
  RECIPES[wanted](new InternalApi(world, router, m, origin));
  const events = account.events.values().slice(before);
  const event = events.filter((e) => e.type === wanted).at(-1);
  if (!event) throw new Error(`emulator trigger: the recipe of ${wanted} recorded no such event`);
  return { event, events };
}
