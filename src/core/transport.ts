/**
 * The one module that calls the network, through one ofetch instance per client (`createFetch`, over the
 * platform's `fetch`, or the one passed in). One call of `attempt` is one HTTP exchange: the URL
 * built once, signed in ofetch's `onRequest` over the final href and body, bounded (headers and
 * body) by the SDK's own AbortSignal, decoded by the strict envelope decoder, and reported to the
 * user's hooks. Retries, the idempotency key and defaults belong to the pipeline
 * (`./pipeline.ts`); this module knows no resource names.
 *
 * ofetch is used with `retry: 0`, no `timeout`, `ignoreResponseError: true` and
 * `responseType: 'stream'`: in 1.5.x its timeout is cleared once headers arrive and its retry
 * reuses an aborted signal, so the SDK keeps both jobs; with `'stream'` ofetch reads nothing and
 * the body is read in exactly one place here (`readBody`), where a byte cap can count it.
 *
 * Seams (one place each): `fetchOptionsFor` builds every fetch option, `readBody` reads every
 * body, `requestFailure` maps every thrown error.
 */
import { createFetch, type $Fetch, type FetchContext } from 'ofetch';
import type { Authorizer } from './auth';
import { DEFAULT_MAX_RESPONSE_BYTES, readBoundedBody } from './bounded-body';
import { decodeResponse, headerRequestId, type Decoded, type ResponseKind } from './envelope';
import { abortedError, hookFailed, networkError, PlugipayError, timeoutError, type PlugipayErrorInit } from './errors';
import { redactedHeaders, type ClientHooks, type RequestInfo } from './hooks';
import type { hostRefusal } from './host-refusal';
import { REDIRECT_MODE, redirectRefusal, type signedRedirectTarget } from './redirects';
import { buildUrl, type Query } from './url';

/** The signature of the global `fetch`; any function of it (the emulator's `fetch`, a mock) can be passed as the client's `fetch`. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Extra `RequestInit` fields passed to every fetch, e.g. Next.js `next: { revalidate: 60 }`.
 * `redirect` is always `'manual'`: a redirect is refused (`unexpected_redirect`), never followed.
 */
export type FetchOptions = Omit<RequestInit, 'method' | 'body' | 'signal' | 'redirect'> & Record<string, unknown>;

/** What a transport is built from: everything that is the same for every call of one client. */
export interface TransportConfig {
  baseUrl: string;
  /** Sets each attempt's auth headers; none for the public routes. */
  auth?: Authorizer;
  fetch?: FetchLike;
  fetchOptions?: FetchOptions;
  /** The client's one clock: signature timestamps, durations and deadlines. */
  now: () => number;
  onBehalfOf?: string;
  hooks?: ClientHooks;
  /** The most bytes of a response body read; default 32 MiB. */
  maxResponseBytes?: number;
  /**
   * Server-side rules, passed by the server client only so that the browser entry does not carry
   * them: host refusals (Deno's `--allow-net`) as `permission_denied`, and the signed download
   * link a route may answer with (`invoices.pdf`).
   */
  hostRefusal?: typeof hostRefusal;
  signedRedirectTarget?: typeof signedRedirectTarget;
}

/** One attempt of one call, as the pipeline prepared it. */
export interface AttemptSpec {
  method: string;
  /** Path with its parameters already encoded, starting with `/`. */
  path: string;
  query?: Query;
  /** A JSON value, or `FormData` for a multipart upload (signed as an empty body). */
  body?: unknown;
  /** Minted by the pipeline once per logical call; `null` sends none. */
  idempotencyKey: string | null;
  signal?: AbortSignal;
  /** This attempt's bound, reading the body included. */
  timeoutMs: number;
  onBehalfOf?: string;
  responseKind: ResponseKind;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** This call's cap on the response body, over the client's. */
  maxResponseBytes?: number;
  /** The route answers with a redirect to a signed download URL, fetched once without credentials. */
  followsSignedRedirect?: boolean;
}

/** A decoded success with the raw response it came from. */
export interface Exchange extends Decoded {
  response: Response;
  idempotencyKey: string | null;
}

function encodeBody(body: unknown): string | FormData | undefined {
  if (body === undefined) return undefined;
  if (typeof FormData !== 'undefined' && body instanceof FormData) return body;
  return JSON.stringify(body);
}

/** The message of the failure that fetch wrapped, e.g. `fetch failed: connect ECONNREFUSED …`. */
function transportMessage(error: unknown): string {
  const top = error instanceof Error ? error.message : String(error);
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return inner && inner !== top ? `${top}: ${inner}` : top || 'network error';
}

/** The caller's `fetchOptions.headers` (any `HeadersInit`) as a record of lowercase names, read once. */
function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (init) new Headers(init).forEach((value, name) => (record[name] = value));
  return record;
}

/** Statuses whose response has no body by definition. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** ofetch options a caller's `fetchOptions` must not set: they would re-route, re-encode, retry or re-read what the SDK signs and reads. */
const OFETCH_ONLY = new Set([
  'baseURL',
  'query',
  'params',
  'timeout',
  'retry',
  'retryDelay',
  'retryStatusCodes',
  'parseResponse',
  'responseType',
  'ignoreResponseError',
  'onRequest',
  'onRequestError',
  'onResponse',
  'onResponseError',
]);

/** Per-attempt state shared by the interceptor, the reader and the error mapping. */
interface AttemptState {
  spec: AttemptSpec;
  /** The URL this attempt sends to, once built. */
  url?: URL;
  info?: RequestInfo;
  signedAt: number;
  startedAt: number;
  timedOut: boolean;
  /** The attempt's own signal (its timeout, the caller's abort), which bounds every hook too. */
  signal?: AbortSignal;
  /** A hook threw or outlived the attempt: the call fails with that, and no error hook is called for it. */
  hookFailure?: true;
}

type Failure = Omit<PlugipayErrorInit, 'code' | 'message'>;

/**
 * True once `pending` (a hook's promise) settles, false if `signal` (the attempt's) aborts first:
 * a hook is waited for within the attempt's bound, never past it. A hook cut off goes on
 * unawaited; its later rejection is caught here, since nothing is left to fail.
 */
function settledWithin(pending: unknown, signal: AbortSignal): Promise<boolean> {
  const settled = Promise.resolve(pending).then(() => true);
  settled.catch(() => undefined);
  // No removal needed: the signal is the attempt's own, and goes with it.
  const cut = new Promise<false>((resolve) => (signal.aborted ? resolve(false) : signal.addEventListener('abort', () => resolve(false))));
  return Promise.race([settled, cut]);
}

/**
 * Reads the whole body of a response, once, under the attempt's signal (so the timeout bounds it)
 * and within `maxBytes` (`response_too_large` past it). The one place a body is read.
 */
export function readBody(
  response: Response,
  kind: ResponseKind,
  maxBytes: number,
  extra: Omit<PlugipayErrorInit, 'code' | 'message'>,
): Promise<string | ArrayBuffer> | undefined {
  if (NULL_BODY.has(response.status)) return undefined;
  return readBoundedBody(response, maxBytes, kind === 'binary' ? 'binary' : 'text', extra);
}

/** The transport of one client: `attempt` makes one signed exchange. */
export function createTransport(config: TransportConfig) {
  const { auth, hooks } = config;
  // Looked up per call (a fetch patched after construction is used) and called as a plain
  // function: browsers and workerd reject a fetch invoked as a method of another object. ofetch
  // calls the fetch it is given as a plain function too (`fetch(request, options)`).
  const callFetch: FetchLike = (input, init) => (config.fetch ?? globalThis.fetch)(input, init);
  // Built at the first request, not with the client: a Worker may build a client per request.
  let $fetch: $Fetch | undefined;
  let extraOptions: Record<string, unknown> | undefined;
  const extraHeaders = config.fetchOptions?.headers as HeadersInit | undefined;
  let callerHeaders: Record<string, string> | undefined;

  /** Signs what ofetch will send: the final href and body of this attempt (WIRE 1), then reports it. */
  async function sign(context: FetchContext, state: AttemptState): Promise<void> {
    const headers = context.options.headers as Headers;
    const method = context.options.method ?? 'GET';
    const url = String(context.request);
    // What ofetch sends is the href it was given (no baseURL, no query): the URL built once is
    // signed as it is, and anything else is parsed anew, so the signature always covers what is sent.
    const target = state.url?.href === url ? state.url : new URL(url);
    await auth?.authorize(
      { method, url: target, body: context.options.body, idempotencyKey: state.spec.idempotencyKey, signedAt: state.signedAt },
      headers,
    );
    if (hooks) {
      state.info = Object.freeze({
        method,
        url,
        attempt: state.spec.attempt,
        idempotencyKey: state.spec.idempotencyKey,
        headers: redactedHeaders(headers),
      });
      await runHook('onRequest', state.info, state, { idempotencyKey: state.spec.idempotencyKey ?? undefined });
    }
  }

  /**
   * Calls a hook and waits for it within the attempt's bound. A hook that throws or rejects is
   * `hook_failed`, keeping `failure` (what is known of the exchange). A request or response hook
   * still running when the bound fires fails the attempt with `timeout` or `aborted`; an error
   * hook (whose `failure` is the error it was told about) is left running, and that error stands.
   */
  async function runHook<N extends keyof ClientHooks>(
    name: N,
    info: Parameters<NonNullable<ClientHooks[N]>>[0],
    state: AttemptState,
    failure: Failure | PlugipayError,
  ): Promise<void> {
    const hook = hooks?.[name] as ((info: unknown) => unknown) | undefined;
    let settled = true;
    try {
      if (hook) settled = await settledWithin(hook(info), state.signal!);
    } catch (error) {
      state.hookFailure = true;
      throw hookFailed(name, error, failure);
    }
    if (settled || failure instanceof PlugipayError) return;
    state.hookFailure = true;
    const during = ` in the ${name} hook`;
    throw state.timedOut ? timeoutError(state.spec.timeoutMs, failure, during) : abortedError(state.spec.signal?.reason, failure, during);
  }

  /**
   * The options of one fetch: the caller's `fetchOptions` (minus ofetch's own), the SDK's
   * headers over theirs, and the SDK's fixed choices. The one place fetch options are built.
   */
  function fetchOptionsFor(spec: AttemptSpec, signal: AbortSignal, state: AttemptState) {
    const payload = encodeBody(spec.body);
    // A plain record, not a `Headers`: ofetch builds the one `Headers` of the attempt from it
    // (a `Headers` given to it would be copied entry by entry, sorted, into a second one).
    // The caller's names were lowercased once, so the SDK's own headers replace theirs.
    const headers: Record<string, string> = { ...(callerHeaders ??= headerRecord(extraHeaders)), accept: 'application/json' };
    if (typeof payload === 'string') headers['content-type'] = 'application/json';
    if (spec.idempotencyKey) headers['idempotency-key'] = spec.idempotencyKey;
    const onBehalfOf = spec.onBehalfOf ?? config.onBehalfOf;
    if (onBehalfOf) headers['x-plugipay-on-behalf-of'] = onBehalfOf;
    if (!extraOptions) {
      extraOptions = {};
      for (const [name, value] of Object.entries(config.fetchOptions ?? {})) {
        if (name !== 'headers' && !OFETCH_ONLY.has(name)) extraOptions[name] = value;
      }
    }
    return {
      ...extraOptions,
      method: spec.method,
      headers,
      body: payload,
      signal,
      // Never followed: a 3xx comes back as it is, and `redirectRefusal` turns it into an error.
      redirect: REDIRECT_MODE,
      retry: 0 as const,
      ignoreResponseError: true,
      responseType: 'stream' as const,
      onRequest: (context: FetchContext) => sign(context, state),
    };
  }

  /** Maps anything an attempt threw to the one `PlugipayError` it stands for. The one place thrown errors are mapped. */
  function requestFailure(error: unknown, state: AttemptState): PlugipayError {
    if (error instanceof PlugipayError) return auth?.explain ? auth.explain(error, state.signedAt) : error;
    // An ofetch FetchError carries the request options (the Authorization header with them):
    // only what it wraps may become a cause.
    const cause = error instanceof Error && error.name === 'FetchError' ? error.cause : error;
    const failure = { idempotencyKey: state.spec.idempotencyKey ?? undefined };
    if (state.timedOut) return timeoutError(state.spec.timeoutMs, { ...failure, cause });
    if (state.spec.signal?.aborted) return abortedError(state.spec.signal.reason, failure);
    return config.hostRefusal?.(cause, state.url, failure) ?? networkError(transportMessage(cause), { ...failure, cause });
  }

  async function attempt(spec: AttemptSpec): Promise<Exchange> {
    const state: AttemptState = { spec, signedAt: config.now(), startedAt: 0, timedOut: false };
    state.startedAt = state.signedAt;
    const callerSignal = spec.signal;
    if (callerSignal?.aborted) throw abortedError(callerSignal.reason, { idempotencyKey: spec.idempotencyKey ?? undefined });

    const controller = new AbortController();
    state.signal = controller.signal;
    const timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort();
    }, spec.timeoutMs);
    const onCallerAbort = callerSignal && (() => controller.abort());
    if (onCallerAbort) callerSignal.addEventListener('abort', onCallerAbort, { once: true });

    let status: number | undefined;
    let headers: Headers | undefined;
    try {
      const url = (state.url = buildUrl(config.baseUrl, spec.path, spec.query));
      // `ofetch.create(defaults, { fetch })` is `createFetch({ fetch, defaults })` over ofetch's
      // default instance; calling it directly spares that instance (built at ofetch's import).
      $fetch ??= createFetch({ fetch: callFetch as typeof globalThis.fetch });
      let response: Response = await $fetch.raw(url.href, fetchOptionsFor(spec, controller.signal, state) as never);
      const signedTarget = spec.followsSignedRedirect ? config.signedRedirectTarget?.(response, url) : undefined;
      if (signedTarget) {
        // The link is its own credential: nothing of the API request goes with it.
        response = await callFetch(signedTarget.href, { method: 'GET', signal: controller.signal, redirect: REDIRECT_MODE });
      }
      status = response.status;
      headers = response.headers;
      const failure = { idempotencyKey: spec.idempotencyKey ?? undefined };
      const redirect = redirectRefusal(response, url, failure);
      if (redirect) throw redirect;
      // Read under the same signal and timer: the timeout covers the body too.
      const maxBytes = spec.maxResponseBytes ?? config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      const received = headers;
      const body = await readBody(response, spec.responseKind, maxBytes, {
        ...failure,
        status,
        headers,
        // Read only when a refusal is raised: a header lookup per call is not free.
        get requestId() {
          return headerRequestId(received);
        },
      });
      const decoded = decodeResponse({ status, headers, body, idempotencyKey: spec.idempotencyKey ?? undefined }, spec.responseKind);
      if (hooks) {
        // The exchange is complete (a write has happened): a failing or late hook keeps what identifies it.
        const completed = { ...failure, status, requestId: decoded.requestId, headers };
        const info = Object.freeze({ ...state.info!, status, requestId: decoded.requestId, durationMs: config.now() - state.startedAt });
        await runHook('onResponse', info, state, completed);
      }
      return { data: decoded.data, requestId: decoded.requestId, meta: decoded.meta, response, idempotencyKey: spec.idempotencyKey };
    } catch (thrown) {
      if (state.hookFailure && thrown instanceof PlugipayError) throw thrown;
      const error = requestFailure(thrown, state);
      if (hooks && state.info) {
        const durationMs = config.now() - state.startedAt;
        // An error hook that outlives the attempt's bound is left running: the attempt's own error stands.
        if (status === undefined) await runHook('onRequestError', Object.freeze({ ...state.info, error, durationMs }), state, error);
        else
          await runHook(
            'onResponseError',
            Object.freeze({ ...state.info, status, requestId: error.requestId, error, durationMs }),
            state,
            error,
          );
      }
      throw error;
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) callerSignal.removeEventListener('abort', onCallerAbort);
    }
  }

  return { attempt };
}

/** The transport of one client. */
export type Transport = ReturnType<typeof createTransport>;
