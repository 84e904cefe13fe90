/** Checkout sessions (ENDPOINTS §2.3): a hosted payment page for one amount. */
import * as v from 'valibot';
import type { ReceiptSummary, ReceiptDocument } from './receipts';
import type { Id, Money, Timestamp, Currency, Metadata, Mode, Open, EmailResult } from './shared-types';
import { binary, json, page, route, text as textBody } from './route';
import {
  absoluteUrl,
  currency,
  EmailInput,
  EscposParams,
  id,
  integer,
  listParams,
  metadata,
  money,
  text,
  timestamp,
  type Input,
} from './schemas';

/** Payment methods a checkout session can offer: the one list behind the type, the schema and the emulator. */
export const CHECKOUT_METHODS = ['qris', 'va', 'ewallet', 'card', 'retail', 'paypal'] as const;
/** Statuses of a checkout session. */
export const CHECKOUT_STATUSES = ['open', 'pending', 'pending_review', 'completed', 'expired', 'canceled', 'failed'] as const;

const LineItemInput = () =>
  v.strictObject({
    name: text(1, 255),
    quantity: integer(1),
    unitAmount: money(0),
  });

/** What `checkoutSessions.create` takes: the amount, currency, methods and where to send the buyer afterwards. */
export const CheckoutSessionCreateInput = () =>
  v.strictObject({
    /** Integer ≥ 1 in the currency's minor unit. */
    amount: money(1),
    currency: currency(),
    /** Payment methods offered on the hosted page; at least one. */
    methods: v.pipe(v.array(v.picklist(CHECKOUT_METHODS)), v.minLength(1, 'must list at least one payment method')),
    successUrl: absoluteUrl(),
    cancelUrl: absoluteUrl(),
    customerId: v.optional(id()),
    /** A template of kind `checkout`. */
    templateId: v.optional(id()),
    /** Sent as `[]` when absent, as the official SDK does. */
    lineItems: v.optional(v.array(LineItemInput()), []),
    /** Seconds until the session expires; no client default (the server's differs by source). */
    expiresInSec: v.optional(integer(1)),
    metadata: v.optional(metadata()),
  });
export type CheckoutSessionCreateInput = Input<typeof CheckoutSessionCreateInput>;

/** Filters of `checkoutSessions.list`. */
export const CheckoutSessionListParams = () =>
  listParams({
    status: v.optional(v.picklist(CHECKOUT_STATUSES)),
    customerId: v.optional(id()),
    createdAfter: v.optional(timestamp()),
    createdBefore: v.optional(timestamp()),
  });
export type CheckoutSessionListParams = Input<typeof CheckoutSessionListParams>;

export const checkoutSessionRoutes = {
  /** Creates a checkout session: send the buyer to its `hostedUrl`. */
  create: route('POST', '/api/v1/checkout-sessions', {
    body: CheckoutSessionCreateInput,
    returns: json<CheckoutSession>(),
  }),
  /** Retrieves a checkout session by id, e.g. to check its status after the redirect back. */
  get: route('GET', '/api/v1/checkout-sessions/{id}', { returns: json<CheckoutSession>() }),
  /** Lists checkout sessions, filtered by status or customer: await for the first page, or `for await` over every one. */
  list: route('GET', '/api/v1/checkout-sessions', {
    query: CheckoutSessionListParams,
    returns: page<CheckoutSession>(),
  }),
  /** Open, pending or pending-review sessions only; a terminal one answers 409 `conflict`. */
  cancel: route('POST', '/api/v1/checkout-sessions/{id}/cancel', {
    emptyBody: true,
    returns: json<CheckoutSession>(),
  }),
  /** The merchant confirms the money arrived (manual transfers, cash, EDC slips). */
  confirm: route('POST', '/api/v1/checkout-sessions/{id}/confirm', {
    emptyBody: true,
    returns: json<CheckoutSession>(),
  }),
  // Receipts exist once the session has completed (before that, and for very old sessions: 404).
  /** The receipt of a completed session, as a document. */
  receipt: route('GET', '/api/v1/checkout-sessions/{id}/receipt', { returns: json<ReceiptDocument>() }),
  /** The receipt of a completed session, with the link a buyer can open. */
  receiptLink: route('GET', '/api/v1/checkout-sessions/{id}/receipt-link', { returns: json<ReceiptSummary>() }),
  /** The receipt of a completed session as a PDF (`ArrayBuffer`). */
  receiptPdf: route('GET', '/api/v1/checkout-sessions/{id}/receipt.pdf', { returns: binary() }),
  /** The receipt of a completed session as HTML. */
  receiptHtml: route('GET', '/api/v1/checkout-sessions/{id}/receipt.html', { returns: textBody() }),
  /** The receipt of a completed session as ESC/POS bytes for a receipt printer. */
  receiptEscpos: route('GET', '/api/v1/checkout-sessions/{id}/receipt.escpos', { query: EscposParams, returns: binary() }),
  /** To the customer's address on file unless `to` is given. */
  emailReceipt: route('POST', '/api/v1/checkout-sessions/{id}/receipt/email', { body: EmailInput, returns: json<EmailResult>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A way to pay on the hosted checkout: QRIS, virtual account, e-wallet, card, retail outlet, PayPal. */
export type CheckoutMethod = (typeof CHECKOUT_METHODS)[number];

/** Where a checkout session is in its life: open for payment, or finished one way or another. */
export type CheckoutSessionStatus = (typeof CHECKOUT_STATUSES)[number];

/** One line of a checkout session: what is being bought and for how much. */
export interface LineItem {
  name: string;
  quantity: number;
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
