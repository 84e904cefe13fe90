/**
 * `plugipay-edge/workers`: the core for Cloudflare Workers, plus `fromEnv(env)` over the Worker's
 * bindings, a Request-based webhook handler (exactly once with `d1Dedupe`), and the Cloudflare
 * Queues hand-off. Runs without `nodejs_compat`.
 */
export * from './index';
export { fromEnv, webhookSecretFromEnv, createWebhookHandler } from '../runtimes/workers';
export type { PlugipayEnv, WebhookEventHandler, WorkersWebhookOptions, DedupeOption } from '../runtimes/workers';
export type { WebhookResponseOptions } from '../runtimes/webhook-response';
export { d1Dedupe } from '../runtimes/d1-dedupe';
export type { D1DatabaseLike, D1StatementLike, D1DedupeOptions } from '../runtimes/d1-dedupe';
export { enqueueWebhooks, createQueueConsumer } from '../runtimes/workers-queues';
export type {
  QueuedWebhook,
  QueueLike,
  QueueMessageLike,
  MessageBatchLike,
  QueuedDelivery,
  QueuedEventHandler,
  QueueConsumerOptions,
} from '../runtimes/workers-queues';
