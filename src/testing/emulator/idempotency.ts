/**
 * The server's idempotency promise (docs/wire.md, idempotency): per workspace, the same key with the
 * same method, target and body replays the first response; the same key with anything else is a
 * 409. A duplicate that arrives while the first is still running waits for the first's result
 * instead of racing it, so fifty parallel creates under one key make exactly one object.
 *
 * A replay sends the first response's status and body byte for byte, so its `meta.requestId` is
 * the original one (as Stripe does), plus the header `Idempotent-Replayed: true`.
 */
import { bodyResponse } from './reply';

export interface StoredResponse {
  status: number;
  headers: [string, string][];
  /** `null` for a bodiless answer (204). */
  body: string | null;
}

interface Entry {
  fingerprint: string;
  storedAt: number;
  /** `null` when the first attempt produced nothing worth replaying (a 5xx): the key is free again. */
  result: Promise<StoredResponse | null>;
}

export type IdempotencyClaim =
  | { kind: 'first'; settle(result: StoredResponse | null): void }
  | { kind: 'duplicate'; result: Promise<StoredResponse | null> }
  | { kind: 'conflict'; fingerprint: string };

/** How long a key is remembered, as on the server. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How many keys are remembered at most: a long-running `plugipay-emulator` keeps about 4 KB per
 * write, so a day of a busy load test would otherwise hold hundreds of megabytes. Past the
 * bound the oldest key is forgotten first (its retry then runs again, as after 24 h).
 */
export const IDEMPOTENCY_MAX_ENTRIES = 10_000;

export class IdempotencyStore {
  /** In claim order, so the oldest entries are the first ones: expiry and eviction stop at the first young one. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly nowMs: () => number,
    private readonly maxEntries = IDEMPOTENCY_MAX_ENTRIES,
  ) {}

  /** How many keys are remembered now. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Synchronous on purpose: the lookup and the claim happen in one turn of the event loop, so
   * no other request can slip in between them.
   */
  claim(accountId: string, key: string, fingerprint: string): IdempotencyClaim {
    const now = this.nowMs();
    this.forgetExpired(now);
    const slot = `${accountId}\u0000${key}`;
    const existing = this.entries.get(slot);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { kind: 'conflict', fingerprint: existing.fingerprint };
      return { kind: 'duplicate', result: existing.result };
    }
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    let settle!: (result: StoredResponse | null) => void;
    const result = new Promise<StoredResponse | null>((resolve) => (settle = resolve));
    const entry: Entry = { fingerprint, storedAt: now, result };
    this.entries.set(slot, entry);
    return {
      kind: 'first',
      settle: (stored) => {
        if (stored === null && this.entries.get(slot) === entry) this.entries.delete(slot);
        settle(stored);
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Drops the keys older than the TTL. Entries are in claim order and a clock only moves
   * forward, so this stops at the first one still young: a request pays for what expired.
   * (A clock moved backwards only keeps entries a little longer.)
   */
  private forgetExpired(now: number): void {
    for (const [slot, entry] of this.entries) {
      if (now - entry.storedAt < IDEMPOTENCY_TTL_MS) return;
      this.entries.delete(slot);
    }
  }
}

export async function storeResponse(response: Response): Promise<StoredResponse> {
  return {
    status: response.status,
    headers: [...response.headers],
    body: response.status === 204 ? null : await response.clone().text(),
  };
}

export function replayResponse(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers);
  headers.set('Idempotent-Replayed', 'true');
  return stored.body === null
    ? new Response(null, { status: stored.status, headers })
    : bodyResponse(stored.body, { status: stored.status, headers });
}
