/**
 * Gift cards and store credit. Lookups are keyed by the redemption code, actions by the card id;
 * redeem and topup are idempotent on (externalSource, externalRef).
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Money, Timestamp, Currency, Metadata, Mode, Open } from './shared-types';
import { json, page, route, type RouteTable } from './route';
import { accepts, clearable, currency, id, listParams, metadata, money, nonEmptyText, optionalInput, timestamp } from './schemas';

/** Statuses of a gift card. */
export const GIFT_CARD_STATUSES = ['active', 'redeemed', 'void', 'expired'] as const;

/** What `giftCards.issue` takes: the starting balance, and whose card it is. */
export interface GiftCardIssueInput {
  /** The starting balance, an integer in the currency's minor unit, at least 1. */
  amount: number;
  /** Three-letter ISO 4217 code in upper case, e.g. `IDR`; left out, the server's default. */
  currency?: string;
  /** Set: store credit for that customer. Left out or `null`: a bearer gift card anyone holding the code may use. */
  customerId?: string | null;
  /** The redemption code, non-empty; left out or `null`, the server generates one. */
  code?: string | null;
  /** When the card expires (ISO-8601 string or `Date`); left out or `null`, it does not. */
  expiresAt?: string | Date | null;
  /** Your own note, stored on the card. */
  note?: string | null;
  /** Which system of yours issued the card (e.g. `pos`), stored as given. */
  issuedSource?: string | null;
  /** Your reference for the issue in that system (e.g. an order id), stored as given. */
  issuedRef?: string | null;
  /** Up to 50 string pairs, stored on the card and returned as given. */
  metadata?: Record<string, string> | null;
}

/** What `giftCards.redeem` takes: the amount to take off the balance, and where it was spent. */
export interface GiftCardRedeemInput {
  /** The amount to take off, an integer in the currency's minor unit, at least 1. */
  amount: number;
  /**
   * Which system of yours spends it (e.g. `pos`), non-empty. With `externalRef` it makes the
   * redemption idempotent: the same pair sent again moves the balance once.
   */
  externalSource: string;
  /** Your reference for the spend in that system (e.g. an order id), non-empty. */
  externalRef: string;
  /** The checkout session the card paid towards, if any. */
  checkoutSessionId?: string | null;
  /** Your own note, stored on the balance entry. */
  note?: string | null;
}

/** What `giftCards.topup` takes: the amount to add, and where it comes from. */
export interface GiftCardTopupInput {
  /** The amount to add, an integer in the currency's minor unit, at least 1. */
  amount: number;
  /**
   * Which system of yours adds it (e.g. `pos`), non-empty. With `externalRef` it makes the top-up
   * idempotent: the same pair sent again moves the balance once.
   */
  externalSource: string;
  /** Your reference for the top-up in that system (e.g. an order id), non-empty. */
  externalRef: string;
  /** Your own note, stored on the balance entry. */
  note?: string | null;
}

/** What `giftCards.void` takes: why the card is voided. */
export interface GiftCardVoidInput {
  /** Why the remaining balance is written off, stored on the balance entry. */
  note?: string | null;
}

/** Filters and paging of `giftCards.list`. */
export interface GiftCardListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Only the store credit of this customer. */
  customerId?: string;
  /** Only cards in this state: `active`, `redeemed`, `void` or `expired`. */
  status?: GiftCardStatus;
}

/** `client.giftCards`: gift cards (bearer, by code) and store credit (a customer's). */
export interface GiftCardsResource {
  /**
   * Issues a gift card, or store credit with a `customerId`.
   *
   * @example
   * ```ts
   * const card = await client.giftCards.issue({ amount: 5000000, currency: 'IDR' });
   * console.log(card.code);
   * ```
   */
  issue(input: GiftCardIssueInput, options?: RequestOptions): APIPromise<GiftCard>;
  /** Lists gift cards: `await` it for the first page, or `for await` over every card. */
  list(params?: GiftCardListParams, options?: RequestOptions): PagePromise<GiftCard>;
  /** Retrieves a gift card by its redemption code. */
  getByCode(code: string, options?: RequestOptions): APIPromise<GiftCard>;
  /** The balance and status of a gift card, by its redemption code: what a checkout needs to apply it. */
  balance(code: string, options?: RequestOptions): APIPromise<GiftCardBalance>;
  /**
   * Takes an amount off a gift card's balance, by the card's id; idempotent on
   * (`externalSource`, `externalRef`).
   *
   * @example
   * ```ts
   * const { giftCard, entry } = await client.giftCards.redeem(card.id, { amount: 150000, externalSource: 'pos', externalRef: 'order-1042' });
   * ```
   */
  redeem(id: string, input: GiftCardRedeemInput, options?: RequestOptions): APIPromise<GiftCardMutation>;
  /** Adds an amount to a gift card's balance, by the card's id; idempotent on (`externalSource`, `externalRef`). */
  topup(id: string, input: GiftCardTopupInput, options?: RequestOptions): APIPromise<GiftCardMutation>;
  /** Voids a gift card: its remaining balance is written off. */
  void(id: string, input?: GiftCardVoidInput, options?: RequestOptions): APIPromise<GiftCard>;
}

const note = () => clearable(v.string());

const issueInput = accepts<GiftCardIssueInput>()(() =>
  v.strictObject({
    amount: money(1),
    currency: v.optional(currency()),
    customerId: clearable(id()),
    code: clearable(nonEmptyText()),
    expiresAt: clearable(timestamp()),
    note: note(),
    issuedSource: clearable(v.string()),
    issuedRef: clearable(v.string()),
    metadata: clearable(metadata()),
  }),
);

/** Where a balance movement comes from in your system: the idempotency pair. */
const movement = () => ({ amount: money(1), externalSource: nonEmptyText(), externalRef: nonEmptyText(), note: note() });

const redeemInput = accepts<GiftCardRedeemInput>()(() => v.strictObject({ ...movement(), checkoutSessionId: clearable(id()) }));
const topupInput = accepts<GiftCardTopupInput>()(() => v.strictObject(movement()));
const voidInput = accepts<GiftCardVoidInput | undefined>()(() => optionalInput({ note: note() }));
const listInput = accepts<GiftCardListParams | undefined>()(() =>
  listParams({
    customerId: v.optional(id()),
    status: v.optional(v.picklist(GIFT_CARD_STATUSES)),
  }),
);

/** The narrow view of a looked-up card: what a checkout needs to apply it. */
const balanceOf = ({ code, balance, currency, status }: GiftCard): GiftCardBalance => ({ code, balance, currency, status });

/** @internal */
export const giftCardRoutes: RouteTable<GiftCardsResource> = {
  issue: route('POST', '/api/v1/gift-cards', { body: issueInput, returns: json<GiftCard>() }),
  list: route('GET', '/api/v1/gift-cards', { query: listInput, returns: page<GiftCard>() }),
  getByCode: route('GET', '/api/v1/gift-cards/{code}', { returns: json<GiftCard>() }),
  balance: route('GET', '/api/v1/gift-cards/{code}', { returns: json<GiftCardBalance>(), transform: balanceOf }),
  redeem: route('POST', '/api/v1/gift-cards/{id}/redeem', { body: redeemInput, returns: json<GiftCardMutation>() }),
  topup: route('POST', '/api/v1/gift-cards/{id}/topup', { body: topupInput, returns: json<GiftCardMutation>() }),
  void: route('POST', '/api/v1/gift-cards/{id}/void', { body: voidInput, returns: json<GiftCard>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

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
  /** The balance it was issued with, in the currency's minor unit. */
  initialBalance: Money;
  /** What is left to spend, in the currency's minor unit. */
  balance: Money;
  status: Open<GiftCardStatus>;
  /** The customer whose store credit it is; `null` for a bearer gift card. */
  customerId: Id | null;
  /** `store_credit` when `customerId` is set, else `gift_card`. */
  kind: Open<'store_credit' | 'gift_card'>;
  /** When it expires; `null`: never. */
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
  /** The card's balance after this movement. */
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
export interface GiftCardBalance {
  /** The redemption code. */
  code: string;
  /** What is left to spend, in the currency's minor unit. */
  balance: Money;
  currency: Currency;
  /** `active`, `redeemed` (nothing left), `void` or `expired`. */
  status: Open<GiftCardStatus>;
}
