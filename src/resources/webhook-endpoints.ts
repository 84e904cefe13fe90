/**
 * Webhook endpoints and their deliveries, under `/api/v1/webhooks`. The signing secret
 * (`whsec_…`) is in the create response only.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp, Mode, Open } from './shared-types';
import { json, none, page, route, type RouteTable } from './route';
import { absoluteUrl, accepts, clearable, id, nonEmpty, nonEmptyText, unorderedListParams } from './schemas';

/** Statuses of a webhook delivery. */
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** What `webhookEndpoints.create` takes: where to send events, and which. */
export interface WebhookEndpointCreateInput {
  /**
   * The absolute URL events are POSTed to: https (plain http only with a test key); the server
   * refuses localhost and private network addresses.
   */
  url: string;
  /**
   * The event types to send, e.g. `plugipay.invoice.paid.v1` (`'*'` for all); at least one when
   * given. Left out: every event.
   */
  events?: string[];
  /** Your own note about the endpoint. */
  description?: string;
}

/** What `webhookEndpoints.update` changes; fields left out are unchanged. */
export interface WebhookEndpointUpdateInput {
  /** A new absolute URL to deliver to (https; plain http only with a test key). */
  url?: string;
  /** Replaces the event types sent here; at least one (`'*'` for all). */
  events?: string[];
  /** A new note; `null` clears it. */
  description?: string | null;
  /**
   * Whether the endpoint receives events: `true` turns a disabled one back on and clears its
   * failure streak (an endpoint is disabled automatically after 20 failed attempts in a row over
   * at least 24 hours).
   */
  active?: boolean;
}

/** Filters and paging of `webhookEndpoints.listDeliveries` (this route has no `order`). */
export interface WebhookDeliveryListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only deliveries to this endpoint. */
  endpointId?: string;
  /** Only deliveries in this state: `pending`, `succeeded` or `failed`. */
  status?: DeliveryStatus;
  /** Only deliveries of this event type (exact match). */
  type?: string;
}

/** `client.webhookEndpoints`: where your events are delivered, and each delivery with its attempts. */
export interface WebhookEndpointsResource {
  /** Lists every webhook endpoint of the workspace (one array, not paginated). */
  list(options?: RequestOptions): APIPromise<WebhookEndpoint[]>;
  /**
   * Creates a webhook endpoint. The response's `secret` (`whsec_…`) is shown this once: store it
   * to verify the signatures of what is delivered.
   *
   * @example
   * ```ts
   * const endpoint = await client.webhookEndpoints.create({ url: 'https://shop.example/webhooks', events: ['plugipay.invoice.paid.v1'] });
   * await saveSecret(endpoint.secret);
   * ```
   */
  create(input: WebhookEndpointCreateInput, options?: RequestOptions): APIPromise<WebhookEndpoint>;
  /** Updates a webhook endpoint: its URL, event types, note, or whether it is enabled. */
  update(id: string, input: WebhookEndpointUpdateInput, options?: RequestOptions): APIPromise<WebhookEndpoint>;
  /** Deletes a webhook endpoint: no more events are sent to it. */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
  /**
   * Lists webhook deliveries with their attempts: `await` it for the first page, or `for await`
   * over every one.
   *
   * @example
   * ```ts
   * for await (const delivery of client.webhookEndpoints.listDeliveries({ status: 'failed' })) console.log(delivery.lastError);
   * ```
   */
  listDeliveries(params?: WebhookDeliveryListParams, options?: RequestOptions): PagePromise<WebhookDelivery>;
  /** Retrieves one webhook delivery, with its attempts. */
  getDelivery(id: string, options?: RequestOptions): APIPromise<WebhookDelivery>;
  /**
   * Queues a delivery again; it goes out within seconds. Fails with 409 `already_queued` or
   * `endpoint_disabled` when it cannot be queued.
   */
  retryDelivery(id: string, options?: RequestOptions): APIPromise<WebhookDelivery>;
}

/** Event types (open strings, `'*'` for all); at least one when given. */
const eventTypes = () => v.optional(nonEmpty(nonEmptyText()));

const createInput = accepts<WebhookEndpointCreateInput>()(() =>
  v.strictObject({
    url: absoluteUrl(),
    events: eventTypes(),
    description: v.optional(v.string()),
  }),
);
const updateInput = accepts<WebhookEndpointUpdateInput>()(() =>
  v.strictObject({
    url: v.optional(absoluteUrl()),
    events: eventTypes(),
    description: clearable(v.string()),
    active: v.optional(v.boolean()),
  }),
);
const deliveryListInput = accepts<WebhookDeliveryListParams | undefined>()(() =>
  unorderedListParams({
    endpointId: v.optional(id()),
    status: v.optional(v.picklist(DELIVERY_STATUSES)),
    type: v.optional(nonEmptyText()),
  }),
);

/** @internal */
export const webhookEndpointRoutes: RouteTable<WebhookEndpointsResource> = {
  list: route('GET', '/api/v1/webhooks', { returns: json<WebhookEndpoint[]>() }),
  create: route('POST', '/api/v1/webhooks', { body: createInput, returns: json<WebhookEndpoint>() }),
  update: route('PATCH', '/api/v1/webhooks/{id}', { body: updateInput, returns: json<WebhookEndpoint>() }),
  delete: route('DELETE', '/api/v1/webhooks/{id}', { returns: none() }),
  listDeliveries: route('GET', '/api/v1/webhooks/deliveries', { query: deliveryListInput, returns: page<WebhookDelivery>() }),
  getDelivery: route('GET', '/api/v1/webhooks/deliveries/{id}', { returns: json<WebhookDelivery>() }),
  retryDelivery: route('POST', '/api/v1/webhooks/deliveries/{id}/retry', { emptyBody: true, returns: json<WebhookDelivery>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/**
 * A webhook endpoint. Two shapes are in the wild (the current SDK's `active` + failure streak,
 * and the docs' `status` + `lastDelivery`), so the fields of either are optional.
 */
export interface WebhookEndpoint {
  id: Id;
  accountId?: Id;
  mode?: Mode;
  /** Where events are POSTed. */
  url: string;
  /** Event types delivered here; `['*']` means all. */
  events: string[];
  /** Your own note about the endpoint. */
  description: string | null;
  /** Whether events are delivered here; `false` once disabled (e.g. automatically, after a long failure streak). */
  active: boolean;
  /** Failed attempts in a row; a success resets it. */
  consecutiveFailures?: number;
  /** When the current failure streak began. */
  failingSince?: Timestamp | null;
  /** When the endpoint was disabled. */
  disabledAt?: Timestamp | null;
  /** Why the endpoint was disabled. */
  disabledReason?: string | null;
  /** The signing secret (`whsec_…`): ONLY in the create response, shown once. Store it then. */
  secret?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Docs shape: `errored` means auto-disabled. */
  status?: Open<'active' | 'disabled' | 'errored'>;
  /** Docs shape: the signing secret, where the server shows it. */
  signingSecret?: string | null;
  /** Docs shape: the last delivery made to the endpoint. */
  lastDelivery?: { eventId: Id; deliveredAt: Timestamp; statusCode: number; durationMs: number } | null;
}

/** Whether a webhook delivery is pending, succeeded or failed. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt to deliver a webhook: when, the response status, how long it took. */
export interface WebhookDeliveryAttempt {
  /** 1 for the first attempt. */
  attemptNumber: number;
  status: string;
  /** The HTTP status your endpoint answered; `null` when it did not answer (a timeout, a refused connection). */
  responseCode: number | null;
  /** How long the attempt took, in milliseconds. */
  durationMs: number;
  /** e.g. `"HTTP 503"`, `"timed out after 10000ms"`. */
  error: string | null;
  /** When the next attempt is due; `null` when none is. */
  nextRetryAt: Timestamp | null;
  attemptedAt: Timestamp;
}

/** A webhook delivery of one event to one endpoint, with its attempts. */
export interface WebhookDelivery {
  id: Id;
  endpointId: Id;
  eventId: Id;
  type: string;
  /** The exact JSON body that was sent (what the signature covers). */
  body: string;
  status: Open<DeliveryStatus>;
  /** How many attempts were made. */
  attempts: number;
  /** When the next attempt is due; `null` when none is (delivered, or retries over after about 72 hours). */
  nextRetryAt: Timestamp | null;
  lastAttemptAt: Timestamp | null;
  /** When your endpoint accepted it. */
  deliveredAt: Timestamp | null;
  /** The HTTP status of the last attempt. */
  responseCode: number | null;
  /** What went wrong on the last attempt, e.g. `"HTTP 503"`. */
  lastError: string | null;
  /** Every attempt, oldest first. */
  attemptLog: WebhookDeliveryAttempt[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
