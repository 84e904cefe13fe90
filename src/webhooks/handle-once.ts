/**
 * Exactly-once webhook handling over an at-least-once delivery: a store claims an event id
 * atomically, `handleOnce` runs the handler only for the one caller that won the claim, and
 * records the outcome. Lives in the core entry, not in `plugipay-edge/webhooks` (which stays at
 * verification alone, within its 1.5 KB budget).
 */
import { webhookHandlingError, type PlugipayError } from '../core/errors';
import { MAX_TIMER_MS } from '../core/option-rules';

/** What `WebhookDedupeStore.claim` answers: this caller owns the event, another caller does, or it is done. */
export type DedupeClaim = 'claimed' | 'processing' | 'done';

/**
 * Where handled event ids are kept. Write one for any store with an atomic
 * compare-and-set (Redis `SET key NX EX ttl`, Postgres `INSERT … ON CONFLICT DO UPDATE … WHERE`);
 * the SDK ships `memoryDedupe()`, `d1Dedupe(db)` (Workers) and `denoKvDedupe(kv)` (Deno).
 *
 * @example
 * ```ts
 * import type { WebhookDedupeStore } from 'plugipay-edge';
 *
 * // A store over a Map, to show the contract; memoryDedupe() is the real one.
 * const seen = new Map<string, { done: boolean; until: number }>();
 * const mapStore: WebhookDedupeStore = {
 *   async claim(eventId, ttlSec) {
 *     const held = seen.get(eventId);
 *     if (held && (held.done || held.until > Date.now())) return held.done ? 'done' : 'processing';
 *     seen.set(eventId, { done: false, until: Date.now() + ttlSec * 1000 });
 *     return 'claimed';
 *   },
 *   async complete(eventId) {
 *     seen.set(eventId, { done: true, until: Infinity });
 *   },
 *   async release(eventId) {
 *     seen.delete(eventId);
 *   },
 * };
 * ```
 */
export interface WebhookDedupeStore {
  /**
   * Atomically claims `eventId`: of any number of concurrent callers for one id, exactly one
   * gets `'claimed'`. A claim that is neither completed nor released within `ttlSec` seconds
   * (its process crashed) expires, and the next caller gets `'claimed'` again. Otherwise the
   * answer is `'processing'` (a live claim) or `'done'` (completed).
   */
  claim(eventId: string, ttlSec: number): Promise<DedupeClaim>;
  /** Marks `eventId` handled: every later `claim` answers `'done'` (for as long as the store keeps it). */
  complete(eventId: string): Promise<void>;
  /** Drops the claim on `eventId` (its handler failed), so the next delivery claims it again. */
  release(eventId: string): Promise<void>;
}

/** The outcome of `handleOnce`: `fn` ran (with its result), or it did not because the event is done or being handled. */
export type HandleOnceResult<T> = { status: 'processed'; result: T } | { status: 'duplicate' } | { status: 'in_progress' };

/** Options of `handleOnce`. */
export interface HandleOnceOptions {
  /**
   * How long a claim holds before it counts as abandoned (its process crashed), in whole
   * seconds. Default 300. Make it longer than your handler's slowest run: a claim that expires
   * while the handler still runs lets a redelivery run it a second time.
   */
  ttlSec?: number;
  /**
   * How long each store call (`claim`, `complete`, `release`) may take, in ms, before it counts
   * as failed (`dedupe_store_failed`): a store that hangs must not hang the webhook handler past
   * the platform's limit, where the delivery would fail without an answer. Default 10,000.
   */
  storeTimeoutMs?: number;
}

/** Default claim lifetime: 5 minutes of processing. */
export const DEFAULT_DEDUPE_TTL_SEC = 300;

/** Default bound on each store call: 10 s. */
export const DEFAULT_STORE_TIMEOUT_MS = 10_000;

const CLAIMS: readonly unknown[] = ['claimed', 'processing', 'done'];

/** Throws `invalid_request` unless `ttlSec` is a whole number of seconds above zero. */
export function checkTtlSec(ttlSec: unknown, where: string): number {
  if (!Number.isSafeInteger(ttlSec) || (ttlSec as number) <= 0) {
    throw webhookHandlingError(
      'invalid_request',
      `${where}: ttlSec must be a positive whole number of seconds (got ${String(ttlSec)}); omit it for ${DEFAULT_DEDUPE_TTL_SEC}`,
    );
  }
  return ttlSec as number;
}

/** Throws `invalid_request` unless `ms` is a timer length (whole ms in 1 … `MAX_TIMER_MS`, the host timer limit). */
export function checkStoreTimeoutMs(ms: unknown, where: string): number {
  if (!Number.isSafeInteger(ms) || (ms as number) <= 0 || (ms as number) > MAX_TIMER_MS) {
    throw webhookHandlingError(
      'invalid_request',
      `${where}: storeTimeoutMs must be a whole number of ms from 1 to ${MAX_TIMER_MS} (got ${String(ms)}); omit it for ${DEFAULT_STORE_TIMEOUT_MS}`,
    );
  }
  return ms as number;
}

/** Throws `dedupe_store_invalid` unless `store` has the three methods of a `WebhookDedupeStore`. */
export function checkDedupeStore(store: unknown, where: string): WebhookDedupeStore {
  const s = store as Partial<WebhookDedupeStore> | null;
  if (typeof s?.claim != 'function' || typeof s.complete != 'function' || typeof s.release != 'function') {
    throw webhookHandlingError(
      'dedupe_store_invalid',
      `${where}: the store must have claim, complete and release methods: pass memoryDedupe(), d1Dedupe(env.DB), denoKvDedupe(kv) or your own WebhookDedupeStore`,
    );
  }
  return s as WebhookDedupeStore;
}

/**
 * Calls one store method within `timeoutMs`; whatever it throws, and a call that does not settle
 * in time, becomes `dedupe_store_failed` (the error as `cause`).
 */
async function callStore<T>(
  store: WebhookDedupeStore,
  timeoutMs: number,
  method: keyof WebhookDedupeStore,
  eventId: string,
  ...rest: number[]
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within storeTimeoutMs (${timeoutMs} ms)`)), timeoutMs);
  });
  try {
    return await Promise.race([(store[method] as (id: string, ...rest: number[]) => Promise<T>)(eventId, ...rest), late]);
  } catch (error) {
    throw webhookHandlingError(
      'dedupe_store_failed',
      `webhook dedupe store: ${method}(${JSON.stringify(eventId)}) failed; see cause`,
      error,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `fn(event)` once per event id, however many times and however concurrently the event is
 * delivered. `fn` runs only for the caller whose `store.claim` answers `'claimed'`; when it
 * returns, the event is completed (`'processed'`, with `fn`'s result); when it throws, the claim
 * is released, so the next delivery runs it, and the error is rethrown unchanged. A duplicate of
 * a completed event is `'duplicate'`; one that arrives while another caller is still running `fn`
 * is `'in_progress'` (answer it so that Plugipay delivers it again later: the handlers answer 409).
 *
 * Store failures are `PlugipayError`s `dedupe_store_failed` with the store's error as `cause`.
 * If `complete` fails after `fn` ran, that error is thrown: the event stays claimed until
 * `ttlSec` passes and a redelivery after that runs `fn` again, so make `fn` safe to repeat in
 * that rare case, or use a store that does not fail.
 *
 * @example
 * ```ts
 * import { handleOnce, memoryDedupe, type WebhookEvent } from 'plugipay-edge';
 *
 * const store = memoryDedupe();
 *
 * export async function onEvent(event: WebhookEvent) {
 *   const outcome = await handleOnce(store, event, async (e) => {
 *     console.log('fulfilling', e.id);
 *     return e.type;
 *   });
 *   if (outcome.status === 'processed') console.log('handled', outcome.result);
 *   return outcome.status; // 'processed' | 'duplicate' | 'in_progress'
 * }
 * ```
 */
export async function handleOnce<E extends { id: string }, T>(
  store: WebhookDedupeStore,
  event: E,
  fn: (event: E) => T | PromiseLike<T>,
  options: HandleOnceOptions = {},
): Promise<HandleOnceResult<Awaited<T>>> {
  checkDedupeStore(store, 'handleOnce(store, …)');
  const id = (event as { id?: unknown } | null)?.id;
  if (typeof id != 'string' || !id) {
    throw webhookHandlingError(
      'invalid_request',
      'handleOnce(store, event, …): event must have a non-empty string id: pass the verified event',
    );
  }
  if (typeof fn != 'function') throw webhookHandlingError('invalid_request', 'handleOnce(store, event, fn): fn must be a function');
  const ttlSec = options?.ttlSec === undefined ? DEFAULT_DEDUPE_TTL_SEC : checkTtlSec(options.ttlSec, 'handleOnce');
  const timeoutMs =
    options?.storeTimeoutMs === undefined ? DEFAULT_STORE_TIMEOUT_MS : checkStoreTimeoutMs(options.storeTimeoutMs, 'handleOnce');

  const claim = await callStore<unknown>(store, timeoutMs, 'claim', id, ttlSec);
  if (!CLAIMS.includes(claim)) {
    throw webhookHandlingError(
      'dedupe_store_invalid',
      `webhook dedupe store: claim(${JSON.stringify(id)}) resolved to ${typeof claim == 'string' ? JSON.stringify(claim) : typeof claim}: it must resolve to 'claimed', 'processing' or 'done'`,
    );
  }
  if (claim == 'done') return { status: 'duplicate' };
  if (claim == 'processing') return { status: 'in_progress' };

  let result: Awaited<T>;
  try {
    result = await fn(event);
  } catch (error) {
    try {
      await callStore(store, timeoutMs, 'release', id);
    } catch (releaseError) {
      // Both matter: the handler's error is the bug to fix, the release's says why the next
      // delivery will wait for the claim to expire. Neither is dropped.
      throw webhookHandlingError(
        'dedupe_store_failed',
        `handleOnce: fn threw and release(${JSON.stringify(id)}) failed too, so the claim holds until ttlSec (${ttlSec} s) passes; cause.errors holds [fn's error, the store's error]`,
        new AggregateError([error, (releaseError as PlugipayError).cause], 'fn and release both failed'),
      );
    }
    throw error;
  }
  await callStore(store, timeoutMs, 'complete', id);
  return { status: 'processed', result };
}
