/**
 * The values that go into headers and timers, checked rather than trimmed. `Headers` strips
 * leading and trailing whitespace and rejects CR, LF and NUL with a `TypeError` that quotes the
 * value: a key signed with a space would arrive without it (`invalid_signature`), and an API key
 * would end up in an error message. Host timers fire at once past 2^31−1 ms, so a larger timeout
 * is no timeout at all. Messages never quote the value.
 */
import * as v from 'valibot';

/** The largest delay `setTimeout` honours on every runtime (a signed 32-bit millisecond count). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Visible ASCII inside, no whitespace at either end, no control character anywhere. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?$/;
/** 1–255 visible ASCII characters (0x21–0x7E): the key that is signed is the key that arrives. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** A Bearer token: visible ASCII, no space. */
const TOKEN = /^[\x21-\x7e]+$/;
/** A token inside `Authorization: … keyId=<id>, …`: no space and no comma, which would split it. */
const KEY_ID = /^[\x21-\x2b\x2d-\x7e]+$/;

const PRINTABLE = 'must be printable ASCII (no CR, LF, NUL or non-ASCII characters)';

/** True when `value` is sent by `Headers` exactly as given. */
export function isHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value);
}

/** A non-empty header value such as `onBehalfOf` or `apiKey`. */
export const headerValue = () =>
  v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.check(isHeaderValue, `${PRINTABLE}, without surrounding spaces`));

export const idempotencyKey = () =>
  v.pipe(
    v.string(),
    v.check((key: string) => IDEMPOTENCY_KEY.test(key), 'must be 1–255 printable ASCII characters without spaces (0x21–0x7E)'),
  );

/** A dashboard API key, sent as `Authorization: Bearer <key>`. */
export const bearerToken = () =>
  v.pipe(
    v.string(),
    v.minLength(1, 'must not be empty'),
    v.check((key: string) => TOKEN.test(key), `${PRINTABLE}, without spaces`),
  );

export const keyId = () =>
  v.pipe(
    v.string(),
    v.minLength(1, 'must not be empty'),
    v.check((id: string) => KEY_ID.test(id), `${PRINTABLE}, without spaces or commas, e.g. "pk_…"`),
  );

/** A timeout or deadline in ms: finite, above 0, at most 2^31−1 (the host timer limit). */
export const durationMs = (what: string) =>
  v.pipe(
    v.number(),
    // `check` rather than valibot's `finite` and `gtValue`: the same rules and messages, two
    // fewer valibot actions in every bundle.
    v.check((ms: number) => Number.isFinite(ms), `${what} must be a finite number`),
    v.check((ms: number) => ms > 0, `${what} must be greater than 0`),
    v.maxValue(MAX_TIMER_MS, `${what} must be at most 2^31−1 ms, the host timer limit`),
  );

/** A byte cap: a positive safe integer. */
export const byteCount = (what: string) =>
  v.pipe(v.number(), v.safeInteger(`${what} must be an integer number of bytes`), v.minValue(1, `${what} must be at least 1`));

/**
 * True when `new Headers(init)` accepts `init`. Checked once where the options are given, so a
 * bad extra header fails there with `invalid_config`, not on every request as a network error.
 */
export function isHeadersInit(init: unknown): boolean {
  try {
    new Headers(init as HeadersInit);
    return true;
  } catch {
    return false;
  }
}
