/**
 * Payouts: the available balance paid out to the merchant's bank account.
 * pending → in_transit → paid, pending → cancelled, pending | in_transit → failed; anything else
 * is a 409 `invalid_transition`. The balance is derived from the emulator's own money movements:
 * completed checkout sessions, minus refunds that hold or moved money, minus payouts.
 */
import type { PayoutStatus, Payout, PayoutBalance, BankAccount } from '../../../resources/payouts';
import { illegalTransition, notFound, validationError } from '../api-failure';
import { created, ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { id, listReply, queryOneOf, sameIfSet } from './common';

import { PAYOUT_STATUSES } from '../../../resources/payouts';

const STATUSES = PAYOUT_STATUSES;
const BANK_FIELDS = ['bankName', 'bankAccountNumber', 'bankAccountHolder'] as const;

export function findPayout(account: AccountState, payoutId: string): Payout {
  const payout = account.payouts.get(payoutId);
  if (!payout) throw notFound('payout', payoutId);
  return payout;
}

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

/**
 * One currency per workspace: the currency of the first completed session (the emulator does not
 * model multi-currency balances). Money handed to the bank (in transit, paid) has left the
 * ledger; pending payouts still sit in it but are locked.
 */
export function payoutBalance(account: AccountState): PayoutBalance {
  const sessions = account.checkoutSessions.values().filter((s) => s.status === 'completed');
  const currency = sessions[0]?.currency ?? null;
  const inCurrency = <T extends { currency: string }>(items: T[]) => items.filter((item) => item.currency === currency);
  const received = sum(inCurrency(sessions).map((s) => s.amount));
  const refunded = sum(
    inCurrency(account.refunds.values().filter((r) => r.status === 'pending' || r.status === 'succeeded')).map((r) => r.amount),
  );
  const payouts = inCurrency(account.payouts.values());
  const paidOut = sum(payouts.filter((p) => p.status === 'in_transit' || p.status === 'paid').map((p) => p.amount));
  const locked = sum(payouts.filter((p) => p.status === 'pending').map((p) => p.amount));
  const ledgerBalance = received - refunded - paidOut;
  return { ledgerBalance, locked, available: ledgerBalance - locked, currency };
}

function bankAccountOf(account: AccountState): BankAccount {
  const saved = account.bankAccount;
  return saved
    ? { ...saved, configured: true }
    : { bankCode: null, bankName: null, bankAccountNumber: null, bankAccountHolder: null, configured: false };
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const amount = fields.requiredInteger('amount', { min: 1 });
  const currency = fields.requiredString('currency', { max: 8 });
  const saved = ctx.account.bankAccount;
  const bank = Object.fromEntries(
    BANK_FIELDS.map((name) => {
      const value = fields.string(name, { max: 255 }) ?? saved?.[name];
      if (value === undefined) throw validationError(name, 'is required: no bank account is saved (payouts.updateBankAccount)');
      return [name, value];
    }),
  ) as Record<(typeof BANK_FIELDS)[number], string>;
  const bankCode = fields.isNull('bankCode') ? null : (fields.string('bankCode', { max: 64 }) ?? saved?.bankCode ?? null);
  const note = fields.string('note', { min: 0, max: 1024 }) ?? null;

  const balance = payoutBalance(ctx.account);
  if (balance.currency !== null && currency !== balance.currency) {
    throw validationError('currency', `must be the balance currency '${balance.currency}'`);
  }
  if (amount > balance.available) throw validationError('amount', `must be ≤ the available balance ${balance.available}`);

  const now = ctx.world.iso();
  const payout = ctx.account.payouts.insert({
    id: ctx.presetId ?? newId('po'),
    accountId: ctx.account.accountId,
    amount,
    currency,
    status: 'pending',
    method: 'manual',
    bankCode,
    ...bank,
    note,
    reference: null,
    failureReason: null,
    ledgerTransactionId: null,
    processedAt: null,
    completedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  ctx.emit('plugipay.payout.created.v1', payout);
  return created(payout);
}

function list(ctx: RouteContext) {
  const status = queryOneOf(ctx.query, 'status', STATUSES);
  return listReply(ctx, ctx.account.payouts, (p) => sameIfSet<string>(status, p.status));
}

/** One transition of the state table: allowed only from `from`, emitting `plugipay.payout.<to>.v1`. */
function transition(ctx: RouteContext, action: string, from: readonly PayoutStatus[], to: PayoutStatus, change: Partial<Payout> = {}) {
  const payout = findPayout(ctx.account, id(ctx));
  if (!(from as readonly string[]).includes(payout.status)) {
    throw illegalTransition('payout', payout.id, payout.status, action, 'invalid_transition');
  }
  const next = ctx.account.payouts.replace({ ...payout, ...change, status: to, updatedAt: ctx.world.iso() });
  ctx.emit(`plugipay.payout.${to}.v1`, next);
  return ok(next);
}

/** `{ reference }`: the key is always sent, `null` when there is none; `null` keeps an earlier one. */
function reference(ctx: RouteContext, payout: Payout): string | null {
  return Fields.of(ctx.body).string('reference', { max: 255 }) ?? payout.reference;
}

function markInTransit(ctx: RouteContext) {
  const payout = findPayout(ctx.account, id(ctx));
  return transition(ctx, 'mark in transit', ['pending'], 'in_transit', {
    reference: reference(ctx, payout),
    processedAt: ctx.world.iso(),
  });
}

function markPaid(ctx: RouteContext) {
  const payout = findPayout(ctx.account, id(ctx));
  return transition(ctx, 'mark paid', ['in_transit'], 'paid', { reference: reference(ctx, payout), completedAt: ctx.world.iso() });
}

/** A failed payout's funds return to the balance. */
function markFailed(ctx: RouteContext) {
  const failureReason = Fields.of(ctx.body).requiredString('failureReason', { max: 1024 });
  return transition(ctx, 'mark failed', ['pending', 'in_transit'], 'failed', { failureReason });
}

function updateBankAccount(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const [bankName, bankAccountNumber, bankAccountHolder] = BANK_FIELDS.map((name) => fields.requiredString(name, { max: 255 }));
  ctx.account.bankAccount = {
    bankCode: fields.string('bankCode', { max: 64 }) ?? null,
    bankName: bankName!,
    bankAccountNumber: bankAccountNumber!,
    bankAccountHolder: bankAccountHolder!,
  };
  return ok(bankAccountOf(ctx.account));
}

export const payoutRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/payouts', handler: create },
  { method: 'GET', pattern: '/api/v1/payouts', handler: list },
  // Before `/payouts/:id`, which would take `balance` and `bank-account` for ids.
  { method: 'GET', pattern: '/api/v1/payouts/balance', handler: (ctx) => ok(payoutBalance(ctx.account)) },
  { method: 'GET', pattern: '/api/v1/payouts/bank-account', handler: (ctx) => ok(bankAccountOf(ctx.account)) },
  { method: 'PATCH', pattern: '/api/v1/payouts/bank-account', handler: updateBankAccount, idempotencyKey: 'optional' },
  { method: 'GET', pattern: '/api/v1/payouts/:id', handler: (ctx) => ok(findPayout(ctx.account, id(ctx))) },
  { method: 'POST', pattern: '/api/v1/payouts/:id/cancel', handler: (ctx) => transition(ctx, 'cancel', ['pending'], 'cancelled') },
  { method: 'POST', pattern: '/api/v1/payouts/:id/mark-in-transit', handler: markInTransit },
  { method: 'POST', pattern: '/api/v1/payouts/:id/mark-paid', handler: markPaid },
  { method: 'POST', pattern: '/api/v1/payouts/:id/mark-failed', handler: markFailed },
];
