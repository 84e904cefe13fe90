/**
 * What a route handler receives and returns. Handlers are plain functions over this context:
 * they never build HTTP responses themselves, so the dispatcher owns envelopes, ids and CORS.
 */
import type { EventRecord } from '../../resources/events';
import type { WebhookDelivery } from '../../resources/webhook-endpoints';
import type { TriggerResult } from './trigger';
import type { DeliveryExchange, RedeliverOptions } from './webhook-delivery';
import type { Emit } from './emit';
import type { ListMetaShape, Page } from './pagination';
import type { AccountRegistry, AccountState } from './state';

/** Everything shared by all requests of one emulator. */
export interface World {
  nowMs(): number;
  /** The emulator clock as an ISO-8601 string, optionally shifted by `offsetMs`. */
  iso(offsetMs?: number): string;
  accounts: AccountRegistry;
  listMeta: ListMetaShape;
  /** Records an event and queues its webhook deliveries. */
  recordEvent(account: AccountState, input: EventInput): EventRecord;
  /** Queues one more attempt of a webhook delivery. */
  requeueDelivery(account: AccountState, deliveryId: string): void;
  /** Delivers an existing event again (same id and body), `copies` at once per endpoint. */
  redeliverEvent(account: AccountState, event: EventRecord, options?: RedeliverOptions): WebhookDelivery[];
  /** The workspace of requests that name none. */
  defaultAccountId: string;
  /** The key id the dashboard shows (never the secret). */
  keyId: string;
  /** The hosted page's scripts from the installed package, when the host can read them. */
  pageAssets: PageAssets | undefined;
  /** Runs the recipe of one catalog event type (`emulator.trigger`); `origin` is where links point. */
  trigger(account: AccountState, type: string, origin: string): TriggerResult;
  /** What the last attempt of a delivery sent and got back, while the emulator still holds it. */
  deliveryExchange(deliveryId: string): DeliveryExchange | undefined;
  /** The signing secret of endpoints created without one fixed (the command's stable `whsec_`); unset: a fresh one each. */
  webhookSecret: string | undefined;
}

/** Reads a file of the built package for the hosted checkout page (`browser.mjs` and its `shared/<chunk>.mjs` files). */
export type PageAssets = (name: string) => string | Uint8Array<ArrayBuffer> | undefined;

export interface EventInput {
  type: string;
  object: unknown;
  aggregateType?: string;
  aggregateId?: string;
  extras?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** What a state change needs: the clock, the workspace, and a way to record events. */
export interface Mutation {
  world: World;
  account: AccountState;
  /** Records an event stamped with what caused it (a no-op while seeding). */
  emit: Emit;
}

export interface RouteContext extends Mutation {
  request: Request;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; `{}` when the request had none. */
  body: unknown;
  requestId: string;
  idempotencyKey: string | null;
  /** Origin the emulator was reached at, for links it hands out (QR images). */
  origin: string;
  /** Seeding only: the id to give the created object. */
  presetId?: string;
}

export type Reply =
  | { kind: 'data'; status: number; data: unknown }
  | { kind: 'page'; page: Page<unknown> }
  | { kind: 'empty' }
  /** A non-JSON body (an image, a page, a script): sent as is (CORS headers only under /api/v1). */
  | { kind: 'raw'; status: number; contentType: string; body: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string> };

/** Synchronous on purpose: state changes are atomic, and seeding can run them at construction. */
export type Handler = (ctx: RouteContext) => Reply;

export const ok = (data: unknown): Reply => ({ kind: 'data', status: 200, data });
export const created = (data: unknown): Reply => ({ kind: 'data', status: 201, data });
export const listed = (page: Page<unknown>): Reply => ({ kind: 'page', page });
export const noContent = (): Reply => ({ kind: 'empty' });
