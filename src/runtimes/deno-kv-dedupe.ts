/**
 * A webhook dedupe store on Deno KV. A claim reads the entry, then commits an atomic operation
 * that checks the entry's versionstamp is still the one it read: of concurrent claimers only one
 * commit succeeds, the others re-read and see the winner's claim. KV is strongly consistent for
 * these operations (locally and on Deno Deploy), which is what makes the check sound.
 * `complete` and `release` work the same way: read, check that the entry is still the caller's
 * own claim, commit against the versionstamp read, so a newer owner's claim is never touched.
 */
import { webhookHandlingError } from '../core/errors';
import { newClaimOwner, type WebhookDedupeStore } from '../webhooks/handle-once';
import { storeOptions, type DedupeStoreOptions } from '../webhooks/memory-dedupe';

/** A Deno KV key part (declared here rather than through Deno's types: the package compiles with `types: []`). */
export type DenoKvKeyPart = string | number | bigint | boolean | Uint8Array;

/** The part of `Deno.Kv` the store uses. */
export interface DenoKvLike {
  /** Reads one entry; `versionstamp` is `null` when there is none. */
  get(key: DenoKvKeyPart[]): Promise<{ key: readonly DenoKvKeyPart[]; value: unknown; versionstamp: string | null }>;
  /** Writes one entry; `expireIn` (ms) lets KV delete it later. */
  set(key: DenoKvKeyPart[], value: unknown, options?: { expireIn?: number }): Promise<unknown>;
  /** Starts an atomic operation. */
  atomic(): DenoKvAtomicLike;
}

/** The part of `Deno.AtomicOperation` the store uses. */
export interface DenoKvAtomicLike {
  /** Fails the commit unless each key still has the given versionstamp. */
  check(...checks: Array<{ key: readonly DenoKvKeyPart[]; versionstamp: string | null }>): DenoKvAtomicLike;
  /** Writes an entry if the checks hold. */
  set(key: DenoKvKeyPart[], value: unknown, options?: { expireIn?: number }): DenoKvAtomicLike;
  /** Deletes an entry if the checks hold. */
  delete(key: DenoKvKeyPart[]): DenoKvAtomicLike;
  /** Commits: `ok` is false when a check failed. */
  commit(): Promise<{ ok: boolean }>;
}

/** Options of `denoKvDedupe`. */
export interface DenoKvDedupeOptions extends DedupeStoreOptions {
  /** Key prefix of the entries. Default `['plugipay', 'webhook_events']`. */
  prefix?: DenoKvKeyPart[];
}

interface Held {
  done: boolean;
  until: number;
  /** The claim's owner token while it is being handled. */
  owner?: string;
}

/** Commits lost in a row before `claim` gives up: each loss means another caller just wrote the key. */
const MAX_ATTEMPTS = 16;

/**
 * Local Deno KV is a SQLite file: when two processes (or two `Deno.openKv` handles, as with
 * `deno serve --parallel`) write at once, one of them can get `database is locked`. That is
 * contention, not failure, so the operation is tried again after a short random pause; Deno
 * Deploy's KV never throws it. Anything else, or a lock that outlasts the attempts, is thrown.
 */
async function unlocked<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= 8 || !/database is locked/i.test(String((error as Error)?.message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * A `WebhookDedupeStore` on Deno KV (`await Deno.openKv()`; Deno Deploy, or local with
 * `--unstable-kv`). Entries carry `expireIn`, so KV deletes abandoned claims and forgotten
 * completions itself; the store also checks the expiry it recorded, since KV deletes lazily.
 *
 * @example
 * ```ts
 * import { denoKvDedupe, handleOnce, verifyWebhookRequest } from 'plugipay-edge/deno';
 * import type { DenoKvLike } from 'plugipay-edge/deno';
 *
 * declare const kv: DenoKvLike; // const kv = await Deno.openKv();
 * const dedupe = denoKvDedupe(kv);
 *
 * export async function onRequest(request: Request, secret: string): Promise<Response> {
 *   const event = await verifyWebhookRequest(request, secret);
 *   const outcome = await handleOnce(dedupe, event, async () => console.log('fulfilling', event.id));
 *   return new Response(outcome.status, { status: outcome.status === 'in_progress' ? 409 : 200 });
 * }
 * ```
 */
export function denoKvDedupe(kv: DenoKvLike, options?: DenoKvDedupeOptions): WebhookDedupeStore {
  if (typeof kv?.get != 'function' || typeof kv.atomic != 'function') {
    throw webhookHandlingError(
      'invalid_config',
      'denoKvDedupe(kv): pass a Deno KV database (await Deno.openKv(); locally run with --unstable-kv)',
    );
  }
  const { retainSec, now } = storeOptions(options, 'denoKvDedupe');
  const prefix = options?.prefix ?? ['plugipay', 'webhook_events'];
  if (!Array.isArray(prefix)) throw webhookHandlingError('invalid_config', 'denoKvDedupe: prefix must be an array of key parts');
  const key = (eventId: string) => [...prefix, eventId];

  /**
   * Writes (`value`) or deletes (`undefined`) the entry when it is `owner`'s claim (or, to
   * complete, when there is none), committed against the versionstamp read so that a claim taken
   * in between is never overwritten; a lost commit re-reads and decides again.
   */
  const ifOwned = (eventId: string, owner: string, value?: Held) =>
    unlocked(async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const entry = await kv.get(key(eventId));
        const held = entry.value as Held | null;
        if (held ? held.done || held.owner !== owner : !value) return;
        const op = kv.atomic().check(entry);
        const committed = await (value ? op.set(key(eventId), value, { expireIn: retainSec * 1000 }) : op.delete(key(eventId))).commit();
        if (committed.ok) return;
      }
      throw new Error(`denoKvDedupe: ${MAX_ATTEMPTS} commits on ${JSON.stringify(eventId)} lost in a row to other writers`);
    });

  return {
    claim: (eventId, ttlSec) =>
      unlocked(async () => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const entry = await kv.get(key(eventId));
          const held = entry.value as Held | null;
          const at = now();
          if (held && held.until > at) return { state: held.done ? 'done' : 'processing' } as const;
          const owner = newClaimOwner();
          const committed = await kv
            .atomic()
            .check(entry)
            .set(key(eventId), { done: false, until: at + ttlSec * 1000, owner } satisfies Held, { expireIn: ttlSec * 1000 })
            .commit();
          if (committed.ok) return { state: 'claimed', owner } as const;
        }
        // Sixteen other writers in a row: someone is claiming and releasing it right now.
        return { state: 'processing' } as const;
      }),
    complete: (eventId, owner) => ifOwned(eventId, owner, { done: true, until: now() + retainSec * 1000 }),
    release: (eventId, owner) => ifOwned(eventId, owner),
  };
}
