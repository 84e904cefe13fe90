/**
 * Subscriptions: trialing → active → past_due → canceled, and active ↔ paused. States are the
 * server's business: the SDK never checks them, it passes on the server's refusal.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp, Metadata, Open } from './shared-types';
import { json, page, route, type RouteTable } from './route';
import { accepts, clearable, id, integer, listParams, metadata, money, optionalInput, timestamp } from './schemas';

/** How a subscription's invoices are paid. */
export const COLLECTION_METHODS = ['charge_automatically', 'send_invoice'] as const;
/** Statuses of a subscription. */
export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'paused', 'canceled', 'incomplete'] as const;
/** When `subscriptions.cancel` ends a subscription. */
export const CANCEL_TIMINGS = ['now', 'period_end'] as const;
/** Why a subscription was canceled, as `subscriptions.cancel` records it. */
export const CANCEL_REASONS = ['customer_portal', 'merchant', 'failed_payment', 'user_request'] as const;

/** Where a subscription is in its life. */
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** How a subscription collects: charge automatically, or send an invoice to pay. */
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

/** What `subscriptions.create` takes. */
export interface SubscriptionCreateInput {
  /** The customer subscribed. */
  customerId: string;
  /** The plan subscribed to. */
  planId: string;
  /** Which of the plan's prices is billed (its currency and amounts). */
  priceId: string;
  /** Free days before the first charge, an integer ≥ 0; more than 0 starts the subscription in `trialing`. */
  trialDays?: number;
  /** `charge_automatically` (the default) charges the saved payment token; `send_invoice` emails an invoice to pay. */
  collectionMethod?: CollectionMethod;
  /** The saved payment token to charge. */
  paymentTokenId?: string;
  /** A coupon to discount the subscription with. */
  couponId?: string;
  /** When the subscription starts (ISO-8601 string or `Date`); now when left out. */
  startAt?: string | Date;
  /** Taken off the first invoice (proration), an integer ≥ 0 in the currency's minor unit. */
  initialDiscount?: number;
  /** Up to 50 string pairs, stored and returned as given; `null` stores none. */
  metadata?: Record<string, string> | null;
}

/** What `subscriptions.update` changes; fields left out are unchanged. */
export interface SubscriptionUpdateInput {
  /** Moves the subscription to another price of its plan. */
  priceId?: string;
  /** The saved payment token to charge from now on. */
  defaultPaymentTokenId?: string;
  /** Replaces the metadata (up to 50 string pairs); `null` clears it. */
  metadata?: Record<string, string> | null;
}

/** How `subscriptions.cancel` ends a subscription: now or at the period end. */
export interface SubscriptionCancelInput {
  /** `period_end` (the default, so a call never ends paid time by surprise) or `now`; the server requires one, so the SDK fills it in. */
  at?: (typeof CANCEL_TIMINGS)[number];
  /** Why, recorded as the subscription's `canceledReason`. */
  reason?: (typeof CANCEL_REASONS)[number];
}

/** How `subscriptions.pause` pauses collection. */
export interface SubscriptionPauseInput {
  /** When collection resumes by itself (ISO-8601 string or `Date`); paused until `resume` when left out. */
  resumeAt?: string | Date;
}

/** Filters and paging of `subscriptions.list`. */
export interface SubscriptionListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Only subscriptions in this status. */
  status?: SubscriptionStatus;
  /** Only the subscriptions of this customer. */
  customerId?: string;
  /** Only the subscriptions to this plan. */
  planId?: string;
}

/** `client.subscriptions`: customers billed for a plan every period. */
export interface SubscriptionsResource {
  /**
   * Subscribes a customer to one price of a plan.
   *
   * @example
   * ```ts
   * const subscription = await client.subscriptions.create({ customerId: customer.id, planId: plan.id, priceId: plan.prices[0]!.id });
   * ```
   */
  create(input: SubscriptionCreateInput, options?: RequestOptions): APIPromise<Subscription>;
  /** Retrieves a subscription by id. */
  get(id: string, options?: RequestOptions): APIPromise<Subscription>;
  /**
   * Lists subscriptions: `await` it for the first page, or `for await` over every one.
   *
   * @example
   * ```ts
   * for await (const subscription of client.subscriptions.list({ status: 'past_due' })) console.log(subscription.id);
   * ```
   */
  list(params?: SubscriptionListParams, options?: RequestOptions): PagePromise<Subscription>;
  /** Updates a subscription's price, payment token or metadata; fields left out are unchanged. */
  update(id: string, input: SubscriptionUpdateInput, options?: RequestOptions): APIPromise<Subscription>;
  /**
   * Cancels a subscription at the end of its period, or now with `{ at: 'now' }`.
   *
   * @example
   * ```ts
   * await client.subscriptions.cancel(subscription.id, { at: 'now', reason: 'user_request' });
   * ```
   */
  cancel(id: string, input?: SubscriptionCancelInput, options?: RequestOptions): APIPromise<Subscription>;
  /** Pauses collection on an active subscription, until `resume` or `resumeAt`. */
  pause(id: string, input?: SubscriptionPauseInput, options?: RequestOptions): APIPromise<Subscription>;
  /** Resumes a paused subscription. */
  resume(id: string, options?: RequestOptions): APIPromise<Subscription>;
}

const createInput = accepts<SubscriptionCreateInput>()(() =>
  v.strictObject({
    customerId: id(),
    planId: id(),
    priceId: id(),
    trialDays: v.optional(integer(0)),
    collectionMethod: v.optional(v.picklist(COLLECTION_METHODS)),
    paymentTokenId: v.optional(id()),
    couponId: v.optional(id()),
    startAt: v.optional(timestamp()),
    initialDiscount: v.optional(money(0)),
    metadata: clearable(metadata()),
  }),
);

const updateInput = accepts<SubscriptionUpdateInput>()(() =>
  v.strictObject({
    priceId: v.optional(id()),
    defaultPaymentTokenId: v.optional(id()),
    metadata: clearable(metadata()),
  }),
);

const cancelInput = accepts<SubscriptionCancelInput | undefined>()(() =>
  optionalInput({
    // Required on the wire; filled in so a call never ends paid time by surprise.
    at: v.optional(v.picklist(CANCEL_TIMINGS), 'period_end'),
    reason: v.optional(v.picklist(CANCEL_REASONS)),
  }),
);

const pauseInput = accepts<SubscriptionPauseInput | undefined>()(() => optionalInput({ resumeAt: v.optional(timestamp()) }));

const listInput = accepts<SubscriptionListParams | undefined>()(() =>
  listParams({
    status: v.optional(v.picklist(SUBSCRIPTION_STATUSES)),
    customerId: v.optional(id()),
    planId: v.optional(id()),
  }),
);

/** @internal */
export const subscriptionRoutes: RouteTable<SubscriptionsResource> = {
  create: route('POST', '/api/v1/subscriptions', { body: createInput, returns: json<Subscription>() }),
  get: route('GET', '/api/v1/subscriptions/{id}', { returns: json<Subscription>() }),
  list: route('GET', '/api/v1/subscriptions', { query: listInput, returns: page<Subscription>() }),
  update: route('PATCH', '/api/v1/subscriptions/{id}', { body: updateInput, returns: json<Subscription>() }),
  cancel: route('POST', '/api/v1/subscriptions/{id}/cancel', { body: cancelInput, returns: json<Subscription>() }),
  pause: route('POST', '/api/v1/subscriptions/{id}/pause', { body: pauseInput, returns: json<Subscription>() }),
  resume: route('POST', '/api/v1/subscriptions/{id}/resume', { emptyBody: true, returns: json<Subscription>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A customer's subscription to a plan (`subscriptions.*`). */
export interface Subscription {
  id: Id;
  arn: string;
  accountId: Id;
  customerId: Id;
  planId: Id;
  /** The plan price billed. */
  priceId: Id | null;
  status: Open<SubscriptionStatus>;
  currentPeriodStart: Timestamp;
  currentPeriodEnd: Timestamp;
  /** When the trial ends, for a subscription that has one. */
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
