/**
 * Webhook event types: one variant per catalog type, discriminated by `type`,
 * plus a generic variant for every other type (older servers, docs-style names, future types).
 */
import type { CheckoutSession } from '../resources/checkout-sessions';
import type { Customer } from '../resources/customers';
import type { EventData } from '../resources/events';
import type { GiftCard, GiftCardEntry } from '../resources/gift-cards';
import type { Invoice } from '../resources/invoices';
import type { Payout } from '../resources/payouts';
import type { Plan } from '../resources/plans';
import type { Refund } from '../resources/refunds';
import type { Id, Timestamp } from '../resources/shared-types';
import type { Subscription } from '../resources/subscriptions';
import type { WebhookEndpoint } from '../resources/webhook-endpoints';

/** What `subscription.renewed` carries from the renewal job; test-clock renewals carry it all. */
export type RenewedSubscription = Pick<Subscription, 'id' | 'currentPeriodStart' | 'currentPeriodEnd'> & Partial<Subscription>;

/** `data` of each catalog type: the resource after the change, plus the type's extras. */
export interface WebhookEventCatalog {
  'plugipay.checkout_session.completed.v1': { object: CheckoutSession };
  'plugipay.checkout_session.expired.v1': { object: CheckoutSession };
  'plugipay.invoice.created.v1': { object: Invoice };
  'plugipay.invoice.finalized.v1': { object: Invoice };
  /** `to`: the recipient address. */
  'plugipay.invoice.sent.v1': { object: Invoice; to: string };
  'plugipay.invoice.paid.v1': { object: Invoice };
  'plugipay.invoice.voided.v1': { object: Invoice };
  'plugipay.invoice.pending.v1': { object: Invoice };
  'plugipay.invoice.failed.v1': { object: Invoice; reason: string };
  'plugipay.refund.issued.v1': { object: Refund };
  'plugipay.refund.failed.v1': { object: Refund };
  'plugipay.customer.created.v1': { object: Customer };
  'plugipay.customer.updated.v1': { object: Customer };
  'plugipay.customer.deleted.v1': { object: Customer };
  'plugipay.plan.created.v1': { object: Plan };
  'plugipay.plan.updated.v1': { object: Plan };
  'plugipay.plan.archived.v1': { object: Plan };
  'plugipay.subscription.created.v1': { object: Subscription };
  'plugipay.subscription.updated.v1': { object: Subscription };
  'plugipay.subscription.paused.v1': { object: Subscription };
  'plugipay.subscription.resumed.v1': { object: Subscription };
  'plugipay.subscription.canceled.v1': { object: Subscription };
  /** Partial object from the renewal job; `daysAdvanced` on test-clock renewals only. */
  'plugipay.subscription.renewed.v1': { object: RenewedSubscription; daysAdvanced?: number };
  'plugipay.payout.created.v1': { object: Payout };
  'plugipay.payout.in_transit.v1': { object: Payout };
  'plugipay.payout.paid.v1': { object: Payout };
  'plugipay.payout.failed.v1': { object: Payout };
  'plugipay.payout.cancelled.v1': { object: Payout };
  'plugipay.gift_card.issued.v1': { object: GiftCard };
  'plugipay.gift_card.redeemed.v1': { object: GiftCard; entry: GiftCardEntry };
  'plugipay.gift_card.topped_up.v1': { object: GiftCard; entry: GiftCardEntry };
  'plugipay.gift_card.voided.v1': { object: GiftCard };
  'plugipay.webhook_endpoint.disabled.v1': { object: WebhookEndpoint };
}

/** Every event type of the catalog. */
export type WebhookEventType = keyof WebhookEventCatalog;

/** The event of one catalog type. */
export interface WebhookEventOf<T extends WebhookEventType> {
  /** `evt_…`; the same on every delivery attempt, so dedupe on it. */
  id: Id;
  type: T;
  accountId: Id;
  occurredAt: Timestamp;
  data: EventData<WebhookEventCatalog[T]['object']> & WebhookEventCatalog[T];
}

/** Any event of the catalog, discriminated by `type`. */
export type KnownWebhookEvent = { [T in WebhookEventType]: WebhookEventOf<T> }[WebhookEventType];

/**
 * An event whose type is not in the catalog (older servers, docs-style names, future types).
 * Only `id` and `type` are checked, so the rest may be missing or shaped differently (docs-style
 * events put the resource in `data` itself).
 */
export interface UnknownWebhookEvent {
  id: Id;
  type: string;
  accountId?: Id;
  occurredAt?: Timestamp;
  data?: { object?: unknown; [extra: string]: unknown };
  [extra: string]: unknown;
}

/**
 * What `verifyWebhook` resolves to: the catalog's events as a discriminated union, so that
 * `switch (event.type) { case 'plugipay.invoice.paid.v1': event.data.object.total … }` (or an
 * `if`) narrows the whole event, `data.object` included, with no helper.
 *
 * An event of a type outside the catalog still verifies and reaches your handler (the catalog
 * grows): keep a `default:` branch, and read the event there as an `UnknownWebhookEvent`
 * (`const other = event as UnknownWebhookEvent`). TypeScript cannot narrow a union that also
 * holds "any other string" by comparing `type`, which is why that variant is not in this one.
 */
export type WebhookEvent = KnownWebhookEvent;

/**
 * Narrows an event to one catalog type: `if (isEventType(event, 'plugipay.invoice.paid.v1'))`.
 * Also takes an `UnknownWebhookEvent` (or anything with a `type`).
 */
export function isEventType<T extends WebhookEventType>(event: { type: string }, type: T): event is WebhookEventOf<T> {
  return event?.type === type;
}
