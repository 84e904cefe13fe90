/**
 * Response objects of the Plugipay API (ENDPOINTS.md §0.5 and §2), as the server returns them.
 * Types only: nothing here exists at run time. Each enum's type comes from the `as const` tuple
 * beside its route (the same tuple feeds the valibot picklist and the emulator). Enums in responses are open (an unknown status
 * still parses), so they are widened with `(string & {})`.
 */

import type { CHECKOUT_METHODS, CHECKOUT_STATUSES } from './checkout-sessions';
import type { GIFT_CARD_STATUSES } from './gift-cards';
import type { INVOICE_STATUSES } from './invoices';
import type { LEDGER_SOURCE_TYPES } from './ledger';
import type { PAYOUT_STATUSES } from './payouts';
import type { INTERVALS, PRICE_MODELS, TAX_MODES } from './plans';
import type { RECEIPT_SOURCE_TYPES } from './receipts';
import type { REFUND_REASONS, REFUND_STATUSES } from './refunds';
import type { COLLECTION_METHODS, SUBSCRIPTION_STATUSES } from './subscriptions';
import type { TEMPLATE_KINDS } from './templates';
import type { DELIVERY_STATUSES } from './webhook-endpoints';

/** Opaque id; prefixes disagree between sources, so never parse or validate them. */
export type Id = string;
/** Integer amount in the currency's minor unit, passed through untouched. */
export type Money = number;
/** ISO-8601 UTC, milliseconds optional. */
export type Timestamp = string;
/** An ISO 4217 currency code: `IDR` or `USD` today, any other code the API adds later. */
export type Currency = 'IDR' | 'USD' | (string & {});
/** Your own key-value strings, stored on the object and returned as given. */
export type Metadata = Record<string, string>;
/** Which side of the workspace an object lives in: live money or test data. */
export type Mode = 'live' | 'test';
/** An enum read from a response: the known values, and any other string the server adds later. */
export type Open<T extends string> = T | (string & {});

/** A customer of your workspace (`customers.*`). */
export interface Customer {
  id: Id;
  arn: string;
  accountId: Id;
  /** Your own id for the customer; unique per workspace and mode. */
  externalId: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  /** NPWP / VAT number. */
  taxId: string | null;
  defaultPaymentTokenId: Id | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

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

// ---------------------------------------------------------------------------------------------
// Plans and prices (§2.2)

/** A billing period unit of a recurring price. */
export type Interval = (typeof INTERVALS)[number];
/** How a price turns quantity into an amount: one flat amount, tiers, volume tiers, or metered usage. */
export type PriceModel = (typeof PRICE_MODELS)[number];
/** Whether a price includes tax or has it added on top. */
export type TaxMode = (typeof TAX_MODES)[number];

/** What a customer may do in the self-service portal for a plan. */
export interface PortalFeatures {
  selfServeCancel: boolean;
  selfServePause: boolean;
  selfServeUpgrade: boolean;
  selfServeDowngrade: boolean;
  updatePaymentMethod: boolean;
}

/** One tier of a tiered or volume price. */
export interface PriceTier {
  /** Upper bound of the tier in units; `'inf'` for the last tier. */
  upTo: number | 'inf';
  unitAmount?: Money;
  flatAmount?: Money;
}

/** A price of a plan: currency, model, amounts and billing interval. */
export interface Price {
  id: Id;
  planId: Id;
  currency: Currency;
  model: Open<PriceModel>;
  /** Set for `flat` and `usage` prices. */
  unitAmount: Money | null;
  /** Set for `tiered` and `volume` prices. */
  tiers: PriceTier[] | null;
  taxMode: Open<TaxMode>;
  active: boolean;
  createdAt: Timestamp;
}

/** A subscription plan with its prices (`plans.*`). */
export interface Plan {
  id: Id;
  arn: string;
  accountId: Id;
  name: string;
  description: string | null;
  interval: Open<Interval>;
  intervalCount: number;
  trialDays: number;
  /** One price per currency; amounts live here, not on the plan. */
  prices: Price[];
  usageAggregate: Open<'sum' | 'max' | 'last'> | null;
  meteredUnit: string | null;
  portalFeatures: PortalFeatures;
  dunningPolicyId: Id | null;
  active: boolean;
  /** Set once archived (a soft delete; existing subscriptions keep billing). */
  archivedAt: Timestamp | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Older servers: a flat currency instead of `prices[]`. */
  currency?: Currency;
  /** Older servers: a flat amount instead of `prices[]`. */
  amount?: Money;
}

// ---------------------------------------------------------------------------------------------
// Invoices (§2.4)

/** Where an invoice is in its life, from draft to paid, void or uncollectible. */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** One line of an invoice. */
export interface InvoiceLine {
  id: Id;
  description: string;
  quantity: number;
  unitAmount: Money;
  amount: Money;
  priceId: Id | null;
  metadata: Metadata | null;
}

/** An invoice (`invoices.*`), one-off or issued by a subscription. */
export interface Invoice {
  id: Id;
  arn: string;
  accountId: Id;
  customerId: Id;
  subscriptionId: Id | null;
  status: Open<InvoiceStatus>;
  number: string;
  currency: Currency;
  subtotal: Money;
  discount: Money;
  tax: Money;
  total: Money;
  amountPaid: Money;
  amountDue: Money;
  dueAt: Timestamp | null;
  issuedAt: Timestamp | null;
  paidAt: Timestamp | null;
  voidedAt: Timestamp | null;
  /** The buyer-facing invoice page. */
  hostedInvoiceUrl: string | null;
  /** Returned by GET only, when a checkout session paid the invoice. */
  chargeId?: string | null;
  collectionAttempts: number;
  lines: InvoiceLine[];
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

// ---------------------------------------------------------------------------------------------
// Subscriptions (§2.5)

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

// ---------------------------------------------------------------------------------------------
// Portal sessions (§2.6)

/** A link to the self-service customer portal (`portalSessions.create`). */
export interface PortalSession {
  id: Id;
  arn: string;
  accountId: Id;
  customerId: Id;
  /** Short-lived: redirect the customer right away and do not store it. */
  url: string;
  returnUrl: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

// ---------------------------------------------------------------------------------------------
// Receipts (§2.7)

/** What a receipt is for: a checkout session or an invoice. */
export type ReceiptSourceType = (typeof RECEIPT_SOURCE_TYPES)[number];

/** A receipt as lists return it (`receipts.list`). */
export interface ReceiptSummary {
  id: Id;
  number: string;
  sourceType: Open<ReceiptSourceType>;
  sourceId: Id;
  customerId: Id | null;
  amount: Money;
  currency: Currency;
  method: string | null;
  adapter: string | null;
  issuedAt: Timestamp;
  emailedAt: Timestamp | null;
  emailedTo: string | null;
}

/** `GET /receipts/{id}`: a rich document whose shape is kept opaque. */
export type ReceiptDocument = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Refunds (§2.8)

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

// ---------------------------------------------------------------------------------------------
// Payouts (§2.9)

/** Note the double "l" in `cancelled`, as the server spells it. */
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** A payout of your balance to your bank account (`payouts.*`). */
export interface Payout {
  id: Id;
  accountId: Id;
  amount: Money;
  currency: Currency;
  status: Open<PayoutStatus>;
  method: Open<'manual' | 'xendit_disbursement'>;
  bankCode: string | null;
  bankName: string;
  bankAccountNumber: string;
  bankAccountHolder: string;
  note: string | null;
  reference: string | null;
  failureReason: string | null;
  ledgerTransactionId: Id | null;
  processedAt: Timestamp | null;
  /** Set when the payout is paid. */
  completedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** What is available to pay out, and what is still pending (`payouts.balance`). */
export interface PayoutBalance {
  ledgerBalance: Money;
  /** Held by pending payouts. */
  locked: Money;
  available: Money;
  currency: Currency | null;
}

/** The saved payout destination. */
export interface BankAccount {
  bankCode: string | null;
  bankName: string | null;
  bankAccountNumber: string | null;
  bankAccountHolder: string | null;
  configured: boolean;
}

// ---------------------------------------------------------------------------------------------
// Ledger and reports (§2.10, §2.11)

/** What caused a ledger entry. */
export type LedgerSourceType = (typeof LEDGER_SOURCE_TYPES)[number];

/** One movement of money in the workspace ledger (`ledger.*`). */
export interface LedgerEntry {
  id: Id;
  accountId: Id;
  /** Groups the legs of one transaction. */
  txId: Id;
  /** Account code, e.g. `revenue`, `platform_fee` (an open set). */
  code: string;
  direction: Open<'debit' | 'credit'>;
  amount: Money;
  currency: Currency;
  sourceType: Open<LedgerSourceType>;
  sourceId: Id;
  memo: string | null;
  postedAt: Timestamp;
}

/** The ledger balance per currency (`ledger.balance`). */
export interface LedgerBalance {
  code: string;
  debits: Money;
  credits: Money;
  balance: Money;
  currency?: Currency;
}

/** A profit and loss report for a period (`reports.pnl`). */
export interface PnlReport {
  from: Timestamp;
  to: Timestamp;
  currency: Currency;
  revenue: Money;
  refunds: Money;
  platformFees: Money;
  tax: Money;
  net: Money;
  lines: { code: string; amount: Money }[];
}

/** A cash flow report for a period (`reports.cashFlow`). */
export interface CashFlowReport {
  from: Timestamp;
  to: Timestamp;
  currency: Currency;
  totalInflow: Money;
  totalOutflow: Money;
  net: Money;
  buckets: { day: string; inflow: Money; outflow: Money; net: Money }[];
}

// ---------------------------------------------------------------------------------------------
// Webhook endpoints, deliveries and events (§2.12, §2.13)

/**
 * A webhook endpoint. Two shapes are in the wild (the current SDK's `active` + failure streak,
 * and the docs' `status` + `lastDelivery`), so the fields of either are optional.
 */
export interface WebhookEndpoint {
  id: Id;
  accountId?: Id;
  mode?: Mode;
  url: string;
  /** Event types delivered here; `['*']` means all. */
  events: string[];
  description: string | null;
  active: boolean;
  consecutiveFailures?: number;
  failingSince?: Timestamp | null;
  disabledAt?: Timestamp | null;
  disabledReason?: string | null;
  /** The signing secret (`whsec_…`): ONLY in the create response, shown once. Store it then. */
  secret?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Docs shape: `errored` means auto-disabled. */
  status?: Open<'active' | 'disabled' | 'errored'>;
  signingSecret?: string | null;
  lastDelivery?: { eventId: Id; deliveredAt: Timestamp; statusCode: number; durationMs: number } | null;
}

/** Whether a webhook delivery is pending, succeeded or failed. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt to deliver a webhook: when, the response status, how long it took. */
export interface WebhookDeliveryAttempt {
  attemptNumber: number;
  status: string;
  responseCode: number | null;
  durationMs: number;
  /** e.g. `"HTTP 503"`, `"timed out after 10000ms"`. */
  error: string | null;
  nextRetryAt: Timestamp | null;
  attemptedAt: Timestamp;
}

/** A webhook delivery of one event to one endpoint, with its attempts. */
export interface WebhookDelivery {
  id: Id;
  endpointId: Id;
  eventId: Id;
  type: string;
  /** The exact JSON body that was sent (what the signature covers). */
  body: string;
  status: Open<DeliveryStatus>;
  attempts: number;
  nextRetryAt: Timestamp | null;
  lastAttemptAt: Timestamp | null;
  deliveredAt: Timestamp | null;
  responseCode: number | null;
  lastError: string | null;
  attemptLog: WebhookDeliveryAttempt[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The `data` of an event: the resource after the change, plus per-type extras. */
export interface EventData<T = unknown> {
  /** The resource after the change, in the same shape as its GET. */
  object: T;
  aggregateType?: string;
  aggregateId?: Id;
  [extra: string]: unknown;
}

/** An event as `events.list`/`retrieve` return it; the same ids and payloads as the webhooks. */
export interface EventRecord {
  id: Id;
  /** Open: see `WebhookEvent` for the catalog. */
  type: string;
  accountId: Id | null;
  mode: Mode | null;
  occurredAt: Timestamp;
  data: EventData;
  metadata?: {
    idempotencyKey?: string;
    mode?: Mode;
    requestId?: string;
    source?: string;
    /** Set on replays: the id of the original event. */
    replayOf?: Id;
  } & Record<string, unknown>;
  createdAt: Timestamp;
  publishedAt: Timestamp | null;
}

// ---------------------------------------------------------------------------------------------
// Adapters (§2.14)

/** A payment provider that can be connected to the workspace. */
export type AdapterKind = 'xendit' | 'paypal' | 'midtrans' | 'manual' | 'managed';

/** A payment-provider connection; one per kind. Older servers send `configured` instead of `status`. */
export interface AdapterConfig {
  kind: Open<AdapterKind>;
  status?: Open<'unconfigured' | 'active' | 'error'>;
  secretKeyLast4?: string | null;
  publicConfig?: Record<string, unknown> | null;
  configuredAt?: Timestamp | null;
  lastErrorAt?: Timestamp | null;
  lastErrorCode?: string | null;
  /** Older servers. */
  configured?: boolean;
  /** Older servers. */
  updatedAt?: Timestamp;
}

/** Progress of managed payment onboarding (`adapters.managedOnboardingState`). */
export interface ManagedOnboardingState {
  subAccountId: Id;
  email: string | null;
  onboardingUrl: string | null;
  kybStatus: Open<'not_started' | 'invited' | 'registered' | 'live' | 'rejected'>;
  capabilitiesStatus: Open<'pending' | 'live' | 'declined' | 'resubmission_required'>;
  payoutsReady: boolean;
  lastWebhookAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

// ---------------------------------------------------------------------------------------------
// Gift cards and store credit (§2.15)

/** Where a gift card is: usable, used up, voided or expired. */
export type GiftCardStatus = (typeof GIFT_CARD_STATUSES)[number];

/** A bearer gift card (`customerId` null) or store credit (`customerId` set). */
export interface GiftCard {
  id: Id;
  arn: string;
  accountId: Id;
  mode: Mode;
  /** The redemption code. */
  code: string;
  currency: Currency;
  initialBalance: Money;
  balance: Money;
  status: Open<GiftCardStatus>;
  customerId: Id | null;
  kind: Open<'store_credit' | 'gift_card'>;
  expiresAt: Timestamp | null;
  note: string | null;
  issuedSource: string | null;
  issuedRef: string | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** One movement of a gift card's balance. */
export interface GiftCardEntry {
  id: Id;
  accountId: Id;
  giftCardId: Id;
  kind: Open<'issue' | 'redeem' | 'topup' | 'void'>;
  /** Signed: negative for redemptions and voids. */
  delta: Money;
  balanceAfter: Money;
  currency: Currency;
  externalSource: string;
  externalRef: string;
  checkoutSessionId: Id | null;
  ledgerTxId: Id | null;
  note: string | null;
  createdAt: Timestamp;
}

/** What redeem, topup and void return: the card after the change and the entry that changed it. */
export interface GiftCardMutation {
  giftCard: GiftCard;
  entry: GiftCardEntry;
}

/** What anyone holding the code may see of a gift card (`giftCards.balance`). */
export type GiftCardBalance = Pick<GiftCard, 'code' | 'balance' | 'currency' | 'status'>;

// ---------------------------------------------------------------------------------------------
// Secondary namespaces (§2.16)

/** Which document a template renders: checkout page, receipt or invoice. */
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** A template for a checkout page, receipt or invoice (`templates.*`). */
export interface Template {
  id: Id;
  accountId: Id;
  kind: Open<TemplateKind>;
  name: string;
  isDefault: boolean;
  config: Record<string, unknown>;
  /** Older servers' name for `config`. */
  document?: Record<string, unknown>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The workspace's hosted checkout settings: branding and enabled methods (`checkoutSettings.*`). */
export interface CheckoutSettings {
  enabledMethods: string[];
  methodOrder: string[];
  /** Which adapter serves each method. */
  methodAdapter: Record<string, string>;
  brandName: string | null;
  brandLogoUrl: string | null;
  brandAccentColor: string | null;
  brandTagline: string | null;
  businessPhone: string | null;
  businessEmail: string | null;
  businessAddress: string | null;
  businessTaxId: string | null;
  receiptTemplate: Record<string, unknown>;
  /** Computed by the server; not editable. */
  availableMethods?: string[];
  /** Computed by the server; not editable. */
  methodSupport?: Record<string, unknown>;
}

/** A file uploaded with `uploads.image`, and where it can be fetched. */
export interface UploadedFile {
  /** Absolute (the SDK resolves a relative `/api/v1/files/…` against the base URL). */
  url: string;
  fileName: string;
  fileSize: number;
}

/** A workspace provisioned by a platform partner (`admin.provisionWorkspace`). */
export interface PartnerWorkspace {
  accountId: Id;
  partner: string;
  /** A fraction, e.g. `0.003`. */
  discountRate: number;
  brandName: string | null;
  businessEmail: string | null;
  createdAt: Timestamp;
}

/** A platform partner's usage across its workspaces (`admin.partnerUsage`). */
export interface PartnerUsageSummary {
  partner: string;
  from: Timestamp;
  to: Timestamp;
  currency: Currency;
  total: Money;
  lines: {
    accountId: Id;
    brandName: string | null;
    transactionCount: number;
    grossVolume: Money;
    discountRate: number;
    fee: Money;
  }[];
}

/** Assumed result of every email route (its shape is not documented). */
export interface EmailResult {
  sent: boolean;
  to: string;
}

// ---------------------------------------------------------------------------------------------
// Public checkout (§4, the browser entry point)

/** What a buyer's page may see of a checkout session: the session, its payment methods and branding. */
export interface PublicCheckoutSession {
  session: {
    id: Id;
    amount: Money;
    currency: Currency;
    status: Open<CheckoutSessionStatus>;
    expiresAt: Timestamp;
    successUrl: string;
    cancelUrl: string;
    lineItems: LineItem[];
  };
  /** Enabled method ids. */
  methods: string[];
  catalog: {
    /** Pass as `charge({ method })`. */
    id: string;
    label: string;
    group: Open<'qr' | 'ewallet' | 'va' | 'debit' | 'card' | 'retail' | 'bnpl' | 'paypal' | 'offline'>;
    currency: Currency;
  }[];
  /** Server-supplied strings: escape them before putting them into HTML or CSS. */
  branding: {
    brandName: string | null;
    brandLogoUrl: string | null;
    brandAccentColor: string | null;
    brandTagline: string | null;
  };
  checkoutTemplate?: {
    successMessage?: string;
    showBusinessDetails?: boolean;
    businessPhone?: string | null;
    businessEmail?: string | null;
    businessAddress?: string | null;
  };
  activeAdapters: string[];
}

/** A bank account a buyer can transfer to, for manual bank transfer payments. */
export interface ManualBankAccount {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}

/** What `charge` returns: send the buyer somewhere, or show them how to pay. */
export type ChargeResult =
  | {
      kind: 'redirect';
      /** Check it is `https:` before navigating. */
      redirectUrl: string;
    }
  | {
      kind: 'instructions';
      instructions: {
        heading: string;
        note: string;
        qrImageUrl?: string;
        amount: Money;
        currency: Currency;
        bankAccounts?: ManualBankAccount[];
      };
    };
