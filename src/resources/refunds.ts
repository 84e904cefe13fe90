/**
 * Refunds: against one captured payment, named either by `chargeId` (a completed session's
 * `paymentId`) or by `sourceType` + `sourceId` (exactly one of the two).
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { ReceiptSourceType } from './receipts';
import type { Id, Money, Timestamp, Currency, Metadata, Open } from './shared-types';
import { RECEIPT_SOURCE_TYPES } from './receipts';
import { json, page, route, type RouteTable } from './route';
import { accepts, clearable, id, listParams, metadata, money, narrowInput, ruleOn } from './schemas';

/** Why a refund was made. */
export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent', 'other'] as const;
/** Statuses of a refund. */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;

/** How much is refunded and why, whichever way the payment is named. */
interface RefundDetails {
  /**
   * The amount to give back, an integer in the currency's minor unit, at least 1 and at most what
   * is still refundable (the captured amount less refunds pending or succeeded; more is 400
   * `validation_error`). Left out: a full refund of what remains.
   */
  amount?: number;
  /** Why: `requested_by_customer`, `duplicate`, `fraudulent` or `other`. */
  reason?: RefundReason;
  /** Up to 50 string pairs, stored on the refund and returned as given; `null` stores none. */
  metadata?: Record<string, string> | null;
}

/** A refund of the payment named by its charge id. */
export interface RefundByChargeInput extends RefundDetails {
  /** The captured payment to refund: a completed checkout session's `paymentId`. */
  chargeId: string;
  /** Not with `chargeId`: name the payment one way only. */
  sourceType?: never;
  /** Not with `chargeId`: name the payment one way only. */
  sourceId?: never;
}

/** A refund of the payment of a checkout session or invoice, named by that object. */
export interface RefundBySourceInput extends RefundDetails {
  /** What was paid: `checkout_session` or `invoice`. */
  sourceType: ReceiptSourceType;
  /** The id of that checkout session or invoice. */
  sourceId: string;
  /** Not with `sourceType` + `sourceId`: name the payment one way only. */
  chargeId?: never;
}

/**
 * What `refunds.create` takes: the payment, named by `chargeId` or by `sourceType` + `sourceId`
 * (exactly one of the two), and optionally how much and why.
 */
export type RefundCreateInput = RefundByChargeInput | RefundBySourceInput;

/** Filters and paging of `refunds.list`. */
export interface RefundListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Only refunds in this state: `pending`, `succeeded`, `failed` or `canceled`. */
  status?: RefundStatus;
  /** Only refunds of this captured payment. */
  chargeId?: string;
}

/** `client.refunds`: money given back against a captured payment. */
export interface RefundsResource {
  /**
   * Refunds a captured payment, in full or in part. The refund starts `pending`; only `succeeded`
   * means the buyer gets the money. A provider's refusal is a 422 carrying its reason (the refund
   * is kept as `failed`).
   *
   * @example
   * ```ts
   * const refund = await client.refunds.create({ chargeId: session.paymentId, amount: 50000, reason: 'requested_by_customer' });
   * ```
   */
  create(input: RefundCreateInput, options?: RequestOptions): APIPromise<Refund>;
  /** Retrieves a refund by id. */
  get(id: string, options?: RequestOptions): APIPromise<Refund>;
  /**
   * Lists refunds: `await` it for the first page, or `for await` over every refund.
   *
   * @example
   * ```ts
   * for await (const refund of client.refunds.list({ status: 'failed' })) console.log(refund.id, refund.failureMessage);
   * ```
   */
  list(params?: RefundListParams, options?: RequestOptions): PagePromise<Refund>;
}

/** The fields of a refund before the either/or rule: each checked on its own. */
interface RefundFields extends RefundDetails {
  chargeId?: string;
  sourceType?: ReceiptSourceType;
  sourceId?: string;
}

const refundFields = accepts<RefundFields>()(() =>
  v.strictObject({
    chargeId: v.optional(id()),
    sourceType: v.optional(v.picklist(RECEIPT_SOURCE_TYPES)),
    sourceId: v.optional(id()),
    amount: v.optional(money(1)),
    reason: v.optional(v.picklist(REFUND_REASONS)),
    metadata: clearable(metadata()),
  }),
);

const createInput = accepts<RefundCreateInput>()(() =>
  narrowInput<RefundCreateInput>(
    v.pipe(
      refundFields(),
      ruleOn(
        'chargeId',
        (r) =>
          r.chargeId === undefined
            ? r.sourceType !== undefined && r.sourceId !== undefined
            : r.sourceType === undefined && r.sourceId === undefined,
        'give either chargeId, or sourceType with sourceId (exactly one of the two)',
      ),
    ),
  ),
);

const listInput = accepts<RefundListParams | undefined>()(() =>
  listParams({
    status: v.optional(v.picklist(REFUND_STATUSES)),
    chargeId: v.optional(id()),
  }),
);

/** @internal */
export const refundRoutes: RouteTable<RefundsResource> = {
  create: route('POST', '/api/v1/refunds', { body: createInput, returns: json<Refund>() }),
  get: route('GET', '/api/v1/refunds/{id}', { returns: json<Refund>() }),
  list: route('GET', '/api/v1/refunds', { query: listInput, returns: page<Refund>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** Where a refund is: pending, succeeded, failed or canceled. */
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Why a refund was made. */
export type RefundReason = (typeof REFUND_REASONS)[number];

/** A refund of a payment (`refunds.*`). */
export interface Refund {
  id: Id;
  arn: string;
  accountId: Id;
  /** The captured payment: `CheckoutSession.paymentId`. */
  chargeId: string;
  /** The invoice the payment settled, if any. */
  invoiceId: Id | null;
  /** What is given back, in the currency's minor unit. */
  amount: Money;
  currency: Currency;
  /** Free text on read (an enum on input). */
  reason: Open<RefundReason> | null;
  /** Only `succeeded` means the buyer gets the money. */
  status: Open<RefundStatus>;
  /** The provider's code when the refund `failed`. */
  failureCode: string | null;
  /** The provider's reason when the refund `failed`. */
  failureMessage: string | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Older servers. */
  sourceType?: Open<ReceiptSourceType>;
  /** Older servers. */
  sourceId?: Id;
  /** Older servers' single failure field. */
  failureReason?: string | null;
}
