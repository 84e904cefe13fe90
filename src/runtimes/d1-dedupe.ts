/**
 * A webhook dedupe store on Cloudflare D1. Each claim is one batch (a D1 batch is one SQL
 * transaction): a conditional upsert that takes the row only when it is absent or expired, and a
 * read of the state it found. SQLite runs it under its write lock, so of any number of concurrent
 * claims on any number of isolates exactly one inserts: atomic by construction, not by retry.
 *
 * A live claim's `state` is its owner token (`done` once completed), so `complete` and
 * `release` are single statements conditioned on it: they touch only the caller's own claim,
 * and the table keeps the shape it had before owners existed (an old `processing` row is a
 * claim nobody owns, which expires as before).
 */
import { webhookHandlingError } from '../core/errors';
import { newClaimOwner, type WebhookDedupeStore } from '../webhooks/handle-once';
import { storeOptions, type DedupeStoreOptions } from '../webhooks/memory-dedupe';

/** The part of a D1 prepared statement the store uses (declared here: the package compiles with `types: []`). */
export interface D1StatementLike {
  /** Binds `?1`, `?2`, … in order. */
  bind(...values: unknown[]): D1StatementLike;
  /** Runs the statement. */
  run(): Promise<unknown>;
}

/** The part of a D1 binding (`env.DB`) the store uses. */
export interface D1DatabaseLike {
  /** Prepares one SQL statement. */
  prepare(query: string): D1StatementLike;
  /** Runs statements in order as one transaction; one result (with `results` rows) each. */
  batch(statements: D1StatementLike[]): Promise<Array<{ results?: unknown[] }>>;
}

/** Options of `d1Dedupe`. */
export interface D1DedupeOptions extends DedupeStoreOptions {
  /** The table that holds event ids, created on first use. Default `plugipay_webhook_events`. */
  table?: string;
}

/** Expired rows each claim deletes: more than the one row a claim can add, few enough to stay cheap. */
const SWEEP_ROWS = 16;

/** Tables already created, per D1 binding: `CREATE TABLE IF NOT EXISTS` rides along once per isolate, not per call. */
const created = new WeakMap<object, Set<string>>();

/**
 * A `WebhookDedupeStore` on a Cloudflare D1 database, for Workers on any number of isolates.
 * The table (`event_id` primary key, `state`, `expires_at` in ms, indexed) is created on the
 * first claim. Each claim also deletes up to 16 rows whose time is up (completed events past
 * `retainSec`, abandoned claims past `ttlSec`: rows a claim would take anyway), so the table
 * holds about the events of the last `retainSec` and never grows without bound.
 *
 * @example
 * ```ts
 * import { createWebhookHandler, d1Dedupe, type D1DatabaseLike } from 'plugipay-edge/workers';
 *
 * interface Env { DB: D1DatabaseLike; PLUGIPAY_WEBHOOK_SECRET: string }
 *
 * export default {
 *   fetch: createWebhookHandler<Env>(
 *     async (event) => {
 *       console.log('fulfilling', event.id); // runs once per event id
 *     },
 *     { dedupe: (env) => d1Dedupe(env.DB) },
 *   ),
 * };
 * ```
 */
export function d1Dedupe(db: D1DatabaseLike, options?: D1DedupeOptions): WebhookDedupeStore {
  if (typeof db?.prepare != 'function' || typeof db.batch != 'function') {
    throw webhookHandlingError(
      'invalid_config',
      'd1Dedupe(db): pass a D1 binding (env.DB, declared under [[d1_databases]] in wrangler.toml)',
    );
  }
  const { retainSec, now } = storeOptions(options, 'd1Dedupe');
  const table = options?.table ?? 'plugipay_webhook_events';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
    throw webhookHandlingError(
      'invalid_config',
      `d1Dedupe: table must be a plain SQL identifier (letters, digits, _), got ${JSON.stringify(table)}`,
    );
  }
  const createSql = [
    `CREATE TABLE IF NOT EXISTS ${table} (event_id TEXT PRIMARY KEY, state TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
    // For the sweep below (tables made before it existed get the index on their first claim too).
    `CREATE INDEX IF NOT EXISTS ${table}_expires_at ON ${table} (expires_at)`,
  ];
  // ?1 id, ?2 the new expiry, ?3 now, ?4 the owner token: the row is taken only when absent or expired.
  const claimSql =
    `INSERT INTO ${table} (event_id, state, expires_at) VALUES (?1, ?4, ?2) ` +
    `ON CONFLICT (event_id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at ` +
    `WHERE ${table}.expires_at <= ?3 RETURNING event_id`;
  const readSql = `SELECT state FROM ${table} WHERE event_id = ?1`;
  // ?3 the owner: done over its own claim, or where no row is left (swept after it expired).
  const completeSql =
    `INSERT INTO ${table} (event_id, state, expires_at) VALUES (?1, 'done', ?2) ` +
    `ON CONFLICT (event_id) DO UPDATE SET state = 'done', expires_at = excluded.expires_at WHERE ${table}.state = ?3`;
  const releaseSql = `DELETE FROM ${table} WHERE event_id = ?1 AND state = ?2`;
  // ?1 now: a few rows whose time is up go with each claim. Deleting such a row changes no
  // answer (a claim takes an expired row as if it were absent), and each claim adds at most one.
  const sweepSql = `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE expires_at <= ?1 LIMIT ${SWEEP_ROWS})`;

  return {
    async claim(eventId, ttlSec) {
      const at = now();
      const owner = newClaimOwner();
      const tables = created.get(db) ?? new Set<string>();
      const fresh = !tables.has(table);
      const statements = [
        ...(fresh ? createSql.map((sql) => db.prepare(sql)) : []),
        db.prepare(claimSql).bind(eventId, at + ttlSec * 1000, at, owner),
        db.prepare(readSql).bind(eventId),
        db.prepare(sweepSql).bind(at),
      ];
      const results = await db.batch(statements);
      if (fresh) created.set(db, tables.add(table));
      const [claimed, read] = results.slice(fresh ? createSql.length : 0);
      if (claimed?.results?.length) return { state: 'claimed', owner };
      const state = (read?.results?.[0] as { state?: unknown } | undefined)?.state;
      // Released between the two statements is impossible inside one transaction; anything but
      // 'done' means a live claim.
      return { state: state === 'done' ? 'done' : 'processing' };
    },
    async complete(eventId, owner) {
      await db
        .prepare(completeSql)
        .bind(eventId, now() + retainSec * 1000, owner)
        .run();
    },
    async release(eventId, owner) {
      await db.prepare(releaseSql).bind(eventId, owner).run();
    },
  };
}
