/**
 * The emulator's control surface beyond the buttons it started with (pay, advance a test clock,
 * redeliver: `console.ts`): trigger an event of any catalog type, expire a checkout session,
 * settle or fail a pending refund, and the state version the dashboard polls to refresh itself.
 * Same rules as the other actions: no credentials (a local tool), but the `X-Plugipay-Emulator`
 * header, which a page on another origin cannot send without a preflight the emulator refuses.
 */
import { apiFailure, notFound } from '../api-failure';
import { created, ok, type Reply, type RouteContext } from '../context';
import { eventEmitter } from '../emit';
import { Fields } from '../fields';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { TRIGGERABLE_EVENT_TYPES, TriggerError } from '../trigger';
import { expireDueSessions, expireSession, LIVE_STATUSES } from './checkout-sessions';
import { requireActionHeader, workspaceOf } from './console';
import { id } from './common';
import { settleRefund } from './refunds';
import { dashboardVersion } from '../pages/dashboard-version';

function mutation(ctx: RouteContext, account: AccountState) {
  return { world: ctx.world, account, emit: eventEmitter(ctx.world, account, { source: 'emulator_console' }) };
}

/** The workspace named by `?account=` (created on first use, as the API does), else the default. */
function namedWorkspace(ctx: RouteContext): AccountState {
  return ctx.world.accounts.get(ctx.query.get('account') || ctx.world.defaultAccountId);
}

function trigger(ctx: RouteContext): Reply {
  requireActionHeader(ctx);
  const type = Fields.of(ctx.body).requiredString('type', { max: 200 });
  try {
    const { event, events } = ctx.world.trigger(namedWorkspace(ctx), type, ctx.origin);
    return created({ event, events });
  } catch (error) {
    if (error instanceof TriggerError) throw apiFailure(400, 'validation_error', error.message, { field: 'type' });
    throw error;
  }
}

function expire(ctx: RouteContext): Reply {
  requireActionHeader(ctx);
  const found = workspaceOf(ctx, (a) => a.checkoutSessions.get(id(ctx)));
  if (!found) throw notFound('checkout session', id(ctx));
  const m = mutation(ctx, found.account);
  expireDueSessions(m);
  const session = found.account.checkoutSessions.get(found.value.id)!;
  if (!LIVE_STATUSES.includes(session.status)) {
    throw apiFailure(409, 'conflict', `Checkout session '${session.id}' is ${session.status}: only an open or pending session can expire`);
  }
  return ok(expireSession(m, session));
}

/** `{ outcome: 'succeeded' | 'failed', failureCode?, failureMessage? }`: the provider's answer to a pending refund. */
function settle(ctx: RouteContext): Reply {
  requireActionHeader(ctx);
  const fields = Fields.of(ctx.body);
  const outcome = fields.requiredOneOf('outcome', ['succeeded', 'failed'] as const);
  const failureCode = fields.string('failureCode', { max: 64 });
  const failureMessage = fields.string('failureMessage', { max: 1024 });
  const found = workspaceOf(ctx, (a) => a.refunds.get(id(ctx)));
  if (!found) throw notFound('refund', id(ctx));
  if (found.value.status !== 'pending') {
    throw apiFailure(409, 'conflict', `Refund '${found.value.id}' is ${found.value.status}: only a pending refund can be settled`);
  }
  return ok(
    settleRefund(mutation(ctx, found.account), found.value, outcome, {
      ...(failureCode !== undefined ? { failureCode } : {}),
      ...(failureMessage !== undefined ? { failureMessage } : {}),
    }),
  );
}

export const controlRoutes: Route[] = [
  { method: 'POST', pattern: '/_emulator/trigger', public: true, handler: trigger },
  { method: 'GET', pattern: '/_emulator/event-types', public: true, handler: () => ok([...TRIGGERABLE_EVENT_TYPES]) },
  { method: 'POST', pattern: '/_emulator/checkout/:id/expire', public: true, handler: expire },
  { method: 'POST', pattern: '/_emulator/refunds/:id/settle', public: true, handler: settle },
  { method: 'GET', pattern: '/_emulator/version', public: true, handler: (ctx) => ok({ version: dashboardVersion(namedWorkspace(ctx)) }) },
];
