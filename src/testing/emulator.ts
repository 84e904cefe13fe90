/**
 * A local Plugipay API for tests, demos and the playground: a plain fetch handler with the
 * signature of the global `fetch`, so it can be passed as the client's `fetch` option as it is,
 * served by `Deno.serve`, used as a Worker's `fetch`, or put behind node:http
 * (`plugipay-edge/testing/node`). It checks requests exactly as the server does (WIRE 1), keeps
 * in-memory state with the server's state machines, records events and delivers them as
 * signed webhooks. Web-standard APIs only: no Node built-ins.
 */
import type { CheckoutSession } from '../resources/checkout-sessions';
import type { EventRecord } from '../resources/events';
import type { Invoice } from '../resources/invoices';
import type { Refund } from '../resources/refunds';
import type { WebhookDelivery } from '../resources/webhook-endpoints';
import { notFound } from './emulator/api-failure';
import { RequestVerifier, type HmacVerifier, type KeyPair } from './emulator/auth';
import type { EventInput, PageAssets, RouteContext, World } from './emulator/context';
import { Dispatcher, type RequestLogEntry } from './emulator/dispatch';
import { eventEmitter, type Emit } from './emulator/emit';
import { FaultBook, type FaultHandle, type FaultSpec } from './emulator/faults';
import { newId, randomHex } from './emulator/ids';
import { IdempotencyStore } from './emulator/idempotency';
import type { ListMetaShape } from './emulator/pagination';
import { Router } from './emulator/router';
import { completeSession, expireSession, ADAPTER_FOR_METHOD } from './emulator/routes/checkout-sessions';
import { ROUTES } from './emulator/routes/index';
import { markInvoicePastDue } from './emulator/routes/invoices';
import { settleRefund } from './emulator/routes/refunds';
import { withRetryHint } from './emulator/retry-hint';
import { triggerEvent } from './emulator/trigger';
import { loadAccounts, saveAccounts, type EmulatorState } from './emulator/persistence';
import { RequestRing } from './emulator/request-log';
import { AccountRegistry, snapshot, type AccountState } from './emulator/state';
import { WebhookDispatcher, type FetchLike } from './emulator/webhook-delivery';

export type { HmacVerifier, KeyPair } from './emulator/auth';
export type { PageAssets } from './emulator/context';
export type { EmulatorState } from './emulator/persistence';
export type { RequestLogEntry } from './emulator/dispatch';
export type { FaultHandle, FaultMatch, FaultSpec } from './emulator/faults';
export type { ListMetaShape } from './emulator/pagination';
export type { DeliveryExchange, FetchLike } from './emulator/webhook-delivery';

/** A seed object: the create input of its route, plus an optional fixed `id`. */
export type SeedItem = Record<string, unknown> & { id?: string };

/** Objects that exist before the first request, created through the same validation as the API (no events). */
export interface EmulatorSeed {
  customers?: SeedItem[];
  plans?: SeedItem[];
  checkoutSessions?: SeedItem[];
  /** `secret` fixes the endpoint's signing secret (default: a fresh `whsec_…`). */
  webhookEndpoints?: (SeedItem & { secret?: string })[];
}

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** HMAC key pairs the emulator accepts. Default: one generated test pair (see `credentials`). */
  keys?: KeyPair[];
  /** Dashboard keys accepted as `Authorization: Bearer <key>`. */
  apiKeys?: string[];
  /** The clock in milliseconds (default `Date.now`): the ±300 s window and every timestamp. */
  now?: () => number;
  /**
   * The list `meta` fields: `'both'` (default, as the server sends them), `'page'` for only
   * `meta.page.{limit,hasMore,nextCursor}` (the docs' shape) or `'cursor'` for only
   * `meta.{hasMore,cursor}` (what the official clients read), to test a client against each.
   */
  listMeta?: ListMetaShape;
  /** Objects to create before the first request (customers, plans, …), as if through the API. */
  seed?: EmulatorSeed;
  /** The fetch that delivers webhooks (default: `globalThis.fetch` at delivery time). */
  webhookFetch?: FetchLike;
  /** The workspace of requests without `X-Plugipay-On-Behalf-Of` (default `acc_emulator`). */
  accountId?: string;
  /** How many recent requests `emulator.requests` keeps (a ring; default 1000, 0 keeps none). */
  requestLogSize?: number;
  /**
   * The origin the emulator is served at, for links in objects created before any request
   * (seeded sessions' `hostedUrl`). Requests use the origin they arrived at. Default
   * `https://plugipay.com`; `startEmulatorServer` sets its own.
   */
  origin?: string;
  /**
   * Reads the built package's browser files for the hosted checkout page. `startEmulatorServer`
   * and the `plugipay-emulator` command supply them; without it the page renders but cannot load
   * its script.
   */
  pageAssets?: PageAssets;
  /** State saved by `emulator.saveState()` (the command's `--state` file): loaded instead of `seed`. Malformed state throws. */
  state?: EmulatorState;
  /**
   * How request signatures are checked once the string to sign is rebuilt (default: Web Crypto,
   * which every runtime has). The Node server passes a synchronous node:crypto one; a custom one
   * must compare in constant time and accept exactly what Web Crypto accepts.
   */
  hmacVerifier?: HmacVerifier;
  /**
   * Turns the client's retry backoff off (or shortens it) in tests: every retryable answer
   * (429, 5xx) that names no wait of its own gets `retry-after-ms: <this>`, which the client
   * honours instead of its exponential backoff. `0` retries at once. Unset (the default), the
   * answers carry no hint, as the server's do. Dropped connections and timeouts have no answer
   * to carry it: the client backs off from them as usual.
   */
  retryAfterMs?: number;
  /**
   * Added to the `invalid_key` message when a request names a key id this emulator does not
   * know: where the current keys are (the command says its credentials file). Never a secret.
   */
  unknownKeyHint?: string;
  /**
   * The signing secret given to webhook endpoints created without a fixed one (the command
   * passes its stable `whsec_…`, so a pasted `PLUGIPAY_WEBHOOK_SECRET` survives restarts).
   * Default: a fresh secret per endpoint, as the server does.
   */
  webhookSecret?: string;
}

/** Options of `emulator.trigger`. */
export interface TriggerOptions {
  /** The workspace to make the event in (default: the emulator's `accountId`). */
  accountId?: string;
}

/** What `emulator.trigger` resolves to. */
export interface TriggeredEvent {
  /** The event of the type asked for. */
  event: EventRecord;
  /** Every event the trigger recorded, oldest first, the asked-for one included. */
  events: EventRecord[];
  /** The deliveries of `event`, settled. */
  deliveries: WebhookDelivery[];
}

/** Options of `emulator.redeliverEvent`. */
export interface RedeliverEventOptions {
  /** Deliveries of the event sent at the same moment to each endpoint: 2 to test concurrent duplicates (default 1, at most 10). */
  copies?: number;
  /** Only this endpoint. */
  endpointId?: string;
}

/** Options of `emulator.completeCheckout`: how the simulated buyer paid. */
export interface CompleteCheckoutOptions {
  /** The method the buyer paid with (default `'qris'`). */
  method?: string;
  /** The provider that took it (default: by method, e.g. `xendit` for QRIS). */
  adapter?: string;
}

/**
 * The local Plugipay emulator: a `fetch` handler with the API's behaviour, its in-memory state, and
 * controls for tests (complete a checkout, inject faults, read the request log).
 */
export interface Emulator {
  /** The first key pair: the one to give the client. */
  readonly credentials: KeyPair;
  readonly accountId: string;
  /** A fetch handler: `(input, init?)` like the global `fetch`. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * Like `fetch`, for servers that know the raw request target (node:http's `req.url`): the
   * signature is checked against `rawTarget` exactly as it arrived, not a re-serialized URL.
   * `signal` (default `request.signal`) aborts when the client goes away, so scripted delays and
   * stalls stop waiting; a server that passes it can build the `Request` without one.
   */
  handle(request: Request, info?: { rawTarget?: string; signal?: AbortSignal }): Promise<Response>;
  /** Scripts a fault for the next matching request(s). */
  inject(spec: FaultSpec): FaultHandle;
  /** A payment arrives: the session becomes `completed` and `checkout_session.completed` is emitted. */
  completeCheckout(sessionId: string, options?: CompleteCheckoutOptions): CheckoutSession;
  /** The session's time runs out: `expired`, and `checkout_session.expired` is emitted. */
  expireCheckout(sessionId: string): CheckoutSession;
  /** The provider settles a pending refund: `refund.issued` or `refund.failed` is emitted. */
  settleRefund(refundId: string, outcome: 'succeeded' | 'failed', failure?: { failureCode?: string; failureMessage?: string }): Refund;
  /**
   * One realistic event of a catalog type (`'plugipay.invoice.paid.v1'`, or short:
   * `'invoice.paid'`), made the way the API would make it: the objects it concerns are created
   * and moved through their states, so `data.object` is what a GET returns, the prerequisite
   * events (a customer created, an invoice finalized…) are recorded first, and each event is
   * delivered signed to every subscribed endpoint. Resolves once those deliveries have settled,
   * with the event, every event recorded on the way, and the event's deliveries. An unknown
   * type throws, listing the catalog.
   */
  trigger(type: string, options?: TriggerOptions): Promise<TriggeredEvent>;
  /** An open invoice passes its due date without payment (dunning starts). */
  markInvoicePastDue(invoiceId: string): Invoice;
  /** Recorded events, oldest first (all workspaces unless `accountId` is given). */
  events(filter?: { type?: string; accountId?: string }): EventRecord[];
  /**
   * Delivers a recorded event again: the same event id and body, in new deliveries, to every
   * active endpoint subscribed to it (or `endpointId`). `copies: 2` sends two at the same
   * moment, as two isolates would receive them: the way to test a handler's idempotency.
   * Resolves with the deliveries once they have settled.
   */
  redeliverEvent(eventId: string, options?: RedeliverEventOptions): Promise<WebhookDelivery[]>;
  /** Webhook deliveries, oldest first. */
  deliveries(filter?: { endpointId?: string; accountId?: string }): WebhookDelivery[];
  /** The signing secret of a webhook endpoint (the API shows it only once). */
  webhookSecret(endpointId: string): string | undefined;
  /** Resolves once every queued webhook delivery has settled. */
  flushWebhooks(): Promise<void>;
  /** The most recent requests received (up to `requestLogSize`), oldest first: a fresh array per read. */
  readonly requests: readonly RequestLogEntry[];
  /** Every workspace's objects, secrets and clocks as JSON-safe data, for `createEmulator({ state })`. */
  saveState(): EmulatorState;
  /** Back to the initial state: objects, idempotency keys, faults and the request log (the seed is applied again). */
  reset(): void;
}

const DEFAULT_ACCOUNT = 'acc_emulator';
const DEFAULT_REQUEST_LOG_SIZE = 1000;

function generatedKeyPair(): KeyPair {
  return { keyId: `pk_test_${randomHex(12)}`, secret: `sk_test_${randomHex(24)}` };
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const nowMs = options.now ?? (() => Date.now());
  const keys = options.keys && options.keys.length > 0 ? options.keys : [generatedKeyPair()];
  // An empty secret cannot be an HMAC key in Web Crypto (it throws at every request) while
  // node:crypto would accept it: refused here, so every verifier sees the same keys.
  keys.forEach(({ keyId, secret }, i) => {
    if (typeof keyId !== 'string' || keyId === '' || typeof secret !== 'string' || secret === '') {
      throw new Error(`emulator: keys[${i}] needs a non-empty keyId and secret`);
    }
  });
  const defaultAccountId = options.accountId ?? DEFAULT_ACCOUNT;
  const retryAfterMs = options.retryAfterMs;
  if (retryAfterMs !== undefined && !(Number.isSafeInteger(retryAfterMs) && retryAfterMs >= 0)) {
    throw new Error('emulator: retryAfterMs must be a whole number of milliseconds, 0 or more');
  }
  const accounts = new AccountRegistry();
  const faults = new FaultBook();
  const idempotency = new IdempotencyStore(nowMs);
  const log = new RequestRing<RequestLogEntry>(options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE);
  const router = new Router(ROUTES);

  const webhooks: WebhookDispatcher = new WebhookDispatcher({
    fetch: () => options.webhookFetch ?? ((input, init) => globalThis.fetch(input, init)),
    nowMs,
    iso: () => new Date(nowMs()).toISOString(),
    recordEvent: (account, input) => world.recordEvent(account, input),
  });

  const world: World = {
    nowMs,
    iso: (offsetMs = 0) => new Date(nowMs() + offsetMs).toISOString(),
    accounts,
    listMeta: options.listMeta ?? 'both',
    recordEvent(account: AccountState, input: EventInput): EventRecord {
      const at = world.iso();
      const event = account.events.insert({
        id: newId('evt'),
        type: input.type,
        accountId: account.accountId,
        mode: 'test',
        occurredAt: at,
        data: {
          object: snapshot(input.object),
          ...(input.aggregateType ? { aggregateType: input.aggregateType } : {}),
          ...(input.aggregateId ? { aggregateId: input.aggregateId } : {}),
          ...input.extras,
        },
        metadata: { mode: 'test', ...input.metadata },
        createdAt: at,
        publishedAt: at,
      });
      webhooks.fanOut(account, event);
      return event;
    },
    requeueDelivery: (account, deliveryId) => webhooks.requeue(account, deliveryId),
    redeliverEvent: (account, event, redeliver) => webhooks.redeliver(account, event, redeliver),
    defaultAccountId,
    keyId: keys[0]!.keyId,
    pageAssets: options.pageAssets,
    trigger: (account, type, origin) => triggerEvent(world, router, account, type, origin),
    deliveryExchange: (deliveryId) => webhooks.exchange(deliveryId),
    webhookSecret: options.webhookSecret,
  };

  const dispatcher = new Dispatcher({
    world,
    router,
    verifier: new RequestVerifier(keys, options.apiKeys ?? [], nowMs, options.hmacVerifier, options.unknownKeyHint),
    faults,
    idempotency,
    defaultAccountId,
    log,
  });

  /** Finds an object by id in any workspace: test helpers are not scoped to one. */
  function locate<T>(pick: (account: AccountState) => T | undefined, what: string, id: string): { account: AccountState; value: T } {
    for (const account of accounts.all()) {
      const value = pick(account);
      if (value !== undefined) return { account, value };
    }
    throw new Error(`emulator: ${notFound(what, id).error.message}`);
  }

  function helperEmit(account: AccountState): Emit {
    return eventEmitter(world, account, { source: 'emulator' });
  }

  function applySeed(seed: EmulatorSeed | undefined): void {
    if (!seed) return;
    const account = accounts.get(defaultAccountId);
    const create = (path: string, item: SeedItem) => {
      const lookup = router.lookup('POST', path);
      if (lookup.kind !== 'found') throw new Error(`emulator: no seed route ${path}`);
      const url = new URL(`${options.origin ?? 'https://plugipay.com'}${path}`);
      const ctx: RouteContext = {
        world,
        account,
        emit: () => undefined, // seeded objects exist before time starts: no events
        request: new Request(url),
        url,
        params: lookup.params,
        query: url.searchParams,
        body: item,
        requestId: 'req_seed',
        idempotencyKey: null,
        origin: url.origin,
        ...(item.id !== undefined ? { presetId: item.id } : {}),
      };
      try {
        return lookup.route.handler(ctx);
      } catch (error) {
        const failure = (error as { error?: { message?: string } }).error;
        throw new Error(`emulator seed ${path}: ${failure?.message ?? String(error)}`);
      }
    };
    for (const item of seed.customers ?? []) create('/api/v1/customers', item);
    for (const item of seed.plans ?? []) create('/api/v1/plans', item);
    for (const item of seed.checkoutSessions ?? []) create('/api/v1/checkout-sessions', item);
    for (const item of seed.webhookEndpoints ?? []) {
      const reply = create('/api/v1/webhooks', item);
      if (item.secret !== undefined && reply.kind === 'data') {
        account.webhookSecrets.set((reply.data as { id: string }).id, item.secret);
      }
    }
  }

  function initialize(): void {
    if (options.state === undefined) return applySeed(options.seed);
    try {
      loadAccounts(accounts, options.state);
    } catch (error) {
      accounts.clear();
      throw new Error(`emulator state: ${(error as Error).message}`);
    }
  }
  initialize();

  const emulator: Emulator = {
    credentials: keys[0]!,
    accountId: defaultAccountId,
    fetch(input, init) {
      // A Request without init is used as is: no copy, and its signal stays the caller's.
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      return withRetryHint(dispatcher.handle(request), retryAfterMs);
    },
    handle: (request, info) => withRetryHint(dispatcher.handle(request, info?.rawTarget, info?.signal), retryAfterMs),
    inject: (spec) => faults.add(spec),
    completeCheckout(sessionId, { method = 'qris', adapter } = {}) {
      const { account, value } = locate((a) => a.checkoutSessions.get(sessionId), 'checkout session', sessionId);
      return snapshot(
        completeSession({ world, account, emit: helperEmit(account) }, value, {
          method,
          adapter: adapter ?? ADAPTER_FOR_METHOD[method] ?? 'manual',
        }),
      );
    },
    expireCheckout(sessionId) {
      const { account, value } = locate((a) => a.checkoutSessions.get(sessionId), 'checkout session', sessionId);
      return snapshot(expireSession({ world, account, emit: helperEmit(account) }, value));
    },
    settleRefund(refundId, outcome, failure = {}) {
      const { account, value } = locate((a) => a.refunds.get(refundId), 'refund', refundId);
      return snapshot(settleRefund({ world, account, emit: helperEmit(account) }, value, outcome, failure));
    },
    async trigger(type, { accountId } = {}) {
      const account = accounts.get(accountId ?? defaultAccountId);
      let result;
      try {
        result = triggerEvent(world, router, account, type, options.origin ?? 'https://plugipay.com');
      } catch (error) {
        throw new Error(`emulator: ${(error as Error).message}`);
      }
      await webhooks.flush();
      return snapshot({
        event: result.event,
        events: result.events,
        deliveries: account.deliveries.find('eventId', result.event.id),
      });
    },
    markInvoicePastDue(invoiceId) {
      const { account, value } = locate((a) => a.invoices.get(invoiceId), 'invoice', invoiceId);
      return snapshot(markInvoicePastDue({ world, account, emit: helperEmit(account) }, value));
    },
    events: ({ type, accountId } = {}) =>
      snapshot(
        accounts
          .all()
          .filter((a) => accountId === undefined || a.accountId === accountId)
          .flatMap((a) => a.events.values())
          .filter((e) => type === undefined || e.type === type),
      ),
    deliveries: ({ endpointId, accountId } = {}) =>
      snapshot(
        accounts
          .all()
          .filter((a) => accountId === undefined || a.accountId === accountId)
          .flatMap((a) => a.deliveries.values())
          .filter((d) => endpointId === undefined || d.endpointId === endpointId),
      ),
    webhookSecret(endpointId) {
      for (const account of accounts.all()) {
        const secret = account.webhookSecrets.get(endpointId);
        if (secret !== undefined) return secret;
      }
      return undefined;
    },
    async redeliverEvent(eventId, { copies = 1, endpointId } = {}) {
      if (!Number.isSafeInteger(copies) || copies < 1 || copies > 10) throw new Error('emulator: copies must be an integer from 1 to 10');
      const { account, value } = locate((a) => a.events.get(eventId), 'event', eventId);
      const deliveries = webhooks.redeliver(account, value, { copies, ...(endpointId !== undefined ? { endpointId } : {}) });
      await webhooks.flush();
      return snapshot(deliveries.map((d) => account.deliveries.get(d.id) ?? d));
    },
    flushWebhooks: () => webhooks.flush(),
    saveState: () => snapshot(saveAccounts(accounts)),
    get requests() {
      return log.toArray();
    },
    reset() {
      accounts.clear();
      faults.clear();
      idempotency.clear();
      log.clear();
      webhooks.clearExchanges();
      initialize();
    },
  };
  return emulator;
}
