/**
 * Client options: the defaults (the one place they live), the valibot schemas both clients
 * validate their options with (built once, at first use), and credentials. A secret is turned
 * into an imported Web Crypto key here (once per secret) and never appears in an error or a hook.
 */
import * as v from 'valibot';
import { bearerAuth, hmacAuth, type Authorizer } from './auth';
import { configError, PlugipayError } from './errors';
import type { ClientHooks } from './hooks';
import type { RequestOptions } from './pipeline';
import type { FetchLike, FetchOptions } from './transport';
import { isPlainObject } from './json-exact';
import { bearerToken, byteCount, durationMs, headerValue, idempotencyKey, isHeadersInit, keyId } from './option-rules';
import { isWellFormed, LONE_SURROGATE_PROBLEM } from './unicode';
import { baseUrlProblem, DEFAULT_BASE_URL, normalizeBaseUrl } from './url';
import { invalidRequest, readingInput, validateInput } from './validation';

export { DEFAULT_BASE_URL };

/** Each attempt's bound, reading the body included, unless the caller sets another. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Retries of transient failures by default: none, the seed's contract. */
export const DEFAULT_MAX_RETRIES = 0;

/** Options of `new PlugipayClient(options)`. */
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
  /** Bounds each attempt, reading the body included. Default 30000; at most 2^31−1. */
  timeoutMs?: number;
  /** The most bytes of a response body read (after decompression). Default 32 MiB: past it, `response_too_large`. */
  maxResponseBytes?: number;
  /** Retries of transient failures (timeouts, network, 5xx, 429). Default 0: the seed's contract. */
  maxRetries?: number;
  /** A custom fetch, e.g. the local emulator's `emulator.fetch`. Default: the global fetch. */
  fetch?: FetchLike;
  /** Extra `RequestInit` fields for every request, e.g. Next.js `{ next: { revalidate: 60 } }`. */
  fetchOptions?: FetchOptions;
  /** The clock for signature timestamps, deadlines and hook durations, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Allow a secret in a browser page, where every visitor can read it. Default false: `browser_secret` is thrown. */
  dangerouslyAllowBrowser?: boolean;
  /** Logging, tracing and metrics: called once per attempt with a redacted, read-only view. */
  hooks?: ClientHooks;
}

/** Options of `new PublicCheckoutClient(options)`. */
export interface PublicCheckoutOptions {
  /** Default `https://plugipay.com`. */
  baseUrl?: string;
  /** Bounds each request, reading the body included. Default 30000. */
  timeoutMs?: number;
  /** A custom fetch, e.g. the local emulator's `emulator.fetch`. Default: the global fetch. */
  fetch?: FetchLike;
  /** Logging, tracing and metrics: called once per request with a read-only view. */
  hooks?: ClientHooks;
}

const retries = () => v.pipe(v.number(), v.safeInteger('must be an integer'), v.minValue(0, 'must be 0 or more'));
const nonEmpty = () => v.pipe(v.string(), v.minLength(1, 'must not be empty'));
const baseUrl = () =>
  v.optional(
    v.pipe(
      v.string(),
      v.check(
        (value: string) => !baseUrlProblem(value),
        (issue) => baseUrlProblem(issue.input)!,
      ),
    ),
  );
const hooks = () => {
  const hook = v.optional(v.function());
  return v.optional(v.strictObject({ onRequest: hook, onResponse: hook, onRequestError: hook, onResponseError: hook }));
};

const signal = () =>
  v.optional(v.custom<AbortSignal>((s) => typeof AbortSignal !== 'undefined' && s instanceof AbortSignal, 'must be an AbortSignal'));

function buildRequestSchema() {
  return v.strictObject({
    idempotencyKey: v.optional(idempotencyKey()),
    signal: signal(),
    timeoutMs: v.optional(durationMs('timeoutMs')),
    onBehalfOf: v.optional(headerValue()),
    maxRetries: v.optional(retries()),
    deadlineMs: v.optional(durationMs('deadlineMs')),
    maxResponseBytes: v.optional(byteCount('maxResponseBytes')),
  });
}

function buildClientSchema() {
  return v.strictObject({
    keyId: v.optional(keyId()),
    // Imported as UTF-8 bytes: a lone surrogate would silently become U+FFFD, another key.
    secret: v.optional(v.pipe(nonEmpty(), v.check(isWellFormed, LONE_SURROGATE_PROBLEM))),
    apiKey: v.optional(bearerToken()),
    baseUrl: baseUrl(),
    onBehalfOf: v.optional(headerValue()),
    timeoutMs: v.optional(durationMs('timeoutMs')),
    maxResponseBytes: v.optional(byteCount('maxResponseBytes')),
    maxRetries: v.optional(retries()),
    fetch: v.optional(v.function()),
    fetchOptions: v.optional(
      v.pipe(
        v.record(v.string(), v.unknown()),
        v.check((o) => o.headers === undefined || isHeadersInit(o.headers), 'headers must be valid header names and values'),
      ),
    ),
    now: v.optional(v.function()),
    dangerouslyAllowBrowser: v.optional(v.boolean()),
    hooks: hooks(),
  });
}

function buildPublicCheckoutSchema() {
  return v.strictObject({
    baseUrl: baseUrl(),
    timeoutMs: v.optional(durationMs('timeoutMs')),
    fetch: v.optional(v.function()),
    hooks: hooks(),
  });
}

function buildRawRequestSchema() {
  return v.strictObject({
    ...requestSchema().entries,
    method: v.picklist(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: v.pipe(
      v.string(),
      v.regex(/^\/(?!\/)/, 'must be a path starting with "/", e.g. "/api/v1/events/types"'),
      v.check(isWellFormed, LONE_SURROGATE_PROBLEM),
      // `URL` drops tabs and newlines, trims a trailing space, reads `\` as `/` and resolves `.`
      // and `..` segments (`%2e` too), which end at `/`, `?`, `#` or the end: the request would go
      // to another path than the one given. With the first three refused, the last is one regex.
      v.check(
        // eslint-disable-next-line no-control-regex -- control characters are what is refused here
        (path: string) => !/[\x00-\x1f\x7f\\]| $|(^|\/)(\.|%2e){1,2}([/?#]|$)/i.test(path),
        'must not hold "." or ".." segments, control characters or "\\", nor end in a space',
      ),
    ),
    query: v.optional(v.record(v.string(), v.unknown())),
    body: v.optional(v.unknown()),
    responseKind: v.optional(v.picklist(['json', 'text', 'binary'])),
  });
}

/** A schema built at first use and kept (not at import: an edge isolate pays import on every cold start). */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** The options of `new PlugipayClient()`. */
export const clientSchema = /* @__PURE__ */ once(buildClientSchema);
/** The options of `new PublicCheckoutClient()`. */
export const publicCheckoutSchema = /* @__PURE__ */ once(buildPublicCheckoutSchema);
/** Per-call options of the public checkout routes: a signal and a timeout. */
export const publicCallSchema = /* @__PURE__ */ once(() =>
  v.strictObject({ signal: signal(), timeoutMs: v.optional(durationMs('timeoutMs')) }),
);
/** Per-call options, the same for every route of the server client. */
export const requestSchema = /* @__PURE__ */ once(buildRequestSchema);
/** The options of `client.request()`. */
export const rawRequestSchema = /* @__PURE__ */ once(buildRawRequestSchema);

/** Validates a client's options with `schema`; a failure is `invalid_config` naming the option. */
export function checkClientOptions<S extends v.GenericSchema>(
  who: string,
  schema: S,
  options: unknown,
  /** Runs first, on the same terms (e.g. the browser guard): a getter that throws is `invalid_config` too. */
  precheck?: (options: never) => void,
): v.InferOutput<S> {
  try {
    return readingInput(() => {
      precheck?.(options as never);
      return validateInput(schema, options ?? {});
    });
  } catch (error) {
    if (error instanceof PlugipayError && error.code === 'invalid_request') {
      throw configError(who, `option ${error.message}`, { fieldErrors: error.fieldErrors });
    }
    throw error;
  }
}

/** A call's options, validated (the same rules for every route). */
export function checkRequestOptions(options: RequestOptions | undefined): RequestOptions {
  // The common case (no options) skips the schema entirely.
  return options === undefined ? {} : readingInput(() => validateInput(requestSchema(), plainOptions(options)));
}

/** valibot takes any object for an object schema: a Map or an array of options would pass as `{}`. */
function plainOptions<T>(options: T): T {
  if (!isPlainObject(options))
    invalidRequest('options: must be a plain object of request options', [{ field: 'options', message: 'must be a plain object' }]);
  return options;
}

/** A public checkout call's options, validated. */
export function checkPublicCallOptions(options: RequestOptions | undefined): RequestOptions {
  return options === undefined ? {} : readingInput(() => validateInput(publicCallSchema(), plainOptions(options)));
}

/** The client options every `PlugipayClient` resolves to. */
export interface ResolvedClientOptions {
  baseUrl: string;
  onBehalfOf: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  now: () => number;
  fetch: FetchLike | undefined;
  fetchOptions: FetchOptions | undefined;
  hooks: ClientHooks | undefined;
  maxResponseBytes: number | undefined;
}

/**
 * The client's `now`, checked at every reading: a clock that throws, or answers anything but a
 * time in ms since 1970 (`NaN`, a negative number, a string), would sign a `NaN` or negative
 * timestamp and break every deadline. It is `invalid_config` instead, before anything is sent.
 */
export function checkedClock(now: () => number): () => number {
  return () => {
    let time: unknown;
    try {
      time = now();
    } catch {
      // Refused below, as a clock that answered nothing.
    }
    // 8.64e15 ms: the latest time a `Date` holds.
    if (typeof time == 'number' && time >= 0 && time <= 8.64e15) return time;
    throw configError('PlugipayClient', 'option now: must return ms since 1970, like Date.now');
  };
}

/** Applies the defaults to validated options. */
export function resolveClientOptions(parsed: Partial<ResolvedClientOptions> & { baseUrl?: string }): ResolvedClientOptions {
  return {
    baseUrl: normalizeBaseUrl(parsed.baseUrl ?? DEFAULT_BASE_URL),
    onBehalfOf: parsed.onBehalfOf,
    timeoutMs: parsed.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: parsed.maxRetries ?? DEFAULT_MAX_RETRIES,
    now: parsed.now ?? Date.now,
    fetch: parsed.fetch,
    fetchOptions: parsed.fetchOptions,
    hooks: parsed.hooks,
    maxResponseBytes: parsed.maxResponseBytes,
  };
}

/** Authorizer handed from a client to the clients it scopes with `forMerchant` (one imported key). */
const inheritedAuth = new WeakMap<object, Authorizer>();

/** Marks `options` as scoped from a client whose auth it shares. */
export function inheritAuth(options: object, auth: Authorizer): void {
  inheritedAuth.set(options, auth);
}

/** The auth of a client: inherited from the client it was scoped from, or from its credentials. */
export function credentialsOf(options: object, parsed: { keyId?: string; secret?: string; apiKey?: string }): Authorizer {
  const inherited = inheritedAuth.get(options);
  if (inherited) return inherited;
  const { keyId, secret, apiKey } = parsed;
  if (apiKey !== undefined && (keyId !== undefined || secret !== undefined)) {
    throw configError('PlugipayClient', 'pass either keyId and secret (HMAC) or apiKey (Bearer), not both');
  }
  if (apiKey !== undefined) return bearerAuth(apiKey);
  if (keyId === undefined || secret === undefined) {
    throw configError('PlugipayClient', 'keyId and secret (or apiKey) are required', {}, 'missing_credentials');
  }
  return hmacAuth(keyId, secret);
}
