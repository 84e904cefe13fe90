/**
 * Events (ENDPOINTS §2.13): the same ids and payloads that go out as webhooks. To backfill a
 * consumer, list with the `occurred*` window, then replay.
 */
import * as v from 'valibot';
import type { Id, Timestamp, Mode } from './shared-types';
import { json, page, route } from './route';
import { id, jsonObject, listParams, nonEmpty, nonEmptyText, timestamp, type Input } from './schemas';

/** `type` is an exact match; the window is half-open, [after, before). */
export const EventListParams = () =>
  listParams({
    type: v.optional(nonEmptyText()),
    occurredAfter: v.optional(timestamp()),
    occurredBefore: v.optional(timestamp()),
  });
export type EventListParams = Input<typeof EventListParams>;

/** What `events.replay` takes: where to deliver the event again. */
export const EventReplayInput = () => v.strictObject({ eventIds: nonEmpty(id()) });
export type EventReplayInput = Input<typeof EventReplayInput>;

/** What `events.trigger` takes: a test event to emit. */
export const EventTriggerInput = () =>
  v.strictObject({
    /** e.g. `plugipay.invoice.paid.v1`. */
    type: nonEmptyText(),
    /** The resource the event concerns. */
    aggregateId: id(),
    data: v.optional(jsonObject()),
  });
export type EventTriggerInput = Input<typeof EventTriggerInput>;

export const eventRoutes = {
  /** Lists events, newest first: await for the first page, or `for await` over every event. */
  list: route('GET', '/api/v1/events', { query: EventListParams, returns: page<EventRecord>() }),
  /** Retrieves an event by id: the same payload its webhook carried. */
  get: route('GET', '/api/v1/events/{id}', { returns: json<EventRecord>() }),
  /** Sends events again to webhook endpoints (e.g. after an outage on your side). */
  replay: route('POST', '/api/v1/events/replay', { body: EventReplayInput, returns: json<unknown>() }),
  /** Test-mode keys only. */
  trigger: route('POST', '/api/v1/events/trigger', { body: EventTriggerInput, returns: json<unknown>() }),
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

/** An event as `events.list`/`retrieve` return it; the same ids and payloads as the webhooks. */
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
