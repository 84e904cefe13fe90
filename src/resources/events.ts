/**
 * Events: the same ids and payloads that go out as webhooks. To backfill a consumer, list with
 * the `occurred*` window, then replay.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp, Mode } from './shared-types';
import { json, page, route, type RouteTable } from './route';
import { accepts, id, jsonObject, listParams, nonEmpty, nonEmptyText, timestamp } from './schemas';

/** Filters and paging of `events.list`. */
export interface EventListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest or oldest first; servers disagree on the default, so set it when the order matters (`asc` to backfill). */
  order?: 'asc' | 'desc';
  /** Only events of this type, an exact match (no wildcards), e.g. `plugipay.invoice.paid.v1`. */
  type?: string;
  /** Only events that occurred at or after this time (ISO-8601 string or `Date`). */
  occurredAfter?: string | Date;
  /** Only events that occurred before this time (ISO-8601 string or `Date`): the window is [after, before). */
  occurredBefore?: string | Date;
}

/** What `events.replay` takes: the events to deliver again. */
export interface EventReplayInput {
  /** The ids of the events to send again to your webhook endpoints; at least one. */
  eventIds: string[];
}

/** What `events.trigger` takes: a test event to emit (test-mode keys only). */
export interface EventTriggerInput {
  /** The event type, non-empty, e.g. `plugipay.invoice.paid.v1` (see `WebhookEventType`). */
  type: string;
  /** The id of the resource the event concerns. */
  aggregateId: string;
  /** The event's `data`: `object` (the resource) and any extras the type carries; any JSON object. */
  data?: Record<string, unknown>;
}

/**
 * What `events.replay` answers. The API documents this answer only loosely, so every field may be
 * missing (and others may be present); these are the fields the emulator in
 * `plugipay-edge/testing` sends.
 */
export interface EventReplayResult {
  /** How many events were sent again. */
  replayed?: number;
  /** The new event records, each with `metadata.replayOf` set to the original's id. */
  events?: EventRecord[];
  [extra: string]: unknown;
}

/**
 * What `events.trigger` answers: the event it emitted. The API documents this answer only
 * loosely, so every field may be missing (and others may be present); the emulator in
 * `plugipay-edge/testing` sends the whole `EventRecord`.
 */
export interface EventTriggerResult {
  /** The new event's id (what its webhook deliveries carry). */
  id?: Id;
  /** The type that was triggered. */
  type?: string;
  /** When the event was recorded. */
  occurredAt?: Timestamp;
  /** The event's `data`, as its webhook carries it. */
  data?: EventData;
  [extra: string]: unknown;
}

/** `client.events`: every state change of the workspace, the same ids and payloads its webhooks carry. */
export interface EventsResource {
  /**
   * Lists events: `await` it for the first page, or `for await` over every event.
   *
   * @example
   * ```ts
   * for await (const event of client.events.list({ occurredAfter: since, order: 'asc' })) await handle(event);
   * ```
   */
  list(params?: EventListParams, options?: RequestOptions): PagePromise<EventRecord>;
  /** Retrieves an event by id: the same payload its webhook carried (404 for another workspace's). */
  get(id: string, options?: RequestOptions): APIPromise<EventRecord>;
  /**
   * Sends events again to your webhook endpoints (e.g. after an outage on your side); each replay
   * is a new event whose `metadata.replayOf` names the original.
   *
   * @example
   * ```ts
   * await client.events.replay({ eventIds: missed.map((event) => event.id) });
   * ```
   */
  replay(input: EventReplayInput, options?: RequestOptions): APIPromise<EventReplayResult>;
  /**
   * Emits a test event of any type, delivered to your webhook endpoints like a real one; test-mode
   * keys only (a live key is refused).
   *
   * @example
   * ```ts
   * const event = await client.events.trigger({ type: 'plugipay.invoice.paid.v1', aggregateId: invoice.id });
   * ```
   */
  trigger(input: EventTriggerInput, options?: RequestOptions): APIPromise<EventTriggerResult>;
  /**
   * The event type names the server can emit, e.g. `plugipay.invoice.paid.v1`: an open list, which
   * may name types newer than this SDK's `WebhookEventType`.
   */
  types(options?: RequestOptions): APIPromise<string[]>;
}

const listInput = accepts<EventListParams | undefined>()(() =>
  listParams({
    type: v.optional(nonEmptyText()),
    occurredAfter: v.optional(timestamp()),
    occurredBefore: v.optional(timestamp()),
  }),
);
const replayInput = accepts<EventReplayInput>()(() => v.strictObject({ eventIds: nonEmpty(id()) }));
const triggerInput = accepts<EventTriggerInput>()(() =>
  v.strictObject({
    type: nonEmptyText(),
    aggregateId: id(),
    data: v.optional(jsonObject()),
  }),
);

/** @internal */
export const eventRoutes: RouteTable<EventsResource> = {
  list: route('GET', '/api/v1/events', { query: listInput, returns: page<EventRecord>() }),
  get: route('GET', '/api/v1/events/{id}', { returns: json<EventRecord>() }),
  replay: route('POST', '/api/v1/events/replay', { body: replayInput, returns: json<EventReplayResult>() }),
  trigger: route('POST', '/api/v1/events/trigger', { body: triggerInput, returns: json<EventTriggerResult>() }),
  types: route('GET', '/api/v1/events/types', { returns: json<string[]>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** The `data` of an event: the resource after the change, plus per-type extras. */
export interface EventData<T = unknown> {
  /** The resource after the change, in the same shape as its GET. */
  object: T;
  aggregateType?: string;
  aggregateId?: Id;
  [extra: string]: unknown;
}

/** An event as `events.list` and `events.get` return it; the same ids and payloads as the webhooks. */
export interface EventRecord {
  id: Id;
  /** Open: see `WebhookEvent` for the catalog. */
  type: string;
  accountId: Id | null;
  mode: Mode | null;
  occurredAt: Timestamp;
  data: EventData;
  metadata?: {
    idempotencyKey?: string;
    mode?: Mode;
    requestId?: string;
    source?: string;
    /** Set on replays: the id of the original event. */
    replayOf?: Id;
  } & Record<string, unknown>;
  createdAt: Timestamp;
  publishedAt: Timestamp | null;
}
