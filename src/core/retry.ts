/**
 * Safe retries (WIRE 5): only transient failures (`isRetryable`), exponential backoff from
 * 0.5 s capped at 8 s with full jitter, `Retry-After`/`retry-after-ms` honoured, and a wait over
 * 60 s never taken. The caller's signal cancels the wait. The same classification serves the
 * client's `maxRetries` and the exported `withRetry` for application-level policy.
 */
import { PlugipayError, isRetryable } from './errors';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 8_000;
export const MAX_RETRY_WAIT_MS = 60_000;

/** Full jitter: a uniform wait in [0, min(cap, base·2^retry)). `retry` counts from 0. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  if (typeof retry !== 'number' || typeof random !== 'function') {
    throw new PlugipayError({
      code: 'invalid_request',
      message: 'backoffDelay(retry, random?): retry must be a number and random a function',
    });
  }
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
}

// RFC 9110 5.6.7's two obsolete forms, which recipients must still accept:
// rfc850-date `Sunday, 06-Nov-94 08:49:37 GMT` and asctime-date `Sun Nov  6 08:49:37 1994`.
const RFC850 = /^(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day, (\d\d)-(\w{3})-(\d\d) (\d\d:\d\d:\d\d) GMT$/;
const ASCTIME = /^(\w{3}) (\w{3}) ( \d|\d\d) (\d\d:\d\d:\d\d) (\d{4})$/;

/**
 * An HTTP date in milliseconds, or `undefined` for anything else. RFC 9110's three forms:
 * IMF-fixdate (`Thu, 01 Jan 2026 00:00:05 GMT`, the one servers must send), and the obsolete
 * rfc850-date (its two-digit year read as RFC 9110 says: never more than 50 years ahead of
 * `now`) and asctime-date, each rewritten as the IMF-fixdate it names. Strict on purpose:
 * `Date.parse` alone reads `1, 2` or `Tomorrow 10` as dates. A date is valid when it prints back
 * exactly as that IMF-fixdate (`toUTCString` is IMF-fixdate), which also refuses `31 Feb`,
 * `25:00` and a weekday that is not the date's.
 */
export function parseHttpDate(text: string, now: number = Date.now()): number | undefined {
  let imf = text;
  let parts: string[] | null;
  if ((parts = RFC850.exec(text))) {
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(parts[4]);
    if (year > thisYear + 50) year -= 100;
    imf = `${parts[1]!.slice(0, 3)}, ${parts[2]} ${parts[3]} ${year} ${parts[5]} GMT`;
  } else if ((parts = ASCTIME.exec(text))) {
    imf = `${parts[1]}, ${parts[3]!.trim().padStart(2, '0')} ${parts[2]} ${parts[5]} ${parts[4]} GMT`;
  }
  const ms = Date.parse(imf);
  return Number.isNaN(ms) || new Date(ms).toUTCString() !== imf ? undefined : ms;
}

/**
 * The server's requested wait, read strictly: `retry-after-ms` as a non-negative number of ms,
 * else `Retry-After` as a non-negative integer of seconds or an HTTP date (any of RFC 9110's
 * three forms). Anything else (a negative number, a duplicated header joined as `1, 2`, garbage) is ignored, so the normal
 * backoff applies.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  // Anything that is not a Headers (a plain object, null) has no wait to read.
  if (typeof headers?.get !== 'function') return undefined;
  const ms = headers?.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const after = headers?.get('retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+$/.test(after)) return Number(after) * 1000;
  const date = parseHttpDate(after, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or fails with code `aborted` as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(
        new PlugipayError({
          status: 0,
          code: 'aborted',
          message: 'Plugipay request aborted by the caller’s AbortSignal during a retry wait',
          cause: signal?.reason,
        }),
      );
    };
    if (signal?.aborted) return aborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Aborts the call and any wait between attempts (`PlugipayError` `aborted`). */
  signal?: AbortSignal;
  /** Overall budget in ms for the whole call, waits included: no retry starts past it. */
  deadlineMs?: number;
  /** The clock, in milliseconds, that `deadlineMs` is judged by; default `Date.now`. */
  now?: () => number;
  /** A number in [0, 1) for the backoff's jitter; default `Math.random`. */
  random?: () => number;
  /** Called before each wait; for logging. */
  onRetry?: (info: { error: unknown; retry: number; delayMs: number }) => void;
}

function stamp(error: unknown, retries: number): unknown {
  if (error instanceof PlugipayError) Object.defineProperty(error, 'retries', { value: retries, enumerable: true, configurable: true });
  return error;
}

/**
 * Runs `attempt` until it succeeds, fails permanently, or runs out of retries; the thrown error
 * carries `retries`. `attempt` receives the retry number (0 for the first attempt).
 */
export function retrying<T>(attempt: (retry: number) => Promise<T>, options: RetryOptions): Promise<T> {
  // No retries (the client's default): the one attempt, its error stamped, without the loop's async frame.
  if (options.maxRetries === 0) {
    const stamped = (error: unknown) => Promise.reject(stamp(error, 0));
    try {
      return attempt(0).catch(stamped);
    } catch (error) {
      return stamped(error);
    }
  }
  return retryingLoop(attempt, options);
}

async function retryingLoop<T>(attempt: (retry: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const started = now();
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry);
    } catch (error) {
      if (retry >= options.maxRetries || !isRetryable(error)) throw stamp(error, retry);
      const requested = retryAfterMs(error instanceof PlugipayError ? error.headers : undefined, now());
      const delayMs = requested ?? backoffDelay(retry, options.random);
      if (delayMs > MAX_RETRY_WAIT_MS) throw stamp(error, retry);
      if (options.deadlineMs !== undefined && now() + delayMs - started >= options.deadlineMs) throw stamp(error, retry);
      options.onRetry?.({ error, retry: retry + 1, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
}

/** Options of {@link withRetry}. */
export interface WithRetryOptions extends Partial<Omit<RetryOptions, 'maxRetries'>> {
  /** Attempts in all, the first included. Default 3, like the seed's recipe. */
  attempts?: number;
}

/** Application-level retries with the SDK's classification and backoff (3 attempts by default). */
export function withRetry<T>(fn: () => Promise<T> | PromiseLike<T>, options?: WithRetryOptions): Promise<T> {
  let attempts: unknown;
  let rest: Omit<WithRetryOptions, 'attempts'>;
  try {
    ({ attempts = 3, ...rest } = options ?? {});
  } catch {
    return Promise.reject(new PlugipayError({ code: 'invalid_request', message: 'options: could not be read' }));
  }
  if (typeof fn !== 'function') return Promise.reject(new PlugipayError({ code: 'invalid_request', message: 'fn: must be a function' }));
  if (!Number.isInteger(attempts) || (attempts as number) < 1) {
    return Promise.reject(
      new PlugipayError({
        code: 'invalid_request',
        message: `attempts: must be an integer of at least 1 (got ${typeof attempts === 'number' ? attempts : typeof attempts})`,
      }),
    );
  }
  return retrying(async () => fn(), { ...rest, maxRetries: (attempts as number) - 1 });
}
