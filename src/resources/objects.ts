/**
 * Response objects of the Plugipay API (ENDPOINTS.md §0.5 and §2), as the server returns them.
 * Types only: nothing here exists at run time. Enums in responses are open (an unknown status
 * still parses), so they are widened with `(string & {})`.
 */

/** Opaque id; prefixes disagree between sources, so never parse or validate them. */
export type Id = string;
/** Integer amount in the currency's minor unit, passed through untouched. */
export type Money = number;
/** ISO-8601 UTC, milliseconds optional. */
export type Timestamp = string;
export type Currency = 'IDR' | 'USD' | (string & {});
export type Metadata = Record<string, string>;
export type Mode = 'live' | 'test';
/** An enum read from a response: the known values, and any other string the server adds later. */
export type Open<T extends string> = T | (string & {});

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

export type CheckoutMethod = 'qris' | 'va' | 'ewallet' | 'card' | 'retail' | 'paypal';
export type CheckoutSessionStatus =
  | 'open'
  | 'pending'
  | 'pending_review'
  | 'completed'
  | 'expired'
  | 'canceled'
  | 'failed';

export interface LineItem {
  name: string;
  quantity: number;
  unitAmount: Money;
}

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
