/**
 * The one error hierarchy of the SDK (WIRE 3). Every entry point re-exports these classes;
 * no other module defines an error class.
 *
 * `instanceof` must hold across entry points and across duplicate copies of the package (an ESM
 * and a CJS build loaded side by side), so the classes are branded with a registry symbol and
 * answer `instanceof` by the brand rather than by prototype identity.
 */

const BRAND: unique symbol = Symbol.for('plugipay-edge.error') as never;

/** One problem found by client-side input validation. */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `lineItems[0].quantity`; `""` for the input itself. */
  field: string;
  message: string;
}

/**
 * Every code the SDK itself raises, plus any code the server sends (kept verbatim: `string & {}`
 * keeps editor completion for the known ones).
 */
export type PlugipayErrorCode =
  /** Client-side input validation failed; see `fieldErrors`. */
  | 'invalid_request'
  /** A client option is wrong; the message names it. */
  | 'invalid_config'
  /** Neither keyId + secret nor apiKey was given. */
  | 'missing_credentials'
  /** A secret-holding client in a browser page without `dangerouslyAllowBrowser`. */
  | 'browser_secret'
  /** The response was not the JSON envelope the route promises. */
  | 'invalid_response'
  /** An error status with no envelope code. */
  | 'unknown'
  /** The attempt outlived `timeoutMs` (`PlugipayTimeoutError`). */
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** The request did not complete at the network level (`PlugipayNetworkError`). */
  | 'network_error'
  /** A client hook threw; the hook's error is the `cause`. */
  | 'hook_failed'
  /** A second charge of the same checkout session with another method while one is pending. */
  | 'charge_in_progress'
  /** `fromEnv()` could not read the environment (e.g. Deno without `--allow-env`). */
  | 'env_permission'
  /** A webhook body could not be read or parsed. */
  | 'invalid_payload'
  /** A Request body was already read. */
  | 'body_consumed'
  /** A webhook body over `maxBodyBytes` (status 413), refused before or while it is read. */
  | 'payload_too_large'
  /** The API answered with a redirect, which is never followed (the 3xx status; 0 for a browser's opaque redirect). */
  | 'unexpected_redirect'
  /** The response body exceeded `maxResponseBytes`. */
  | 'response_too_large'
  /** The host refused the request itself (Deno without `--allow-net` for the API host). */
  | 'permission_denied'
  /** Webhook verification failures (`PlugipaySignatureError`). */
  | 'signature_missing'
  | 'signature_malformed'
  | 'signature_invalid'
  | 'signature_stale'
  /** Exactly-once webhook handling: see `WebhookHandlingErrorCode`. */
  | WebhookHandlingErrorCode
  | (string & {});

/** What a `PlugipayError` is built from. */
export interface PlugipayErrorInit {
  /** HTTP status; default `0` (the server was never reached). */
  status?: number;
  /** The machine-readable code, one of the SDK's or the server's verbatim. */
  code: PlugipayErrorCode;
  /** What went wrong and, for client-side failures, how to fix it. Never a secret. */
  message: string;
  /** `meta.requestId` of the response; default `null` (no response was read). */
  requestId?: string | null;
  /** The input field the server or the validation blamed. */
  field?: string;
  /** Extra details the server sent with the error. */
  details?: Record<string, unknown>;
  /** A documentation link the server sent with the error. */
  docUrl?: string;
  /** The Idempotency-Key the failed request carried. */
  idempotencyKey?: string;
  /** Attempts made after the first one. */
  retries?: number;
  /** Every client-side validation problem. */
  fieldErrors?: FieldError[];
  /** Response headers, when a response was read (e.g. `Retry-After` on a 429). */
  headers?: Headers;
  /** The underlying failure (kept as `Error.cause`; summarized as text in `toJSON()`). */
  cause?: unknown;
}

type ErrorKind = 'PlugipayError' | 'PlugipayNetworkError' | 'PlugipayTimeoutError' | 'PlugipaySignatureError';

/** Every SDK failure. `status` is 0 when the server was never reached. */
export class PlugipayError extends Error {
  declare readonly [BRAND]: ErrorKind;
  /** HTTP status; `0` for client-side failures that never reached the server. */
  declare readonly status: number;
  /** Stable machine-readable code, kept verbatim from the server (casing varies). */
  declare readonly code: PlugipayErrorCode;
  /** `meta.requestId` of the response; `null` when no server response was read. */
  declare readonly requestId: string | null;
  declare readonly field?: string;
  declare readonly details?: Record<string, unknown>;
  declare readonly docUrl?: string;
  /** The Idempotency-Key the failed request carried, to retry it safely by hand. */
  declare readonly idempotencyKey?: string;
  /** Attempts made after the first one. */
  declare readonly retries?: number;
  /** Every client-side validation problem (`code` `invalid_request`, `status` 0). */
  declare readonly fieldErrors?: FieldError[];
  /** Headers of the response that failed, when one was read. Not part of `toJSON()`. */
  declare readonly headers?: Headers;

  constructor({ message, cause, headers, status = 0, requestId = null, ...known }: PlugipayErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    const kind = (new.target as typeof PlugipayError).kind;
    // Set from the tag, not from the class name, which minifiers rename.
    this.name = kind;
    const fields: Record<string, unknown> = { status, ...known, requestId };
    // Only the fields that are known become properties (and so appear in `toJSON()`).
    for (const key in fields) if (fields[key] !== undefined) (this as Record<string, unknown>)[key] = fields[key];
    Object.defineProperties(this, { [BRAND]: { value: kind }, headers: { value: headers } });
  }

  /**
   * Which SDK class this is; a class that only inherits it is a user's subclass. A getter, not
   * a static field, so that an unused class can be tree-shaken from a bundle.
   */
  static get kind(): ErrorKind {
    return 'PlugipayError';
  }

  /** `instanceof` by brand, so it holds across entry points and across ESM and CJS copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A user's own subclass keeps ordinary prototype semantics.
    if (!Object.hasOwn(this, 'kind')) return super[Symbol.hasInstance](value);
    const brand = (value as { [BRAND]?: unknown } | null)?.[BRAND];
    return typeof brand == 'string' && (this === PlugipayError || brand == this.kind);
  }

  /** The full attribute dump, safe to log: it never holds a secret. */
  toJSON(): Record<string, unknown> {
    const { cause } = this;
    // The cause is summarized as text (`TypeError: fetch failed`): an error object from a
    // transport may carry request options, which have no place in a log line.
    return { message: this.message, ...(this as object), cause: cause && String(cause) };
  }
}

/** DNS, connection refused, TLS, socket reset: the request may not have reached the server. */
export class PlugipayNetworkError extends PlugipayError {
  static override get kind(): ErrorKind {
    return 'PlugipayNetworkError';
  }
}

/** The request outlived its timeout (`timeoutMs`, which covers reading the body too). */
export class PlugipayTimeoutError extends PlugipayError {
  static override get kind(): ErrorKind {
    return 'PlugipayTimeoutError';
  }
}

/** A webhook failed verification: missing, malformed, stale or not matching. */
export class PlugipaySignatureError extends PlugipayError {
  static override get kind(): ErrorKind {
    return 'PlugipaySignatureError';
  }
}

/**
 * The seed's retry split: timeouts, network failures, 5xx and 429 are transient; every other
 * failure (4xx, validation, aborts, signature failures) is permanent for this payload.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof PlugipayTimeoutError || err instanceof PlugipayNetworkError) return true;
  if (!(err instanceof PlugipayError) || err instanceof PlugipaySignatureError) return false;
  // An oversized answer is refused, not waited out: the same request would get it again. A
  // failing hook ends the call even when it carries the status of a 5xx it was told about.
  if (err.code === 'response_too_large' || err.code === 'hook_failed') return false;
  return err.status >= 500 || err.status === 429;
}

type Extra = Omit<PlugipayErrorInit, 'code' | 'message'>;

/**
 * The timeout message of the seed: the configured timeout in seconds with one decimal, and what
 * the attempt was waiting for when it was not the server (`during`, e.g. ` waiting for the onRequest hook`).
 */
export function timeoutError(timeoutMs: number, extra: Extra = {}, during = '') {
  return new PlugipayTimeoutError({
    status: 0,
    ...extra,
    code: 'timeout',
    message: `Plugipay request timed out after ${(timeoutMs / 1000).toFixed(1)}s${during}`,
  });
}

/** `aborted`: the caller's AbortSignal fired (before, during or between attempts). */
export function abortedError(reason: unknown, extra: Extra = {}, during = ''): PlugipayError {
  return new PlugipayError({
    status: 0,
    ...extra,
    code: 'aborted',
    message: `Plugipay request aborted by the caller’s AbortSignal${during}`,
    cause: reason,
  });
}

/** `network_error`: the request may not have reached the server. */
export function networkError(message: string, extra: Extra = {}): PlugipayNetworkError {
  return new PlugipayNetworkError({ ...extra, status: 0, code: 'network_error', message });
}

/**
 * `hook_failed`: a client hook threw; the call fails with the hook's error as `cause`, keeping
 * what is known of the exchange (`extra`: the status, request id and idempotency key of a
 * response already read, so that a completed write can be recognised). An error hook's `extra` is
 * the error it was told about, named in the message: no retry follows a failing hook, whatever
 * that failure was.
 */
export function hookFailed(hook: string, cause: unknown, extra: Extra | PlugipayError = {}): PlugipayError {
  const why = cause instanceof Error ? cause.message : String(cause);
  const told = extra instanceof PlugipayError;
  const after = told ? ` (after the attempt failed with ${extra.code}${extra.status ? `, HTTP ${extra.status}` : ''}; not retried)` : '';
  // An error's own fields, not its class name; `headers` is not enumerable, so it is named.
  return new PlugipayError({
    status: 0,
    ...extra,
    name: undefined,
    headers: extra.headers,
    code: 'hook_failed',
    message: `Plugipay ${hook} hook threw: ${why}${after}`,
    cause,
  } as never);
}

/** `invalid_config`: a client option is wrong; `who` names the client, e.g. `PlugipayClient`. */
export function configError(who: string, message: string, extra: Extra = {}, code: PlugipayErrorCode = 'invalid_config'): PlugipayError {
  return new PlugipayError({ ...extra, status: 0, code, message: `${who}: ${message}` });
}

/** `invalid_request`: client-side input validation failed, before anything was sent. */
export function invalidRequestError(message: string, fieldErrors?: FieldError[]): PlugipayError {
  return new PlugipayError({ status: 0, code: 'invalid_request', message, fieldErrors });
}

/**
 * A 3xx answer (or a browser's opaque redirect, status 0): never followed, since a payment API
 * does not redirect and following one would carry the body, the Idempotency-Key and the
 * on-behalf-of header to another origin. `target` names only the Location's origin.
 */
export function unexpectedRedirectError(target: string, extra: Extra & { status: number }): PlugipayError {
  return new PlugipayError({
    ...extra,
    code: 'unexpected_redirect',
    message: `Plugipay redirected (HTTP ${extra.status}) to ${target}, never followed: check baseUrl and proxies`,
  });
}

/** A response larger than `maxResponseBytes`: refused from its Content-Length, or cut off as it streamed. */
export function responseTooLargeError(maxBytes: number, declared: number | undefined, extra: Extra): PlugipayError {
  return new PlugipayError({
    ...extra,
    code: 'response_too_large',
    message: `Plugipay response ${declared === undefined ? 'exceeds' : `declares ${declared} bytes, over`} maxResponseBytes (${maxBytes}): raise it if expected`,
  });
}

/** The host refused the request itself (Deno without `--allow-net` for this host): no retry can help. */
export function permissionDeniedError(message: string, extra: Extra = {}): PlugipayError {
  return new PlugipayError({ ...extra, status: 0, code: 'permission_denied', message });
}

/**
 * Codes of exactly-once webhook handling (`handleOnce`, its stores, the Queues hand-off), all with
 * `status` 0 (nothing was sent to Plugipay):
 * - `dedupe_store_invalid`: a store broke the contract (no `claim`/`complete`/`release`, or a
 *   `claim` that resolved to anything but `'claimed'`, `'processing'` or `'done'`);
 * - `dedupe_store_failed`: a store call threw or rejected (its error is the `cause`);
 * - `queue_send_failed`: `Queue.send` rejected a verified event (its error is the `cause`).
 */
export type WebhookHandlingErrorCode = 'dedupe_store_invalid' | 'dedupe_store_failed' | 'queue_send_failed';

/**
 * An exactly-once handling failure; `cause` is the store's or the queue's own error, if any.
 * `invalid_request` / `invalid_config` are the SDK's usual codes for a wrong argument / setup.
 */
export function webhookHandlingError(
  code: WebhookHandlingErrorCode | 'invalid_request' | 'invalid_config',
  message: string,
  cause?: unknown,
): PlugipayError {
  return new PlugipayError({ code, message, cause });
}
