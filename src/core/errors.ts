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

/** Static tag of each SDK class; a class that only inherits it is a user's subclass. */
const KIND: unique symbol = Symbol.for('plugipay-edge.kind') as never;

/** Every SDK failure. `status` is 0 when the server was never reached. */
export class PlugipayError extends Error {
  declare readonly [BRAND]: ErrorKind;
  /** HTTP status; `0` for client-side failures that never reached the server. */
  readonly status: number;
  /** Stable machine-readable code, kept verbatim from the server (casing varies). */
  readonly code: string;
  /** `meta.requestId` of the response; `null` when no server response was read. */
  readonly requestId: string | null;
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

  constructor(init: PlugipayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    const kind = (new.target as unknown as { [KIND]: ErrorKind })[KIND];
    Object.defineProperty(this, BRAND, { value: kind });
    // Set from the tag, not from the class name, which minifiers rename.
    this.name = kind;
    this.status = init.status ?? 0;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    if (init.field !== undefined) this.field = init.field;
    if (init.details !== undefined) this.details = init.details;
    if (init.docUrl !== undefined) this.docUrl = init.docUrl;
    if (init.idempotencyKey !== undefined) this.idempotencyKey = init.idempotencyKey;
    if (init.retries !== undefined) this.retries = init.retries;
    if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors;
    if (init.headers !== undefined) Object.defineProperty(this, 'headers', { value: init.headers });
  }

  static readonly [KIND]: ErrorKind = 'PlugipayError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    // A user's own subclass keeps ordinary prototype semantics.
    if (!Object.prototype.hasOwnProperty.call(this, KIND)) {
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    if (typeof value !== 'object' || value === null) return false;
    const brand = (value as { [BRAND]?: unknown })[BRAND];
    if (typeof brand !== 'string') return false;
    const kind = (this as unknown as { [KIND]: ErrorKind })[KIND];
    return kind === 'PlugipayError' || brand === kind;
  }

  /** The full attribute dump, safe to log: it never holds a secret. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
    };
    for (const key of ['field', 'details', 'docUrl', 'idempotencyKey', 'retries', 'fieldErrors'] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    return json;
  }
}

/** DNS, connection refused, TLS, socket reset: the request may not have reached the server. */
export class PlugipayNetworkError extends PlugipayError {
  static override readonly [KIND]: ErrorKind = 'PlugipayNetworkError';
}

/** The request outlived its timeout (`timeoutMs`, which covers reading the body too). */
export class PlugipayTimeoutError extends PlugipayError {
  static override readonly [KIND]: ErrorKind = 'PlugipayTimeoutError';
}

/** A webhook failed verification: missing, malformed, stale or not matching. */
export class PlugipaySignatureError extends PlugipayError {
  static override readonly [KIND]: ErrorKind = 'PlugipaySignatureError';
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof Error) return { name: cause.name, message: cause.message };
  return typeof cause === 'string' ? cause : String(cause);
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
