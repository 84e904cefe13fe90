/**
 * Gift cards and store credit (ENDPOINTS §2.15). Lookups are keyed by the redemption code,
 * actions by the card id; redeem and topup are idempotent on (externalSource, externalRef).
 */
import * as v from 'valibot';
import type { Id, Money, Timestamp, Currency, Metadata, Mode, Open } from './shared-types';
import { json, page, route } from './route';
import { clearable, currency, id, listParams, metadata, money, nonEmptyText, optionalInput, timestamp, type Input } from './schemas';

/** Statuses of a gift card. */
export const GIFT_CARD_STATUSES = ['active', 'redeemed', 'void', 'expired'] as const;

const note = () => clearable(v.string());

/** What `giftCards.issue` takes. */
export const GiftCardIssueInput = () =>
  v.strictObject({
    amount: money(1),
    currency: v.optional(currency()),
    /** Set: store credit for that customer; left out: a bearer gift card. */
    customerId: clearable(id()),
    /** Left out: the server generates one. */
    code: clearable(nonEmptyText()),
    expiresAt: clearable(timestamp()),
    note: note(),
    issuedSource: clearable(v.string()),
    issuedRef: clearable(v.string()),
    metadata: clearable(metadata()),
  });
export type GiftCardIssueInput = Input<typeof GiftCardIssueInput>;

/** Where a balance movement comes from in your system: the idempotency pair. */
const movement = () => ({ amount: money(1), externalSource: nonEmptyText(), externalRef: nonEmptyText(), note: note() });

/** What `giftCards.redeem` takes: the amount to take off the balance. */
export const GiftCardRedeemInput = () => v.strictObject({ ...movement(), checkoutSessionId: clearable(id()) });
export type GiftCardRedeemInput = Input<typeof GiftCardRedeemInput>;

/** What `giftCards.topup` takes: the amount to add. */
export const GiftCardTopupInput = () => v.strictObject(movement());
export type GiftCardTopupInput = Input<typeof GiftCardTopupInput>;

/** What `giftCards.void` takes: why the card is voided. */
export const GiftCardVoidInput = () => optionalInput({ note: note() });
export type GiftCardVoidInput = Input<typeof GiftCardVoidInput>;

/** Filters of `giftCards.list`. */
export const GiftCardListParams = () =>
  listParams({
    customerId: v.optional(id()),
    status: v.optional(v.picklist(GIFT_CARD_STATUSES)),
  });
export type GiftCardListParams = Input<typeof GiftCardListParams>;

/** The narrow view of a looked-up card: what a checkout needs to apply it. */
const balanceOf = ({ code, balance, currency, status }: GiftCard): GiftCardBalance => ({ code, balance, currency, status });

export const giftCardRoutes = {
  /** Issues a gift card (or store credit, with a `customerId`). */
  issue: route('POST', '/api/v1/gift-cards', { body: GiftCardIssueInput, returns: json<GiftCard>() }),
  /** Lists gift cards: await for the first page, or `for await` over every card. */
  list: route('GET', '/api/v1/gift-cards', { query: GiftCardListParams, returns: page<GiftCard>() }),
  /** Retrieves a gift card by its redemption code. */
  getByCode: route('GET', '/api/v1/gift-cards/{code}', { returns: json<GiftCard>() }),
  /** The balance and status of a gift card, by its redemption code. */
  balance: route('GET', '/api/v1/gift-cards/{code}', { returns: json<GiftCardBalance>(), transform: balanceOf }),
  /** Takes an amount off a gift card's balance. */
  redeem: route('POST', '/api/v1/gift-cards/{id}/redeem', { body: GiftCardRedeemInput, returns: json<GiftCardMutation>() }),
  /** Adds an amount to a gift card's balance. */
  topup: route('POST', '/api/v1/gift-cards/{id}/topup', { body: GiftCardTopupInput, returns: json<GiftCardMutation>() }),
  /** Writes off the remaining balance. */
  void: route('POST', '/api/v1/gift-cards/{id}/void', { body: GiftCardVoidInput, returns: json<GiftCard>() }),
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
