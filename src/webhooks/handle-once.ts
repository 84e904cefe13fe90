/**
 * Exactly-once webhook handling over an at-least-once delivery: a store claims an event id
 * atomically, `handleOnce` runs the handler only for the one caller that won the claim, and
 * records the outcome. Lives in the core entry, not in `plugipay-edge/webhooks` (which stays at
 * verification alone, within its 2 KB budget).
 */
import { webhookHandlingError, type PlugipayError } from '../core/errors';

/**
 * What `WebhookDedupeStore.claim` answers: this caller now owns the event (with the token that
 * names its claim), another caller's claim is live, or the event is done.
 */
export type DedupeClaim = { state: 'claimed'; owner: string } | { state: 'processing' } | { state: 'done' };

/**
 * A fresh owner token for a claim: random, so that no two claims (on any isolate or machine)
 * share one, and never `'done'` or `'processing'`, so a store may keep it in its state column.
 */
export const newClaimOwner = (): string => crypto.randomUUID();

/**
 * Where handled event ids are kept. Write one for any store with an atomic
 * compare-and-set (Redis `SET key NX EX ttl` and a compare-and-delete script, Postgres
 * `INSERT … ON CONFLICT DO UPDATE … WHERE`); the SDK ships `memoryDedupe()`, `d1Dedupe(db)`
 * (Workers) and `denoKvDedupe(kv)` (Deno).
 *
 * Every claim has an owner token. `complete` and `release` act only on the caller's own
 * claim: a run that outlived `ttlSec` (its claim expired and a redelivery claimed the event
 * again) must not delete or finish the newer run's claim, or a third delivery would run
 * concurrently with it.
 *
 * @example
 * ```ts
 * import { newClaimOwner, type WebhookDedupeStore } from 'plugipay-edge';
 *
 * // A store over a Map, to show the contract; memoryDedupe() is the real one.
 * const seen = new Map<string, { owner?: string; until: number }>();
 * const mapStore: WebhookDedupeStore = {
 *   async claim(eventId, ttlSec) {
 *     const held = seen.get(eventId);
 *     if (held && (!held.owner || held.until > Date.now())) return { state: held.owner ? 'processing' : 'done' };
 *     const owner = newClaimOwner();
 *     seen.set(eventId, { owner, until: Date.now() + ttlSec * 1000 });
 *     return { state: 'claimed', owner };
 *   },
 *   async complete(eventId, owner) {
 *     const held = seen.get(eventId);
 *     if (!held || held.owner === owner) seen.set(eventId, { until: Infinity });
 *   },
 *   async release(eventId, owner) {
 *     if (seen.get(eventId)?.owner === owner) seen.delete(eventId);
 *   },
 * };
 * ```
 */
export interface WebhookDedupeStore {
  /**
   * Atomically claims `eventId`: of any number of concurrent callers for one id, exactly one
   * gets `{ state: 'claimed', owner }`, with a token no other claim has. A claim that is neither
   * completed nor released within `ttlSec` seconds (its process crashed, or its run is still
   * going) expires, and the next caller claims it again, with a new owner. Otherwise the answer
   * is `{ state: 'processing' }` (a live claim) or `{ state: 'done' }` (completed).
   */
  claim(eventId: string, ttlSec: number): Promise<DedupeClaim>;
  /**
   * Marks `eventId` handled (every later `claim` answers `'done'`, for as long as the store keeps
   * it), in one atomic step, when `owner`'s claim still holds it, or nothing does; a claim of
   * another owner, or a completion, is left as it is.
   */
  complete(eventId: string, owner: string): Promise<void>;
  /**
   * Drops `owner`'s claim on `eventId` (its handler failed), so the next delivery claims it
   * again, in one atomic step; another owner's claim, or a completion, is left as it is.
   */
  release(eventId: string, owner: string): Promise<void>;
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

/**
 * The largest delay `setTimeout` honours on every runtime (a signed 32-bit millisecond count).
 * The client's option rules hold the same limit; it is spelled out here so that exactly-once
 * handling imports nothing of the client (a webhook-only Worker stays small).
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

/** A contract-breaking answer as the error shows it: its JSON, cut short (a BigInt or a cycle: its type). */
function shown(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 80);
  } catch {
    return typeof value;
  }
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
  ...rest: Array<number | string>
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within storeTimeoutMs (${timeoutMs} ms)`)), timeoutMs);
  });
  try {
    return await Promise.race([(store[method] as (id: string, ...rest: Array<number | string>) => Promise<T>)(eventId, ...rest), late]);
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

  const claim = await callStore<Partial<DedupeClaim & { owner: unknown }> | null>(store, timeoutMs, 'claim', id, ttlSec);
  const state = claim?.state;
  const owner = claim?.owner;
  if (state == 'done') return { status: 'duplicate' };
  if (state == 'processing') return { status: 'in_progress' };
  if (state != 'claimed' || typeof owner != 'string' || !owner) {
    throw webhookHandlingError(
      'dedupe_store_invalid',
      `webhook dedupe store: claim(${JSON.stringify(id)}) resolved to ${shown(claim)}: it must resolve to { state: 'claimed', owner: '<token>' }, { state: 'processing' } or { state: 'done' }`,
    );
  }

  let result: Awaited<T>;
  try {
    result = await fn(event);
  } catch (error) {
    try {
      await callStore(store, timeoutMs, 'release', id, owner);
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
  await callStore(store, timeoutMs, 'complete', id, owner);
  return { status: 'processed', result };
}
