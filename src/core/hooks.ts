/**
 * Client hooks for logging, tracing and metrics: called once per attempt (a retry is a new
 * attempt with a higher `attempt` and the same `idempotencyKey`), with read-only views that are
 * redacted by construction (no secret can reach a hook: the `authorization` header is replaced
 * before the view is built, and the view holds nothing else that carries one).
 */
import type { PlugipayError } from './errors';

/** What a hook sees of one attempt's request. Frozen. */
export interface RequestInfo {
  readonly method: string;
  /** The exact URL sent (the one that was signed). */
  readonly url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** The Idempotency-Key this call carries on every attempt; `null` for GET and public routes. */
  readonly idempotencyKey: string | null;
  /** The request headers, lower-cased, with `authorization` shown as `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** What `onResponse` sees: the request plus how it was answered. */
export interface ResponseInfo extends RequestInfo {
  readonly status: number;
  /** `meta.requestId` (or `X-Request-Id`); quote it in support tickets. */
  readonly requestId: string | null;
  /** From signing the request to the decoded body, in ms of the client's clock. */
  readonly durationMs: number;
}

/** What `onRequestError` sees: no response was read (network failure, timeout, abort). */
export interface RequestErrorInfo extends RequestInfo {
  /** The error the attempt fails with. */
  readonly error: PlugipayError;
  readonly durationMs: number;
}

/** What `onResponseError` sees: a response was read and stands for an error. */
export interface ResponseErrorInfo extends ResponseInfo {
  /** The error the attempt fails with. */
  readonly error: PlugipayError;
}

/**
 * The client option `hooks`. A hook may be async: the attempt waits for it, but never past the
 * attempt's own bound (`timeoutMs`, what is left of `deadlineMs`, the call's `signal`). A request
 * or response hook still running then fails the call with `timeout` or `aborted`; an error hook
 * is left running and the attempt's own error stands. A hook that throws fails the call with a
 * `PlugipayError` of code `hook_failed`, the hook's error as `cause`, keeping the status, request
 * id and idempotency key of a response already read; no retry follows it.
 *
 * @example
 * ```ts
 * const client = new PlugipayClient({
 *   keyId, secret,
 *   hooks: {
 *     onResponse: (r) => console.log(r.method, r.url, r.status, `${r.durationMs} ms`, r.requestId, `attempt ${r.attempt}`),
 *   },
 * });
 * ```
 */
export interface ClientHooks {
  /** Before each attempt is sent, after it is signed. */
  onRequest?: (request: RequestInfo) => void | Promise<void>;
  /** After each successful attempt's body is decoded. */
  onResponse?: (response: ResponseInfo) => void | Promise<void>;
  /** After an attempt that got no response (network failure, timeout, abort). */
  onRequestError?: (failure: RequestErrorInfo) => void | Promise<void>;
  /** After an attempt whose response is an error (4xx/5xx, an error envelope, an invalid body). */
  onResponseError?: (failure: ResponseErrorInfo) => void | Promise<void>;
}

const REDACTED = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** A plain, frozen copy of `headers` with credentials replaced by `[redacted]`. */
export function redactedHeaders(headers: Headers): Readonly<Record<string, string>> {
  const view: Record<string, string> = {};
  headers.forEach((value, name) => {
    view[name] = REDACTED.has(name) ? '[redacted]' : value;
  });
  return Object.freeze(view);
}
