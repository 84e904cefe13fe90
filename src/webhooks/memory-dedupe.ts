/**
 * The in-process dedupe store: a `Map` from event id to its state. `claim` is atomic because it
 * reads and writes the map without awaiting in between; it is right for one process (a Node
 * server, tests) and wrong for anything that runs on several isolates or machines.
 */
import { webhookHandlingError } from '../core/errors';
import type { WebhookDedupeStore } from './handle-once';

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

interface Entry {
  done: boolean;
  /** Milliseconds: a claim expires (crashed process), a completed id is forgotten. */
  until: number;
}

/**
 * A `WebhookDedupeStore` in this process's memory, for a single Node server and for tests.
 * Completed ids are forgotten after `retainSec`; expired entries are swept as the map grows, so
 * memory stays proportional to the events of the retention window.
 *
 * @example
 * ```ts
 * import { handleOnce, memoryDedupe, type WebhookEvent } from 'plugipay-edge';
 *
 * const dedupe = memoryDedupe();
 * export const fulfil = (event: WebhookEvent) => handleOnce(dedupe, event, async () => 'shipped');
 * ```
 */
export function memoryDedupe(options?: DedupeStoreOptions): WebhookDedupeStore {
  const { retainSec, now } = storeOptions(options, 'memoryDedupe');
  const entries = new Map<string, Entry>();
  let sweepAt = 1024;

  function sweep(at: number) {
    for (const [id, entry] of entries) if (entry.until <= at) entries.delete(id);
    // Amortized: the next sweep waits until the map has doubled again.
    sweepAt = Math.max(1024, entries.size * 2);
  }

  return {
    async claim(eventId, ttlSec) {
      const at = now();
      if (entries.size >= sweepAt) sweep(at);
      const entry = entries.get(eventId);
      if (entry && entry.until > at) return entry.done ? 'done' : 'processing';
      entries.set(eventId, { done: false, until: at + ttlSec * 1000 });
      return 'claimed';
    },
    async complete(eventId) {
      entries.set(eventId, { done: true, until: now() + retainSec * 1000 });
    },
    async release(eventId) {
      if (entries.get(eventId)?.done === false) entries.delete(eventId);
    },
  };
}
