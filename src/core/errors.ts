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

export interface PlugipayErrorInit {
  status?: number;
  code: string;
  message: string;
  requestId?: string | null;
  field?: string;
  details?: Record<string, unknown>;
  docUrl?: string;
  idempotencyKey?: string;
  retries?: number;
  fieldErrors?: FieldError[];
  /** Response headers, when a response was read (e.g. `Retry-After` on a 429). */
  headers?: Headers;
  cause?: unknown;
}

type ErrorKind =
  | 'PlugipayError'
  | 'PlugipayNetworkError'
  | 'PlugipayTimeoutError'
  | 'PlugipaySignatureError';

/** Every SDK failure. `status` is 0 when the server was never reached. */
export class PlugipayError extends Error {
  declare readonly [BRAND]: ErrorKind;
  /** HTTP status; `0` for client-side failures that never reached the server. */
  declare readonly status: number;
  /** Stable machine-readable code, kept verbatim from the server (casing varies). */
  declare readonly code: string;
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
  return err.status >= 500 || err.status === 429;
}

/** The timeout message of the seed: the configured timeout in seconds with one decimal. */
export function timeoutError(timeoutMs: number, extra: Omit<PlugipayErrorInit, 'code' | 'message'> = {}) {
  return new PlugipayTimeoutError({
    ...extra,
    status: 0,
    code: 'timeout',
    message: `Plugipay request timed out after ${(timeoutMs / 1000).toFixed(1)}s`,
  });
}
