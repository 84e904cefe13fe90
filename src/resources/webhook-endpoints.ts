/**
 * Webhook endpoints and their deliveries (ENDPOINTS §2.12), under `/api/v1/webhooks`. The signing
 * secret (`whsec_…`) is in the create response only.
 */
import * as v from 'valibot';
import type { Id, Timestamp, Mode, Open } from './shared-types';
import { json, none, page, route } from './route';
import { absoluteUrl, clearable, id, nonEmpty, nonEmptyText, unorderedListParams, type Input } from './schemas';

/** Statuses of a webhook delivery. */
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** Event types (open strings, `'*'` for all); at least one when given. */
const eventTypes = () => v.optional(nonEmpty(nonEmptyText()));

/** What `webhookEndpoints.create` takes: the URL and the event types to send. */
export const WebhookEndpointCreateInput = () =>
  v.strictObject({
    /** https (http only in test mode); the server refuses localhost and private addresses. */
    url: absoluteUrl(),
    /** Left out: every event. */
    events: eventTypes(),
    description: v.optional(v.string()),
  });
export type WebhookEndpointCreateInput = Input<typeof WebhookEndpointCreateInput>;

/** What `webhookEndpoints.update` changes. */
export const WebhookEndpointUpdateInput = () =>
  v.strictObject({
    url: v.optional(absoluteUrl()),
    events: eventTypes(),
    description: clearable(v.string()),
    /** `true` re-enables a disabled endpoint and clears its failure streak. */
    active: v.optional(v.boolean()),
  });
export type WebhookEndpointUpdateInput = Input<typeof WebhookEndpointUpdateInput>;

/** The route declares no `order`. */
export const WebhookDeliveryListParams = () =>
  unorderedListParams({
    endpointId: v.optional(id()),
    status: v.optional(v.picklist(DELIVERY_STATUSES)),
    type: v.optional(nonEmptyText()),
  });
export type WebhookDeliveryListParams = Input<typeof WebhookDeliveryListParams>;

export const webhookEndpointRoutes = {
  /** Every endpoint; not paginated. */
  list: route('GET', '/api/v1/webhooks', { returns: json<WebhookEndpoint[]>() }),
  /** The response's `secret` is shown this once: store it. */
  create: route('POST', '/api/v1/webhooks', { body: WebhookEndpointCreateInput, returns: json<WebhookEndpoint>() }),
  /** Updates a webhook endpoint (its URL, event types, or whether it is enabled). */
  update: route('PATCH', '/api/v1/webhooks/{id}', { body: WebhookEndpointUpdateInput, returns: json<WebhookEndpoint>() }),
  /** Deletes a webhook endpoint: no more events are sent to it. */
  delete: route('DELETE', '/api/v1/webhooks/{id}', { returns: none() }),
  /** Lists webhook deliveries with their attempts: await for the first page, or `for await` over every one. */
  listDeliveries: route('GET', '/api/v1/webhooks/deliveries', { query: WebhookDeliveryListParams, returns: page<WebhookDelivery>() }),
  /** Retrieves one webhook delivery, with its attempts. */
  getDelivery: route('GET', '/api/v1/webhooks/deliveries/{id}', { returns: json<WebhookDelivery>() }),
  /** 409 `already_queued` or `endpoint_disabled` when it cannot be queued again. */
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
  url: string;
  /** Event types delivered here; `['*']` means all. */
  events: string[];
  description: string | null;
  active: boolean;
  consecutiveFailures?: number;
  failingSince?: Timestamp | null;
  disabledAt?: Timestamp | null;
  disabledReason?: string | null;
  /** The signing secret (`whsec_…`): ONLY in the create response, shown once. Store it then. */
  secret?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Docs shape: `errored` means auto-disabled. */
  status?: Open<'active' | 'disabled' | 'errored'>;
  signingSecret?: string | null;
  lastDelivery?: { eventId: Id; deliveredAt: Timestamp; statusCode: number; durationMs: number } | null;
}

/** Whether a webhook delivery is pending, succeeded or failed. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt to deliver a webhook: when, the response status, how long it took. */
export interface WebhookDeliveryAttempt {
  attemptNumber: number;
  status: string;
  responseCode: number | null;
  durationMs: number;
  /** e.g. `"HTTP 503"`, `"timed out after 10000ms"`. */
  error: string | null;
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
  attempts: number;
  nextRetryAt: Timestamp | null;
  lastAttemptAt: Timestamp | null;
  deliveredAt: Timestamp | null;
  responseCode: number | null;
  lastError: string | null;
  attemptLog: WebhookDeliveryAttempt[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
