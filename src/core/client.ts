/**
 * The core of `PlugipayClient`: options and credentials (`./options.ts`), the per-call pipeline
 * (`./pipeline.ts`) and the transport, plus `request()` and `forMerchant()`. It knows no resource
 * namespace: `src/resources/registry.ts` binds them onto the client users construct, so the core
 * never imports `resources/*`. Runtime-blind: fetch and Web Crypto only.
 */
import { APIPromise, type APIResponse } from './api-promise';
import { assertNoSecretInBrowser } from './browser-guard';
import { readPageMeta, type ResponseKind } from './envelope';
import { PlugipayError } from './errors';
import {
  checkClientOptions,
  checkedClock,
  checkRequestOptions,
  credentialsOf,
  inheritAuth,
  clientSchema,
  rawRequestSchema,
  resolveClientOptions,
  type ClientOptions,
} from './options';
import { PagePromise, type Page } from './pagination';
import { retrying } from './retry';
import { createPipeline, type Call, type Pipeline, type RequestOptions } from './pipeline';
import type { Authorizer } from './auth';
import { hostRefusal } from './host-refusal';
import { signedRedirectTarget } from './redirects';
import { createTransport, type Exchange } from './transport';
import type { Query } from './url';
import { assertSendable } from './request-checks';
import { invalidRequest, readingInput, validateInput } from './validation';

/** Options of `client.request()`: a route outside the typed surface. */
export interface RawRequestOptions extends RequestOptions {
  /** The HTTP method; every method but `GET` carries an `Idempotency-Key`. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path on the API host starting with `/`, e.g. `/api/v1/events/types`; already encoded. */
  path: string;
  /** Query parameters, sent in the given key order and signed as sent. */
  query?: Query;
  /** A JSON value, or `FormData` for a multipart upload. */
  body?: unknown;
  /** How a success is read: JSON envelope (default), text, or binary (`ArrayBuffer`). */
  responseKind?: ResponseKind;
}

/**
 * The client as routes see it. A route passes a function that prepares its call, so that a
 * validation failure becomes the returned promise's rejection rather than a synchronous throw.
 */
export interface Requester {
  /** One call resolving to its `data`. */
  call<T>(prepare: () => Call): APIPromise<T>;
  /** A list call resolving to its first page, iterable over every item. */
  list<T>(prepare: () => Call): PagePromise<T>;
}

/** Resolves a call's decoded exchange to what a method returns. */
function respond<T>(exchange: Exchange, data: T): APIResponse<T> {
  return { data, requestId: exchange.requestId, idempotencyKey: exchange.idempotencyKey, response: exchange.response };
}

/** Reads a client's private requester; set by `CoreClient`'s static block. */
let readRequester: (client: CoreClient) => Requester;

/** The requester of `client` (how its namespaces reach its pipeline), for the registry that binds them. */
export function requesterOf(client: CoreClient): Requester {
  return readRequester(client);
}

/**
 * Options, credentials, the pipeline and the low-level `request()`; the namespaces are added by
 * `PlugipayClient` (`src/resources/registry.ts`).
 */
export class CoreClient {
  /** The API origin every path is appended to, without a trailing slash. */
  readonly baseUrl: string;
  /** The workspace this client acts inside (platform keys), if any. */
  readonly onBehalfOf: string | undefined;
  /** Each attempt's bound in ms. */
  readonly timeoutMs: number;
  /** Retries of transient failures per call. */
  readonly maxRetries: number;

  readonly #options: ClientOptions;
  readonly #auth: Authorizer;
  readonly #send: Pipeline;
  // Private, not a WeakMap entry: a Worker may build a client per request, and a WeakMap entry
  // per client costs the garbage collector more than the client itself.
  readonly #requester: Requester;

  static {
    readRequester = (client) => client.#requester;
  }

  constructor(options: ClientOptions) {
    const parsed = checkClientOptions('PlugipayClient', clientSchema(), options, assertNoSecretInBrowser);
    this.#auth = credentialsOf(options, parsed);
    // The secret is not kept: scoped clients inherit the imported key instead.
    this.#options = { ...options, secret: undefined };
    const resolved = resolveClientOptions(parsed as never);
    // Checked here, not in resolveClientOptions: the public checkout client takes no clock.
    if (parsed.now) resolved.now = checkedClock(parsed.now as () => number);
    // Read once, so that a clock that is wrong from the start fails construction.
    resolved.now();
    this.baseUrl = resolved.baseUrl;
    this.onBehalfOf = resolved.onBehalfOf;
    this.timeoutMs = resolved.timeoutMs;
    this.maxRetries = resolved.maxRetries;
    const transport = createTransport({
      baseUrl: resolved.baseUrl,
      auth: this.#auth,
      fetch: resolved.fetch,
      fetchOptions: resolved.fetchOptions,
      now: resolved.now,
      onBehalfOf: resolved.onBehalfOf,
      hooks: resolved.hooks,
      maxResponseBytes: resolved.maxResponseBytes,
      hostRefusal,
      signedRedirectTarget,
    });
    this.#send = createPipeline({
      transport,
      timeoutMs: resolved.timeoutMs,
      maxRetries: resolved.maxRetries,
      now: resolved.now,
      idempotency: true,
      retry: retrying,
      checkOptions: checkRequestOptions,
    });
    this.#requester = { call: (c) => this.#call(c), list: (c) => this.#list(c) };
  }

  /** A client acting inside another workspace (`X-Plugipay-On-Behalf-Of: accountId`), sharing this one's key. */
  forMerchant(accountId: string): this {
    const options = { ...this.#options, onBehalfOf: accountId };
    inheritAuth(options, this.#auth);
    return new (this.constructor as new (options: ClientOptions) => this)(options);
  }

  /**
   * The low-level escape hatch for routes outside the typed surface: signed, idempotent and
   * decoded like every other call, returning the unwrapped `data`.
   *
   * @example
   * ```ts
   * const types = await client.request<string[]>({ method: 'GET', path: '/api/v1/events/types' });
   * ```
   */
  request<T = unknown>(options: RawRequestOptions): APIPromise<T> {
    return this.#call<T>(() =>
      readingInput(() => {
        const { method, path, query, body, responseKind, ...rest } = validateInput(rawRequestSchema(), options);
        if (method === 'GET' && body !== undefined) {
          invalidRequest('body: a GET request has no body; send the values as query', [
            { field: 'body', message: 'must be left out on GET' },
          ]);
        }
        assertSendable({ query, body }, { query: 'query', body: 'body' });
        return { method, path, query: query as Query | undefined, body, responseKind: responseKind ?? 'json', options: rest };
      }),
    );
  }

  #call<T>(prepare: () => Call): APIPromise<T> {
    // Preparing and sending may throw at once (a bad input, bad options): that becomes the
    // returned promise's rejection, never a synchronous throw.
    let result: Promise<APIResponse<T>>;
    try {
      const call = prepare();
      result = this.#send(call).then((exchange) => respond(exchange, (call.discardsData ? undefined : exchange.data) as T));
    } catch (error) {
      result = Promise.reject(error);
    }
    return new APIPromise(result);
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
      return respond(exchange, { data, hasMore, nextCursor, requestId: exchange.requestId });
    };
    return new PagePromise(fetchPage(), fetchPage);
  }
}
