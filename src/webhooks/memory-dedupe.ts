/**
 * The in-process dedupe store: a `Map` from event id to its state. `claim` is atomic because it
 * reads and writes the map without awaiting in between; it is right for one process (a Node
 * server, tests) and wrong for anything that runs on several isolates or machines.
 */
import { webhookHandlingError } from '../core/errors';
import { newClaimOwner, type WebhookDedupeStore } from './handle-once';

/** Options of `memoryDedupe`, and of the other SDK stores where they apply. */
export interface DedupeStoreOptions {
  /**
   * How long a completed event is remembered, in whole seconds. Default 604800 (7 days), beyond
   * Plugipay's retry window (about 72 hours); a delivery after it runs the handler again.
   */
  retainSec?: number;
  /** The clock, in milliseconds (default `Date.now`): inject one to test claim expiry. */
  now?: () => number;
}

/** Default time a completed event id is kept: 7 days. */
export const DEFAULT_RETAIN_SEC = 7 * 24 * 3600;

/** Checks the shared store options; returns `retainSec` in seconds and the clock. */
export function storeOptions(options: DedupeStoreOptions | undefined, where: string): { retainSec: number; now: () => number } {
  const { retainSec = DEFAULT_RETAIN_SEC, now = Date.now } = options ?? {};
  if (!Number.isSafeInteger(retainSec) || retainSec <= 0) {
    throw webhookHandlingError(
      'invalid_request',
      `${where}: retainSec must be a positive whole number of seconds (got ${String(retainSec)}); omit it for 7 days`,
    );
  }
  if (typeof now != 'function') throw webhookHandlingError('invalid_request', `${where}: now must be a function returning milliseconds`);
  return { retainSec, now };
}

/** Options of `memoryDedupe`. */
export interface MemoryDedupeOptions extends DedupeStoreOptions {
  /**
   * The most event ids held at once (a whole number ≥ 1; default 100,000, about 15 MB). When it
   * is reached, the oldest entry that is expired or completed is forgotten (a redelivery of a
   * forgotten completion runs the handler again); when every entry is a live claim, `claim` fails
   * (`dedupe_store_failed` from `handleOnce`), so the delivery is retried later instead of run twice.
   */
  maxEntries?: number;
}

/** Default bound on held ids: 100,000 (about 150 B each). */
export const DEFAULT_MAX_ENTRIES = 100_000;

interface Entry {
  /** The claim's owner token while it is being handled; absent once it is done. */
  owner?: string;
  /** Milliseconds: a claim expires (crashed process), a completed id is forgotten. */
  until: number;
}

/**
 * A `WebhookDedupeStore` in this process's memory, for a single Node server and for tests.
 * Completed ids are forgotten after `retainSec`; expired entries are swept as the map grows, and
 * it never holds more than `maxEntries` ids (oldest completions go first), so memory stays bounded.
 *
 * @example
 * ```ts
 * import { handleOnce, memoryDedupe, type WebhookEvent } from 'plugipay-edge';
 *
 * const dedupe = memoryDedupe({ maxEntries: 10_000 });
 * export const fulfil = (event: WebhookEvent) => handleOnce(dedupe, event, async () => 'shipped');
 * ```
 */
export function memoryDedupe(options?: MemoryDedupeOptions): WebhookDedupeStore {
  const { retainSec, now } = storeOptions(options, 'memoryDedupe');
  const maxEntries = options?.maxEntries === undefined ? DEFAULT_MAX_ENTRIES : options.maxEntries;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw webhookHandlingError(
      'invalid_request',
      `memoryDedupe: maxEntries must be a whole number ≥ 1 (got ${String(maxEntries)}); omit it for ${DEFAULT_MAX_ENTRIES}`,
    );
  }
  // Insertion order is age: every write deletes the id first, so the map's first entries are
  // the oldest claims and completions, the ones to forget first.
  const entries = new Map<string, Entry>();
  let sweepAt = 1024;
  const put = (eventId: string, entry: Entry) => {
    entries.delete(eventId);
    entries.set(eventId, entry);
  };

  function sweep(at: number) {
    for (const [id, entry] of entries) if (entry.until <= at) entries.delete(id);
    // Amortized: the next sweep waits until the map has doubled again.
    sweepAt = Math.max(1024, entries.size * 2);
  }

  /** Makes room for one more id: the oldest expired or completed entry goes; live claims stay. */
  function evictOne(at: number, eventId: string) {
    for (const [id, entry] of entries) {
      if (entry.until <= at || !entry.owner) return void entries.delete(id);
    }
    throw new Error(
      `memoryDedupe: all ${maxEntries} entries (maxEntries) are live claims, so ${JSON.stringify(eventId)} cannot be claimed now; raise maxEntries`,
    );
  }

  return {
    async claim(eventId, ttlSec) {
      const at = now();
      if (entries.size >= sweepAt) sweep(at);
      const entry = entries.get(eventId);
      if (entry && entry.until > at) return { state: entry.owner ? 'processing' : 'done' };
      if (!entry && entries.size >= maxEntries) evictOne(at, eventId);
      const owner = newClaimOwner();
      put(eventId, { owner, until: at + ttlSec * 1000 });
      return { state: 'claimed', owner };
    },
    async complete(eventId, owner) {
      const entry = entries.get(eventId);
      // Only over our own claim, or over nothing (it expired and was swept): another owner's live
      // claim, or a completion, stays as it is.
      if (entry && entry.owner !== owner) return;
      if (!entry && entries.size >= maxEntries) evictOne(now(), eventId);
      put(eventId, { until: now() + retainSec * 1000 });
    },
    async release(eventId, owner) {
      if (entries.get(eventId)?.owner === owner) entries.delete(eventId);
    },
  };
}
