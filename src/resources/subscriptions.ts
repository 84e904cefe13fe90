/**
 * Subscriptions (ENDPOINTS §2.5): trialing → active → past_due → canceled, and active ↔ paused.
 * States are the server's business: the SDK never checks them (§0.6).
 */
import * as v from 'valibot';
import type { Id, Timestamp, Metadata, Open } from './shared-types';
import { json, page, route } from './route';
import { clearable, id, integer, listParams, metadata, money, optionalInput, timestamp, type Input } from './schemas';

/** How a subscription's invoices are paid. */
export const COLLECTION_METHODS = ['charge_automatically', 'send_invoice'] as const;

/** Statuses of a subscription. */
export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'paused', 'canceled', 'incomplete'] as const;

/** What `subscriptions.create` takes. */
export const SubscriptionCreateInput = () =>
  v.strictObject({
    customerId: id(),
    planId: id(),
    priceId: id(),
    /** More than 0 starts the subscription in `trialing`. */
    trialDays: v.optional(integer(0)),
    collectionMethod: v.optional(v.picklist(COLLECTION_METHODS)),
    paymentTokenId: v.optional(id()),
    couponId: v.optional(id()),
    startAt: v.optional(timestamp()),
    /** Taken off the first invoice (proration). */
    initialDiscount: v.optional(money(0)),
    metadata: clearable(metadata()),
  });
export type SubscriptionCreateInput = Input<typeof SubscriptionCreateInput>;

/** What `subscriptions.update` changes. */
export const SubscriptionUpdateInput = () =>
  v.strictObject({
    priceId: v.optional(id()),
    defaultPaymentTokenId: v.optional(id()),
    metadata: clearable(metadata()),
  });
export type SubscriptionUpdateInput = Input<typeof SubscriptionUpdateInput>;

/** How `subscriptions.cancel` ends a subscription: now or at the period end. */
export const SubscriptionCancelInput = () =>
  optionalInput({
    /** Required on the wire; `'period_end'` when left out, so a call never ends paid time by surprise. */
    at: v.optional(v.picklist(['now', 'period_end']), 'period_end'),
    reason: v.optional(v.picklist(['customer_portal', 'merchant', 'failed_payment', 'user_request'])),
  });
export type SubscriptionCancelInput = Input<typeof SubscriptionCancelInput>;

/** How `subscriptions.pause` pauses collection. */
export const SubscriptionPauseInput = () => optionalInput({ resumeAt: v.optional(timestamp()) });
export type SubscriptionPauseInput = Input<typeof SubscriptionPauseInput>;

/** Filters of `subscriptions.list`. */
export const SubscriptionListParams = () =>
  listParams({
    status: v.optional(v.picklist(SUBSCRIPTION_STATUSES)),
    customerId: v.optional(id()),
    planId: v.optional(id()),
  });
export type SubscriptionListParams = Input<typeof SubscriptionListParams>;

export const subscriptionRoutes = {
  /** Subscribes a customer to a plan. */
  create: route('POST', '/api/v1/subscriptions', { body: SubscriptionCreateInput, returns: json<Subscription>() }),
  /** Retrieves a subscription by id. */
  get: route('GET', '/api/v1/subscriptions/{id}', { returns: json<Subscription>() }),
  /** Lists subscriptions: await for the first page, or `for await` over every one. */
  list: route('GET', '/api/v1/subscriptions', { query: SubscriptionListParams, returns: page<Subscription>() }),
  /** Updates a subscription (its plan, quantity, collection method, metadata). */
  update: route('PATCH', '/api/v1/subscriptions/{id}', { body: SubscriptionUpdateInput, returns: json<Subscription>() }),
  /** At the period end unless `{ at: 'now' }`. */
  cancel: route('POST', '/api/v1/subscriptions/{id}/cancel', { body: SubscriptionCancelInput, returns: json<Subscription>() }),
  /** Pauses collection on an active subscription. */
  pause: route('POST', '/api/v1/subscriptions/{id}/pause', { body: SubscriptionPauseInput, returns: json<Subscription>() }),
  /** Resumes a paused subscription. */
  resume: route('POST', '/api/v1/subscriptions/{id}/resume', { emptyBody: true, returns: json<Subscription>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** Where a subscription is in its life. */
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** How a subscription collects: charge automatically, or send an invoice to pay. */
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

/** A customer's subscription to a plan (`subscriptions.*`). */
export interface Subscription {
  id: Id;
  arn: string;
  accountId: Id;
  customerId: Id;
  planId: Id;
  priceId: Id | null;
  status: Open<SubscriptionStatus>;
  currentPeriodStart: Timestamp;
  currentPeriodEnd: Timestamp;
  trialEnd: Timestamp | null;
  /** Set by `cancel({ at: 'period_end' })`. */
  cancelAt: Timestamp | null;
  canceledAt: Timestamp | null;
  canceledReason: string | null;
  pausedAt: Timestamp | null;
  defaultPaymentTokenId: Id | null;
  discountCouponId: Id | null;
  collectionMethod: Open<CollectionMethod>;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Older servers. */
  cancelAtPeriodEnd?: boolean;
  /** Older servers' name for `trialEnd`. */
  trialEndsAt?: Timestamp | null;
}
