/**
 * Refunds (ENDPOINTS §2.8): against one captured payment, named either by `chargeId` (a completed
 * session's `paymentId`) or by `sourceType` + `sourceId` (§6.12: exactly one of the two).
 */
import * as v from 'valibot';
import type { ReceiptSourceType } from './receipts';
import type { Id, Money, Timestamp, Currency, Metadata, Open } from './shared-types';
import { sourceType } from './receipts';
import { json, page, route } from './route';
import { clearable, id, listParams, metadata, money, narrowInput, ruleOn, type Input } from './schemas';

/** Why a refund was made. */
export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent', 'other'] as const;
/** Statuses of a refund. */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;

const RefundFields = () =>
  v.strictObject({
    chargeId: v.optional(id()),
    sourceType: v.optional(sourceType()),
    sourceId: v.optional(id()),
    /** Left out: a full refund of what remains. */
    amount: v.optional(money(1)),
    reason: v.optional(v.picklist(REFUND_REASONS)),
    metadata: clearable(metadata()),
  });
type RefundFields = Input<typeof RefundFields>;

/** What `refunds.create` takes: what to refund, how much and why. */
export type RefundCreateInput = Omit<RefundFields, 'chargeId' | 'sourceType' | 'sourceId'> &
  (
    | { chargeId: string; sourceType?: never; sourceId?: never }
    | { sourceType: NonNullable<RefundFields['sourceType']>; sourceId: string; chargeId?: never }
  );

export const RefundCreateInput = () =>
  narrowInput<RefundCreateInput>(
    v.pipe(
      RefundFields(),
      ruleOn(
        'chargeId',
        (r) =>
          r.chargeId === undefined
            ? r.sourceType !== undefined && r.sourceId !== undefined
            : r.sourceType === undefined && r.sourceId === undefined,
        'give either chargeId, or sourceType with sourceId (exactly one of the two)',
      ),
    ),
  );

/** Filters of `refunds.list`. */
export const RefundListParams = () =>
  listParams({
    status: v.optional(v.picklist(REFUND_STATUSES)),
    chargeId: v.optional(id()),
  });
export type RefundListParams = Input<typeof RefundListParams>;

export const refundRoutes = {
  /** Starts `pending`; only `succeeded` means the buyer gets the money. A provider refusal is a 422. */
  create: route('POST', '/api/v1/refunds', { body: RefundCreateInput, returns: json<Refund>() }),
  /** Retrieves a refund by id. */
  get: route('GET', '/api/v1/refunds/{id}', { returns: json<Refund>() }),
  /** Lists refunds: await for the first page, or `for await` over every refund. */
  list: route('GET', '/api/v1/refunds', { query: RefundListParams, returns: page<Refund>() }),
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
  invoiceId: Id | null;
  amount: Money;
  currency: Currency;
  /** Free text on read (an enum on input). */
  reason: Open<RefundReason> | null;
  /** Only `succeeded` means the buyer gets the money. */
  status: Open<RefundStatus>;
  failureCode: string | null;
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
