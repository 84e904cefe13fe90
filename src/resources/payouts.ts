/**
 * Payouts: available balance to the merchant's bank account. pending → in_transit → paid, or
 * failed / cancelled; the `mark*` routes serve the manual adapter.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Money, Timestamp, Currency, Open } from './shared-types';
import { json, page, route, type RouteTable } from './route';
import { accepts, clearable, currency, money, nonEmptyText, optionalInput, unorderedListParams } from './schemas';

/** Statuses of a payout. */
export const PAYOUT_STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'cancelled'] as const;

/** What `payouts.create` takes: how much, and (unless the saved account) which bank account. */
export interface PayoutCreateInput {
  /**
   * The amount to pay out, an integer in the currency's minor unit, at least 1 and at most the
   * available balance (`payouts.balance()`); more is refused.
   */
  amount: number;
  /** Three-letter ISO 4217 code in upper case, e.g. `IDR`. */
  currency: string;
  /** The bank's code, non-empty; left out, the saved bank account's. */
  bankCode?: string | null;
  /** The bank's name, non-empty; left out, the saved bank account's. */
  bankName?: string;
  /** The account number, non-empty; left out, the saved bank account's. */
  bankAccountNumber?: string;
  /** The account holder's name, non-empty; left out, the saved bank account's. */
  bankAccountHolder?: string;
  /** Your own note, stored on the payout. */
  note?: string | null;
}

/** What `payouts.markInTransit` and `payouts.markPaid` take: the bank transfer's reference. */
export interface PayoutReferenceInput {
  /** The transfer reference from the bank; left out, `null` is sent (the key is always in the body). */
  reference?: string | null;
}

/** What `payouts.markFailed` takes: why the payout failed. */
export interface PayoutFailInput {
  /** Why the payout failed (e.g. `account closed`), non-empty; stored on the payout. */
  failureReason: string;
}

/** Filters and paging of `payouts.list` (this route has no `order`). */
export interface PayoutListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only payouts in this state: `pending`, `in_transit`, `paid`, `failed` or `cancelled` (double "l"). */
  status?: PayoutStatus;
}

/** The payout bank account to save (`payouts.updateBankAccount`). */
export interface BankAccountUpdateInput {
  /** The bank's code; `null` clears it. */
  bankCode?: string | null;
  /** The bank's name, non-empty. */
  bankName: string;
  /** The account number, non-empty. */
  bankAccountNumber: string;
  /** The account holder's name as the bank has it, non-empty. */
  bankAccountHolder: string;
}

/**
 * `client.payouts`: your available balance, paid out to your bank account. An illegal transition
 * (e.g. cancelling a payout that is already in transit) answers 409 `invalid_transition`.
 */
export interface PayoutsResource {
  /**
   * Pays out part of the available balance, to the saved bank account unless the input names
   * another. The payout starts `pending` and holds its amount until it is paid or fails.
   *
   * @example
   * ```ts
   * const { available, currency } = await client.payouts.balance();
   * if (currency && available > 0) await client.payouts.create({ amount: available, currency });
   * ```
   */
  create(input: PayoutCreateInput, options?: RequestOptions): APIPromise<Payout>;
  /** Retrieves a payout by id. */
  get(id: string, options?: RequestOptions): APIPromise<Payout>;
  /**
   * Lists payouts: `await` it for the first page, or `for await` over every payout.
   *
   * @example
   * ```ts
   * for await (const payout of client.payouts.list({ status: 'pending' })) console.log(payout.id, payout.amount);
   * ```
   */
  list(params?: PayoutListParams, options?: RequestOptions): PagePromise<Payout>;
  /** Cancels a `pending` payout; its amount is available again. */
  cancel(id: string, options?: RequestOptions): APIPromise<Payout>;
  /** Marks a `pending` payout as handed to the bank (`in_transit`), with its transfer reference (manual adapter). */
  markInTransit(id: string, input?: PayoutReferenceInput, options?: RequestOptions): APIPromise<Payout>;
  /** Marks an `in_transit` payout as arrived (`paid`), with its transfer reference (manual adapter). */
  markPaid(id: string, input?: PayoutReferenceInput, options?: RequestOptions): APIPromise<Payout>;
  /** Marks a `pending` or `in_transit` payout as `failed`, with the reason; the amount returns to the balance. */
  markFailed(id: string, input: PayoutFailInput, options?: RequestOptions): APIPromise<Payout>;
  /** What is available to pay out now, and what pending payouts hold. */
  balance(options?: RequestOptions): APIPromise<PayoutBalance>;
  /** The saved payout bank account (`configured: false` until one is saved). */
  getBankAccount(options?: RequestOptions): APIPromise<BankAccount>;
  /** Replaces the saved payout bank account. */
  updateBankAccount(input: BankAccountUpdateInput, options?: RequestOptions): APIPromise<BankAccount>;
}

const createInput = accepts<PayoutCreateInput>()(() =>
  v.strictObject({
    amount: money(1),
    currency: currency(),
    // The bank fields default to the saved bank account.
    bankCode: clearable(nonEmptyText()),
    bankName: v.optional(nonEmptyText()),
    bankAccountNumber: v.optional(nonEmptyText()),
    bankAccountHolder: v.optional(nonEmptyText()),
    note: clearable(v.string()),
  }),
);

/** The `reference` key is always sent: `null` when there is none. */
const referenceInput = accepts<PayoutReferenceInput | undefined>()(() =>
  optionalInput({ reference: v.optional(v.nullable(v.string()), null) }),
);
const failInput = accepts<PayoutFailInput>()(() => v.strictObject({ failureReason: nonEmptyText() }));
const listInput = accepts<PayoutListParams | undefined>()(() => unorderedListParams({ status: v.optional(v.picklist(PAYOUT_STATUSES)) }));
const bankAccountInput = accepts<BankAccountUpdateInput>()(() =>
  v.strictObject({
    bankCode: clearable(nonEmptyText()),
    bankName: nonEmptyText(),
    bankAccountNumber: nonEmptyText(),
    bankAccountHolder: nonEmptyText(),
  }),
);

/** @internal */
export const payoutRoutes: RouteTable<PayoutsResource> = {
  create: route('POST', '/api/v1/payouts', { body: createInput, returns: json<Payout>() }),
  get: route('GET', '/api/v1/payouts/{id}', { returns: json<Payout>() }),
  list: route('GET', '/api/v1/payouts', { query: listInput, returns: page<Payout>() }),
  cancel: route('POST', '/api/v1/payouts/{id}/cancel', { emptyBody: true, returns: json<Payout>() }),
  markInTransit: route('POST', '/api/v1/payouts/{id}/mark-in-transit', { body: referenceInput, returns: json<Payout>() }),
  markPaid: route('POST', '/api/v1/payouts/{id}/mark-paid', { body: referenceInput, returns: json<Payout>() }),
  markFailed: route('POST', '/api/v1/payouts/{id}/mark-failed', { body: failInput, returns: json<Payout>() }),
  balance: route('GET', '/api/v1/payouts/balance', { returns: json<PayoutBalance>() }),
  getBankAccount: route('GET', '/api/v1/payouts/bank-account', { returns: json<BankAccount>() }),
  updateBankAccount: route('PATCH', '/api/v1/payouts/bank-account', { body: bankAccountInput, returns: json<BankAccount>() }),
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
  /** How the money is sent: by you, marked with the `mark*` methods (`manual`), or by Xendit. */
  method: Open<'manual' | 'xendit_disbursement'>;
  bankCode: string | null;
  bankName: string;
  bankAccountNumber: string;
  bankAccountHolder: string;
  /** Your own note. */
  note: string | null;
  /** The bank transfer's reference, once known. */
  reference: string | null;
  /** Why the payout failed. */
  failureReason: string | null;
  /** The ledger transaction of the payout (see `LedgerEntry.txId`). */
  ledgerTransactionId: Id | null;
  processedAt: Timestamp | null;
  /** Set when the payout is paid. */
  completedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** What is available to pay out, and what is still pending (`payouts.balance`). */
export interface PayoutBalance {
  /** The balance in the ledger. */
  ledgerBalance: Money;
  /** Held by pending payouts. */
  locked: Money;
  /** What can be paid out now: the ledger balance less what pending payouts hold. */
  available: Money;
  currency: Currency | null;
}

/** The saved payout destination. */
export interface BankAccount {
  bankCode: string | null;
  bankName: string | null;
  bankAccountNumber: string | null;
  bankAccountHolder: string | null;
  /** Whether a bank account has been saved. */
  configured: boolean;
}
