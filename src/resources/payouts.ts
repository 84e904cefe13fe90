/**
 * Payouts (ENDPOINTS §2.9): available balance to the merchant's bank account. pending →
 * in_transit → paid, or failed / cancelled; the `mark*` routes serve the manual adapter.
 */
import * as v from 'valibot';
import type { Id, Money, Timestamp, Currency, Open } from './shared-types';
import { json, page, route } from './route';
import { clearable, currency, money, nonEmptyText, optionalInput, unorderedListParams, type Input } from './schemas';

/** Statuses of a payout. */
export const PAYOUT_STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'cancelled'] as const;

const bankAccount = () => ({
  bankName: nonEmptyText(),
  bankAccountNumber: nonEmptyText(),
  bankAccountHolder: nonEmptyText(),
});

/** What `payouts.create` takes. */
export const PayoutCreateInput = () =>
  v.strictObject({
    /** At most the available balance. */
    amount: money(1),
    currency: currency(),
    // The bank fields default to the saved bank account.
    bankCode: clearable(nonEmptyText()),
    bankName: v.optional(nonEmptyText()),
    bankAccountNumber: v.optional(nonEmptyText()),
    bankAccountHolder: v.optional(nonEmptyText()),
    note: clearable(v.string()),
  });
export type PayoutCreateInput = Input<typeof PayoutCreateInput>;

/** The `reference` key is always sent: `null` when there is none. */
export const PayoutReferenceInput = () => optionalInput({ reference: v.optional(v.nullable(v.string()), null) });
export type PayoutReferenceInput = Input<typeof PayoutReferenceInput>;

/** Why a payout failed (`payouts.markFailed`). */
export const PayoutFailInput = () => v.strictObject({ failureReason: nonEmptyText() });
export type PayoutFailInput = Input<typeof PayoutFailInput>;

/** The route declares no `order`. */
export const PayoutListParams = () =>
  unorderedListParams({
    status: v.optional(v.picklist(PAYOUT_STATUSES)),
  });
export type PayoutListParams = Input<typeof PayoutListParams>;

/** The payout bank account to save (`payouts.updateBankAccount`). */
export const BankAccountUpdateInput = () => v.strictObject({ bankCode: clearable(nonEmptyText()), ...bankAccount() });
export type BankAccountUpdateInput = Input<typeof BankAccountUpdateInput>;

export const payoutRoutes = {
  /** Pays out part of the available balance to the saved bank account. */
  create: route('POST', '/api/v1/payouts', { body: PayoutCreateInput, returns: json<Payout>() }),
  /** Retrieves a payout by id. */
  get: route('GET', '/api/v1/payouts/{id}', { returns: json<Payout>() }),
  /** Lists payouts: await for the first page, or `for await` over every payout. */
  list: route('GET', '/api/v1/payouts', { query: PayoutListParams, returns: page<Payout>() }),
  // An illegal transition answers 409 `invalid_transition`.
  /** Cancels a pending payout. */
  cancel: route('POST', '/api/v1/payouts/{id}/cancel', { emptyBody: true, returns: json<Payout>() }),
  /** Marks a payout as sent to the bank, with its transfer reference. */
  markInTransit: route('POST', '/api/v1/payouts/{id}/mark-in-transit', { body: PayoutReferenceInput, returns: json<Payout>() }),
  /** Marks a payout as arrived, with its transfer reference. */
  markPaid: route('POST', '/api/v1/payouts/{id}/mark-paid', { body: PayoutReferenceInput, returns: json<Payout>() }),
  /** Marks a payout as failed, with the reason; the amount returns to the balance. */
  markFailed: route('POST', '/api/v1/payouts/{id}/mark-failed', { body: PayoutFailInput, returns: json<Payout>() }),
  /** What is available to pay out now, and what is still pending, per currency. */
  balance: route('GET', '/api/v1/payouts/balance', { returns: json<PayoutBalance>() }),
  /** The saved payout bank account. */
  getBankAccount: route('GET', '/api/v1/payouts/bank-account', { returns: json<BankAccount>() }),
  /** Replaces the saved payout bank account. */
  updateBankAccount: route('PATCH', '/api/v1/payouts/bank-account', { body: BankAccountUpdateInput, returns: json<BankAccount>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

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
