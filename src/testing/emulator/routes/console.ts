/**
 * The emulator's own pages and controls, beside the API: the dashboard at `/`, the hosted
 * checkout page at `/c/:id` (what `hostedUrl` points at), the scripts that page loads, each
 * object's JSON, and the actions behind the buttons (pay a session, advance a test clock,
 * redeliver an event). No credentials: it is a local developer tool. The actions require the
 * `X-Plugipay-Emulator` header, which the CORS preflight does not allow, so a page on another
 * origin cannot trigger them in the background.
 */
import type { CheckoutSession } from '../../../resources/checkout-sessions';
import type { EventRecord } from '../../../resources/events';
import { apiFailure, notFound, validationError } from '../api-failure';
import { ok, type Reply, type RouteContext } from '../context';
import { eventEmitter } from '../emit';
import { Fields } from '../fields';
import { dashboardPage } from '../pages/dashboard';
import { dashboardVersion } from '../pages/dashboard-version';
import { TRIGGERABLE_EVENT_TYPES } from '../trigger';
import { ACTION_HEADER, ASSET_PREFIX, HOSTED_CHECKOUT_SCRIPT, hostedCheckoutPage, missingSessionPage } from '../pages/hosted-checkout';
import type { Route } from '../router';
import type { AccountState } from '../state';
import type { Table } from '../table';
import { ADAPTER_FOR_METHOD, completeSession, expireDueSessions, LIVE_STATUSES } from './checkout-sessions';
import { id } from './common';
import { advance } from './test-clocks';

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
/** Pages change with every request: never cached. */
const NO_STORE = { 'Cache-Control': 'no-store' };
const MAX_COPIES = 10;

/** The tables `/_emulator/objects/:kind/:id` serves, by the kind in the URL. */
const KINDS: Readonly<Record<string, (account: AccountState) => Pick<Table<{ id: string }>, 'get'>>> = {
  'checkout-sessions': (a) => a.checkoutSessions,
  customers: (a) => a.customers,
  invoices: (a) => a.invoices,
  subscriptions: (a) => a.subscriptions,
  plans: (a) => a.plans,
  refunds: (a) => a.refunds,
  payouts: (a) => a.payouts,
  events: (a) => a.events,
  deliveries: (a) => a.deliveries,
  'webhook-endpoints': (a) => a.webhookEndpoints,
};

const html = (body: string, status = 200): Reply => ({ kind: 'raw', status, contentType: HTML, body, headers: NO_STORE });

/** The workspace named by `?account=`, else the one holding the object, else the default. */
export function workspaceOf<T>(
  ctx: RouteContext,
  pick: (account: AccountState) => T | undefined,
): { account: AccountState; value: T } | undefined {
  const named = ctx.query.get('account');
  const candidates = named ? [ctx.world.accounts.find(named)].filter((a) => a !== undefined) : [...ctx.world.accounts.each()];
  for (const account of candidates) {
    const value = pick(account);
    if (value !== undefined) return { account, value };
  }
  return undefined;
}

export function requireActionHeader(ctx: RouteContext): void {
  if (ctx.request.headers.get(ACTION_HEADER) !== '1') {
    throw apiFailure(
      403,
      'forbidden',
      `Emulator actions need the header '${ACTION_HEADER}: 1' (the dashboard and the hosted page send it)`,
    );
  }
}

function dashboard(ctx: RouteContext): Reply {
  const named = ctx.query.get('account');
  const account = ctx.world.accounts.get(named || ctx.world.defaultAccountId);
  const workspaces = [...ctx.world.accounts.each()].map((a) => a.accountId);
  return html(
    dashboardPage({
      account,
      workspaces,
      origin: ctx.origin,
      credentials: { keyId: ctx.world.keyId },
      nowMs: ctx.world.nowMs(),
      version: dashboardVersion(account),
      eventTypes: TRIGGERABLE_EVENT_TYPES,
      exchange: (deliveryId) => ctx.world.deliveryExchange(deliveryId),
    }),
  );
}

function hostedPage(ctx: RouteContext): Reply {
  const found = workspaceOf(ctx, (a) => a.checkoutSessions.get(id(ctx)));
  if (!found) return html(missingSessionPage(id(ctx)), 404);
  return html(hostedCheckoutPage(found.value));
}

function asset(ctx: RouteContext): Reply {
  const name = ctx.url.pathname.slice(ASSET_PREFIX.length);
  if (name === 'hosted-checkout.mjs') return { kind: 'raw', status: 200, contentType: JS, body: HOSTED_CHECKOUT_SCRIPT };
  const body = ctx.world.pageAssets?.(name);
  if (body === undefined) {
    throw apiFailure(
      404,
      'not_found',
      ctx.world.pageAssets
        ? `No emulator asset '${name}'`
        : `The hosted page's scripts come from the installed package: serve the emulator with plugipay-emulator or startEmulatorServer (plugipay-edge/testing/node), or pass createEmulator({ pageAssets })`,
    );
  }
  return { kind: 'raw', status: 200, contentType: JS, body };
}

function objectJson(ctx: RouteContext): Reply {
  const table = KINDS[ctx.params.kind!];
  if (!table) throw notFound('kind', ctx.params.kind!);
  const found = workspaceOf(ctx, (a) => table(a).get(id(ctx)));
  if (!found) throw notFound(ctx.params.kind!, id(ctx));
  return ok(found.value);
}

/** A buyer's payment, as the hosted page's **Simulate payment** and the dashboard's **Pay** make it. */
function pay(ctx: RouteContext): Reply {
  requireActionHeader(ctx);
  const found = workspaceOf(ctx, (a) => a.checkoutSessions.get(id(ctx)));
  if (!found) throw notFound('checkout session', id(ctx));
  const { account } = found;
  const mutation = { world: ctx.world, account, emit: eventEmitter(ctx.world, account, { source: 'emulator_console' }) };
  expireDueSessions(mutation);
  const session: CheckoutSession = account.checkoutSessions.get(found.value.id)!;
  const method = Fields.of(ctx.body).string('method') ?? session.paymentMethod ?? session.methods[0] ?? 'qris';
  if (!session.methods.includes(method)) {
    throw validationError('method', `'${method}' is not enabled for this session (${session.methods.join(', ')})`);
  }
  if (!LIVE_STATUSES.includes(session.status)) {
    throw apiFailure(409, 'conflict', `Checkout session '${session.id}' is ${session.status}: only an open or pending session can be paid`);
  }
  return ok(completeSession(mutation, session, { method, adapter: ADAPTER_FOR_METHOD[method] ?? 'manual' }));
}

function advanceClock(ctx: RouteContext): Reply {
  requireActionHeader(ctx);
  const subscriptionId = Fields.of(ctx.body).requiredString('subscriptionId');
  const found = workspaceOf(ctx, (a) => a.subscriptions.get(subscriptionId));
  if (!found) throw validationError('subscriptionId', `no such subscription '${subscriptionId}'`);
  const account = found.account;
  return advance({ ...ctx, account, emit: eventEmitter(ctx.world, account, { source: 'emulator_console' }) });
}

function redeliver(ctx: RouteContext): Reply {
  requireActionHeader(ctx);
  const fields = Fields.of(ctx.body);
  const copies = fields.integer('copies', { min: 1, max: MAX_COPIES }) ?? 1;
  const endpointId = fields.string('endpointId');
  const found = workspaceOf<EventRecord>(ctx, (a) => a.events.get(id(ctx)));
  if (!found) throw notFound('event', id(ctx));
  if (endpointId !== undefined && !found.account.webhookEndpoints.get(endpointId)) {
    throw validationError('endpointId', `no such webhook endpoint '${endpointId}'`);
  }
  const deliveries = ctx.world.redeliverEvent(found.account, found.value, { copies, ...(endpointId ? { endpointId } : {}) });
  return ok({ eventId: found.value.id, copies, deliveries });
}

export const consoleRoutes: Route[] = [
  { method: 'GET', pattern: '/', public: true, handler: dashboard },
  { method: 'GET', pattern: '/c/:id', public: true, handler: hostedPage },
  { method: 'GET', pattern: '/_emulator/assets/*', public: true, handler: asset },
  { method: 'GET', pattern: '/_emulator/objects/:kind/:id', public: true, handler: objectJson },
  { method: 'POST', pattern: '/_emulator/checkout/:id/pay', public: true, handler: pay },
  { method: 'POST', pattern: '/_emulator/test-clocks/advance', public: true, handler: advanceClock },
  { method: 'POST', pattern: '/_emulator/events/:id/redeliver', public: true, handler: redeliver },
];
