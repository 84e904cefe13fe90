/**
 * `PlugipayClient`: options, credentials, the per-call pipeline (options → transport → typed
 * result) and the resource namespaces. Runtime-blind: fetch and Web Crypto only.
 */
import * as v from 'valibot';
import { adapterRoutes } from '../resources/adapters';
import { adminRoutes } from '../resources/admin';
import { checkoutSessionRoutes } from '../resources/checkout-sessions';
import { checkoutSettingsRoutes } from '../resources/checkout-settings';
import { customerRoutes } from '../resources/customers';
import { dashboardRoutes } from '../resources/dashboard';
import { eventRoutes } from '../resources/events';
import { giftCardRoutes } from '../resources/gift-cards';
import { invoiceRoutes } from '../resources/invoices';
import { ledgerRoutes } from '../resources/ledger';
import { payoutRoutes } from '../resources/payouts';
import { planRoutes } from '../resources/plans';
import { portalSessionRoutes } from '../resources/portal-sessions';
import { receiptRoutes } from '../resources/receipts';
import { refundRoutes } from '../resources/refunds';
import { reportRoutes } from '../resources/reports';
import { subscriptionRoutes } from '../resources/subscriptions';
import { templateRoutes } from '../resources/templates';
import { testClockRoutes } from '../resources/test-clocks';
import { uploadRoutes } from '../resources/uploads';
import { webhookEndpointRoutes } from '../resources/webhook-endpoints';
import { bindRoutes, type BoundRoutes, type Call, type Requester, type RequestOptions } from '../resources/route';
import { APIPromise, type APIResponse } from './api-promise';
import { importHmacKey } from './crypto';
import { readPageMeta, type ResponseKind } from './envelope';
import { assertNoSecretInBrowser } from './browser-guard';
import { PlugipayError } from './errors';
import { PagePromise, type Page } from './pagination';
import { retrying } from './retry';
import { createTransport, DEFAULT_TIMEOUT_MS, newIdempotencyKey, type Auth, type Exchange, type FetchLike, type FetchOptions, type Transport } from './transport';
import { DEFAULT_BASE_URL, isBaseUrl, normalizeBaseUrl, type Query } from './url';
import { validateInput } from './validation';

export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS };

export interface ClientOptions {
  /** HMAC key id (`pk_…`/`ak_…`), with `secret`. */
  keyId?: string;
  /** HMAC secret; used once to import a Web Crypto key, never sent, logged or kept in errors. */
  secret?: string;
  /** A dashboard API key sent as `Authorization: Bearer …`, instead of keyId + secret. */
  apiKey?: string;
  /** Default `https://plugipay.com`; trailing slashes are stripped. */
  baseUrl?: string;
  /** Act inside another workspace (platform keys): sends `X-Plugipay-On-Behalf-Of`. */
  onBehalfOf?: string;
  /** Bounds each attempt, reading the body included. Default 30000. */
  timeoutMs?: number;
  /** Retries of transient failures (timeouts, network, 5xx, 429). Default 0: the seed's contract. */
  maxRetries?: number;
  /** A custom fetch, e.g. the local emulator's `emulator.fetch`. Default: the global fetch. */
  fetch?: FetchLike;
  /** Extra `RequestInit` fields for every request, e.g. Next.js `{ next: { revalidate: 60 } }`. */
  fetchOptions?: FetchOptions;
  /** The clock for signature timestamps, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Allow a secret in a browser page, where every visitor can read it. Default false: `browser_secret` is thrown. */
  dangerouslyAllowBrowser?: boolean;
}

export interface RawRequestOptions extends RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path on the API host starting with `/`, e.g. `/api/v1/events/types`; already encoded. */
  path: string;
  query?: Query;
  /** A JSON value, or `FormData` for a multipart upload. */
  body?: unknown;
  /** How a success is read: JSON envelope (default), text, or binary (`ArrayBuffer`). */
  responseKind?: ResponseKind;
}

const positive = (what: string) =>
  v.pipe(v.number(), v.finite(`${what} must be a finite number`), v.gtValue(0, `${what} must be greater than 0`));
const retries = v.pipe(v.number(), v.safeInteger('must be an integer'), v.minValue(0, 'must be 0 or more'));
const nonEmpty = v.pipe(v.string(), v.minLength(1, 'must not be empty'));

const ClientOptionsSchema = v.strictObject({
  keyId: v.optional(nonEmpty),
  secret: v.optional(nonEmpty),
  apiKey: v.optional(nonEmpty),
  baseUrl: v.optional(
    v.pipe(
      v.string(),
      v.check((value: string) => isBaseUrl(value), 'must be an absolute http(s) URL without query or fragment, e.g. "https://plugipay.com"'),
    ),
  ),
  onBehalfOf: v.optional(nonEmpty),
  timeoutMs: v.optional(positive('timeoutMs')),
  maxRetries: v.optional(retries),
  fetch: v.optional(v.function()),
  fetchOptions: v.optional(v.record(v.string(), v.unknown())),
  now: v.optional(v.function()),
  dangerouslyAllowBrowser: v.optional(v.boolean()),
});

const RequestOptionsSchema = v.optional(
  v.strictObject({
    idempotencyKey: v.optional(v.pipe(nonEmpty, v.maxLength(255, 'must be at most 255 characters'))),
    signal: v.optional(v.custom<AbortSignal>((s) => typeof AbortSignal !== 'undefined' && s instanceof AbortSignal, 'must be an AbortSignal')),
    timeoutMs: v.optional(positive('timeoutMs')),
    onBehalfOf: v.optional(nonEmpty),
    maxRetries: v.optional(retries),
    deadlineMs: v.optional(positive('deadlineMs')),
  }),
);

const RawRequestSchema = v.strictObject({
  ...RequestOptionsSchema.wrapped.entries,
  method: v.picklist(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: v.pipe(v.string(), v.regex(/^\/(?!\/)/, 'must be a path starting with "/", e.g. "/api/v1/events/types"')),
  query: v.optional(v.record(v.string(), v.unknown())),
  body: v.optional(v.unknown()),
  responseKind: v.optional(v.picklist(['json', 'text', 'binary'])),
});

/** Auth handed from a client to the clients it scopes with `forMerchant` (one imported key). */
const inheritedAuth = new WeakMap<object, Auth>();

function credentialsOf(options: v.InferOutput<typeof ClientOptionsSchema>): Auth {
  const { keyId, secret, apiKey } = options;
  if (apiKey !== undefined && (keyId !== undefined || secret !== undefined)) {
    throw new PlugipayError({
      code: 'invalid_config',
      message: 'PlugipayClient: pass either keyId and secret (HMAC) or apiKey (Bearer), not both',
    });
  }
  if (apiKey !== undefined) return { kind: 'bearer', apiKey };
  if (keyId === undefined || secret === undefined) {
    throw new PlugipayError({
      code: 'missing_credentials',
      message: 'PlugipayClient: keyId and secret (or apiKey) are required',
    });
  }
  let key: Promise<CryptoKey> | undefined;
  // Imported on first use, once per client and the clients scoped from it.
  return { kind: 'hmac', keyId, key: () => (key ??= importHmacKey(secret)) };
}

function configError(error: unknown): never {
  if (error instanceof PlugipayError && error.code === 'invalid_request') {
    throw new PlugipayError({
      code: 'invalid_config',
      message: `PlugipayClient option ${error.message}`,
      fieldErrors: error.fieldErrors,
    });
  }
  throw error;
}

export class PlugipayClient {
  readonly baseUrl: string;
  readonly onBehalfOf: string | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;

  readonly customers: BoundRoutes<typeof customerRoutes>;
  readonly plans: BoundRoutes<typeof planRoutes>;
  readonly checkoutSessions: BoundRoutes<typeof checkoutSessionRoutes>;
  readonly invoices: BoundRoutes<typeof invoiceRoutes>;
  readonly subscriptions: BoundRoutes<typeof subscriptionRoutes>;
  readonly portalSessions: BoundRoutes<typeof portalSessionRoutes>;
  readonly receipts: BoundRoutes<typeof receiptRoutes>;
  readonly refunds: BoundRoutes<typeof refundRoutes>;
  readonly payouts: BoundRoutes<typeof payoutRoutes>;
  readonly ledger: BoundRoutes<typeof ledgerRoutes>;
  readonly reports: BoundRoutes<typeof reportRoutes>;
  readonly webhookEndpoints: BoundRoutes<typeof webhookEndpointRoutes>;
  readonly events: BoundRoutes<typeof eventRoutes>;
  readonly adapters: BoundRoutes<typeof adapterRoutes>;
  readonly giftCards: BoundRoutes<typeof giftCardRoutes>;
  readonly templates: BoundRoutes<typeof templateRoutes>;
  readonly checkoutSettings: BoundRoutes<typeof checkoutSettingsRoutes>;
  readonly uploads: BoundRoutes<typeof uploadRoutes>;
  readonly dashboard: BoundRoutes<typeof dashboardRoutes>;
  readonly testClocks: BoundRoutes<typeof testClockRoutes>;
  readonly admin: BoundRoutes<typeof adminRoutes>;

  readonly #options: ClientOptions;
  readonly #auth: Auth;
  readonly #transport: Transport;

  constructor(options: ClientOptions) {
    assertNoSecretInBrowser(options);
    let parsed: v.InferOutput<typeof ClientOptionsSchema>;
    try {
      parsed = validateInput(ClientOptionsSchema, options ?? {});
    } catch (error) {
      configError(error);
    }
    this.#auth = inheritedAuth.get(options) ?? credentialsOf(parsed);
    // The secret is not kept: scoped clients inherit the imported key instead.
    this.#options = { ...options, secret: undefined };
    this.baseUrl = normalizeBaseUrl(parsed.baseUrl ?? DEFAULT_BASE_URL);
    this.onBehalfOf = parsed.onBehalfOf;
    this.timeoutMs = parsed.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = parsed.maxRetries ?? 0;
    this.#transport = createTransport({
      baseUrl: this.baseUrl,
      auth: this.#auth,
      fetch: parsed.fetch as FetchLike | undefined,
      fetchOptions: parsed.fetchOptions as FetchOptions | undefined,
      timeoutMs: this.timeoutMs,
      now: (parsed.now as (() => number) | undefined) ?? Date.now,
      onBehalfOf: this.onBehalfOf,
      idempotency: true,
    });
    const requester: Requester = { call: (c) => this.#call(c), list: (c) => this.#list(c) };
    this.customers = bindRoutes(requester, customerRoutes, this);
    this.plans = bindRoutes(requester, planRoutes, this);
    this.checkoutSessions = bindRoutes(requester, checkoutSessionRoutes, this);
    this.invoices = bindRoutes(requester, invoiceRoutes, this);
    this.subscriptions = bindRoutes(requester, subscriptionRoutes, this);
    this.portalSessions = bindRoutes(requester, portalSessionRoutes, this);
    this.receipts = bindRoutes(requester, receiptRoutes, this);
    this.refunds = bindRoutes(requester, refundRoutes, this);
    this.payouts = bindRoutes(requester, payoutRoutes, this);
    this.ledger = bindRoutes(requester, ledgerRoutes, this);
    this.reports = bindRoutes(requester, reportRoutes, this);
    this.webhookEndpoints = bindRoutes(requester, webhookEndpointRoutes, this);
    this.events = bindRoutes(requester, eventRoutes, this);
    this.adapters = bindRoutes(requester, adapterRoutes, this);
    this.giftCards = bindRoutes(requester, giftCardRoutes, this);
    this.templates = bindRoutes(requester, templateRoutes, this);
    this.checkoutSettings = bindRoutes(requester, checkoutSettingsRoutes, this);
    this.uploads = bindRoutes(requester, uploadRoutes, this);
    this.dashboard = bindRoutes(requester, dashboardRoutes, this);
    this.testClocks = bindRoutes(requester, testClockRoutes, this);
    this.admin = bindRoutes(requester, adminRoutes, this);
  }

  /** A client acting inside another workspace (`X-Plugipay-On-Behalf-Of: accountId`), sharing this one's key. */
  forMerchant(accountId: string): PlugipayClient {
    const options = { ...this.#options, onBehalfOf: accountId };
    inheritedAuth.set(options, this.#auth);
    return new PlugipayClient(options);
  }

  /**
   * The low-level escape hatch for routes outside the typed surface: signed, idempotent and
   * decoded like every other call, returning the unwrapped `data`.
   */
  request<T = unknown>(options: RawRequestOptions): APIPromise<T> {
    return new APIPromise(
      (async () => {
        const { method, path, query, body, responseKind, ...rest } = validateInput(RawRequestSchema, options);
        return this.#exchange<T>({ method, path, query: query as Query | undefined, body, responseKind: responseKind ?? 'json', options: rest });
      })(),
    );
  }

  #call<T>(prepare: () => Call): APIPromise<T> {
    return new APIPromise((async () => this.#exchange<T>(prepare()))());
  }

  #list<T>(prepare: () => Call): PagePromise<T> {
    let call: Call | undefined;
    const fetchPage = async (cursor?: string): Promise<APIResponse<Page<T>>> => {
      call ??= prepare();
      const exchange = await this.#send({ ...call, query: cursor ? { ...call.query, cursor } : call.query });
      if (exchange.data != null && !Array.isArray(exchange.data)) {
        throw new PlugipayError({
          status: exchange.response.status,
          code: 'invalid_response',
          message: `Plugipay answered a list route with data that is not an array (${typeof exchange.data})`,
          requestId: exchange.requestId,
        });
      }
      const { hasMore, nextCursor } = readPageMeta(exchange.meta);
      const data = (exchange.data ?? []) as T[];
      return { ...this.#respond(exchange, { data, hasMore, nextCursor, requestId: exchange.requestId }) };
    };
    return new PagePromise(fetchPage(), fetchPage);
  }

  async #exchange<T>(call: Call): Promise<APIResponse<T>> {
    const exchange = await this.#send(call);
    return this.#respond(exchange, (call.discardsData ? undefined : exchange.data) as T);
  }

  #respond<T>(exchange: Exchange, data: T): APIResponse<T> {
    return { data, requestId: exchange.requestId, idempotencyKey: exchange.idempotencyKey, response: exchange.response };
  }

  async #send(call: Call): Promise<Exchange> {
    const options = validateInput(RequestOptionsSchema, call.options) ?? {};
    const spec = {
      method: call.method,
      path: call.path,
      query: call.query,
      body: call.body,
      responseKind: call.responseKind,
      // Minted once per logical call: every retry carries the same key.
      idempotencyKey: options.idempotencyKey ?? (call.method === 'GET' ? undefined : newIdempotencyKey()),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      onBehalfOf: options.onBehalfOf,
    };
    // Each attempt is signed anew by the transport, with a fresh timestamp.
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const deadlineAt = options.deadlineMs === undefined ? Infinity : Date.now() + options.deadlineMs;
    // An attempt gets its own timeout, cut to what is left of the call's deadline.
    const attempt = () => this.#transport.send({ ...spec, timeoutMs: Math.max(1, Math.min(timeoutMs, deadlineAt - Date.now())) });
    return retrying(attempt, {
      maxRetries: options.maxRetries ?? this.maxRetries,
      signal: options.signal,
      deadlineMs: options.deadlineMs,
    });
  }
}
