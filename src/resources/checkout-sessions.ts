/** Checkout sessions: a hosted payment page for one amount, ending in at most one payment. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { ReceiptSummary, ReceiptDocument } from './receipts';
import type { Id, Money, Timestamp, Currency, Metadata, Mode, Open, EmailResult, EmailInput, EscposParams } from './shared-types';
import { binary, json, none, page, route, text as textBody, type RouteTable } from './route';
import {
  absoluteUrl,
  accepts,
  currency,
  emailInput,
  escposParams,
  id,
  integer,
  listParams,
  metadata,
  money,
  text,
  timestamp,
} from './schemas';

/** Payment methods a checkout session can offer: the one list behind the type, the schema and the emulator. */
export const CHECKOUT_METHODS = ['qris', 'va', 'ewallet', 'card', 'retail', 'paypal'] as const;
/** Statuses of a checkout session. */
export const CHECKOUT_STATUSES = ['open', 'pending', 'pending_review', 'completed', 'expired', 'canceled', 'failed'] as const;

/** A way to pay on the hosted checkout: QRIS, virtual account, e-wallet, card, retail outlet, PayPal. */
export type CheckoutMethod = (typeof CHECKOUT_METHODS)[number];

/** Where a checkout session is in its life: open for payment, or finished one way or another. */
export type CheckoutSessionStatus = (typeof CHECKOUT_STATUSES)[number];

/** What `checkoutSessions.create` takes: the amount, currency, methods and where to send the buyer afterwards. */
export interface CheckoutSessionCreateInput {
  /** What the buyer pays, an integer ≥ 1 in the currency's minor unit (e.g. 250000 for IDR 2,500.00). */
  amount: number;
  /** ISO 4217 code in upper case, e.g. `IDR`. */
  currency: string;
  /** The payment methods the hosted page offers (`qris`, `va`, `ewallet`, `card`, `retail`, `paypal`); at least one. */
  methods: CheckoutMethod[];
  /** Where the buyer is sent after paying: an absolute http(s) URL. */
  successUrl: string;
  /** Where the buyer is sent on giving up: an absolute http(s) URL. */
  cancelUrl: string;
  /** The customer paying, embedded in the session the server returns. */
  customerId?: string;
  /** A template of kind `checkout` to style the hosted page with. */
  templateId?: string;
  /** What is being bought, shown on the page; sent as `[]` when left out. */
  lineItems?: LineItem[];
  /** Seconds until the session expires, an integer ≥ 1; the server's default applies when left out (the SDK sets none). */
  expiresInSec?: number;
  /** Up to 50 string pairs (e.g. your `order_id`), stored and returned as given. */
  metadata?: Record<string, string>;
}

/** Filters and paging of `checkoutSessions.list`. */
export interface CheckoutSessionListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Only sessions in this status. */
  status?: CheckoutSessionStatus;
  /** Only the sessions of this customer. */
  customerId?: string;
  /** Only sessions created at or after this time (ISO-8601 string or `Date`). */
  createdAfter?: string | Date;
  /** Only sessions created before this time (ISO-8601 string or `Date`). */
  createdBefore?: string | Date;
}

/** `client.checkoutSessions`: hosted payment pages, and the receipts of the ones paid. */
export interface CheckoutSessionsResource {
  /**
   * Creates a checkout session: send the buyer to its `hostedUrl`.
   *
   * @example
   * ```ts
   * const session = await client.checkoutSessions.create({
   *   amount: 250000,
   *   currency: 'IDR',
   *   methods: ['qris', 'va'],
   *   successUrl: 'https://shop.example/thanks',
   *   cancelUrl: 'https://shop.example/cart',
   * });
   * return Response.redirect(session.hostedUrl, 303);
   * ```
   */
  create(input: CheckoutSessionCreateInput, options?: RequestOptions): APIPromise<CheckoutSession>;
  /** Retrieves a checkout session by id, e.g. to check its status after the buyer comes back. */
  get(id: string, options?: RequestOptions): APIPromise<CheckoutSession>;
  /**
   * Lists checkout sessions, filtered by status, customer or creation time: `await` it for the
   * first page, or `for await` over every one.
   *
   * @example
   * ```ts
   * for await (const session of client.checkoutSessions.list({ status: 'completed' })) console.log(session.id);
   * ```
   */
  list(params?: CheckoutSessionListParams, options?: RequestOptions): PagePromise<CheckoutSession>;
  /** Cancels an `open`, `pending` or `pending_review` session; a finished one answers 409 `conflict`. */
  cancel(id: string, options?: RequestOptions): APIPromise<CheckoutSession>;
  /**
   * The merchant confirms the money arrived (a manual transfer, cash, an EDC slip): the session
   * completes. A finished session answers 409 `conflict`.
   */
  confirm(id: string, options?: RequestOptions): APIPromise<CheckoutSession>;
  /**
   * Deletes a checkout session. The API does not document this route's rules: expect 409
   * `conflict` for a session that has taken or is taking a payment (the emulator refuses
   * `completed`, `pending` and `pending_review` sessions and deletes any other), and 404
   * `not_found` for an unknown id.
   *
   * @example
   * ```ts
   * await client.checkoutSessions.delete(session.id);
   * ```
   */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
  /** The receipt of a completed session, as a document (404 before the session completes). */
  receipt(id: string, options?: RequestOptions): APIPromise<ReceiptDocument>;
  /** The receipt of a completed session, with the link a buyer can open (404 before it completes, and for very old sessions). */
  receiptLink(id: string, options?: RequestOptions): APIPromise<ReceiptSummary>;
  /** The receipt of a completed session as a PDF (`ArrayBuffer`). */
  receiptPdf(id: string, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /** The receipt of a completed session as HTML. */
  receiptHtml(id: string, options?: RequestOptions): APIPromise<string>;
  /** The receipt of a completed session as ESC/POS bytes for a receipt printer. */
  receiptEscpos(id: string, params?: EscposParams, options?: RequestOptions): APIPromise<ArrayBuffer>;
  /** Emails the receipt of a completed session to the customer's address on file, or to `to`. */
  emailReceipt(id: string, input?: EmailInput, options?: RequestOptions): APIPromise<EmailResult>;
}

const lineItemInput = accepts<LineItem>()(() =>
  v.strictObject({
    name: text(1, 255),
    quantity: integer(1),
    unitAmount: money(0),
  }),
);

const createInput = accepts<CheckoutSessionCreateInput>()(() =>
  v.strictObject({
    amount: money(1),
    currency: currency(),
    methods: v.pipe(v.array(v.picklist(CHECKOUT_METHODS)), v.minLength(1, 'must list at least one payment method')),
    successUrl: absoluteUrl(),
    cancelUrl: absoluteUrl(),
    customerId: v.optional(id()),
    templateId: v.optional(id()),
    // Sent as `[]` when absent, as the official SDK does.
    lineItems: v.optional(v.array(lineItemInput()), []),
    // No client default: the sources disagree on the server's.
    expiresInSec: v.optional(integer(1)),
    metadata: v.optional(metadata()),
  }),
);

const listInput = accepts<CheckoutSessionListParams | undefined>()(() =>
  listParams({
    status: v.optional(v.picklist(CHECKOUT_STATUSES)),
    customerId: v.optional(id()),
    createdAfter: v.optional(timestamp()),
    createdBefore: v.optional(timestamp()),
  }),
);

/** @internal */
export const checkoutSessionRoutes: RouteTable<CheckoutSessionsResource> = {
  create: route('POST', '/api/v1/checkout-sessions', { body: createInput, returns: json<CheckoutSession>() }),
  get: route('GET', '/api/v1/checkout-sessions/{id}', { returns: json<CheckoutSession>() }),
  list: route('GET', '/api/v1/checkout-sessions', { query: listInput, returns: page<CheckoutSession>() }),
  cancel: route('POST', '/api/v1/checkout-sessions/{id}/cancel', { emptyBody: true, returns: json<CheckoutSession>() }),
  confirm: route('POST', '/api/v1/checkout-sessions/{id}/confirm', { emptyBody: true, returns: json<CheckoutSession>() }),
  delete: route('DELETE', '/api/v1/checkout-sessions/{id}', { returns: none() }),
  receipt: route('GET', '/api/v1/checkout-sessions/{id}/receipt', { returns: json<ReceiptDocument>() }),
  receiptLink: route('GET', '/api/v1/checkout-sessions/{id}/receipt-link', { returns: json<ReceiptSummary>() }),
  receiptPdf: route('GET', '/api/v1/checkout-sessions/{id}/receipt.pdf', { returns: binary() }),
  receiptHtml: route('GET', '/api/v1/checkout-sessions/{id}/receipt.html', { returns: textBody() }),
  receiptEscpos: route('GET', '/api/v1/checkout-sessions/{id}/receipt.escpos', { query: escposParams, returns: binary() }),
  emailReceipt: route('POST', '/api/v1/checkout-sessions/{id}/receipt/email', { body: emailInput, returns: json<EmailResult>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** One line of a checkout session: what is being bought and for how much. */
export interface LineItem {
  /** What is being bought, 1–255 characters. */
  name: string;
  /** How many, an integer ≥ 1. */
  quantity: number;
  /** The price of one, an integer ≥ 0 in the currency's minor unit. */
  unitAmount: Money;
}

/** A hosted checkout page for one payment (`checkoutSessions.*`); send the buyer to `hostedUrl`. */
export interface CheckoutSession {
  id: Id;
  arn: string;
  accountId: Id;
  mode: Mode;
  workspaceName: string | null;
  customerId: Id | null;
  /** The customer, embedded (there is no expand parameter). */
  customer: {
    id: Id;
    name: string | null;
    email: string | null;
    phone: string | null;
    externalId: string | null;
  } | null;
  status: Open<CheckoutSessionStatus>;
  amount: Money;
  currency: Currency;
  methods: Open<CheckoutMethod>[];
  /** What the buyer paid with. */
  paymentMethod: string | null;
  /** Which provider took the payment. */
  adapter: string | null;
  lineItems: LineItem[];
  successUrl: string;
  cancelUrl: string;
  /** Always redirect buyers to this URL (`https://plugipay.com/c/cs_…`). */
  hostedUrl: string;
  expiresAt: Timestamp;
  completedAt: Timestamp | null;
  /** Provider charge id; pass it to `refunds.create({ chargeId })`. */
  paymentId: string | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
