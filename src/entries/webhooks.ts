/**
 * `plugipay-edge/webhooks`: webhook verification alone, for handlers that need nothing else.
 * It imports neither the HTTP client nor the resources, so it stays within its 2 KB budget.
 */
export { verifyWebhook, verifyWebhookRequest } from '../webhooks/verify';
export type { VerifyWebhookOptions, WebhookSecret } from '../webhooks/verify';
export { isEventType } from '../webhooks/events';
export type {
  KnownWebhookEvent,
  RenewedSubscription,
  UnknownWebhookEvent,
  WebhookEvent,
  WebhookEventCatalog,
  WebhookEventOf,
  WebhookEventType,
} from '../webhooks/events';
export type { RawBody } from '../webhooks/signed-content';
// Only the classes verification throws: the network and timeout classes belong to the client's
// entries, and `instanceof` holds across entries whichever one a class is imported from.
export { PlugipayError, PlugipaySignatureError } from '../core/errors';
export type { FieldError, PlugipayErrorInit } from '../core/errors';
