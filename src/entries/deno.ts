/**
 * `plugipay-edge/deno`: the core for Deno, plus `fromEnv()` over `Deno.env` (which needs
 * `--allow-env`; the error says so when it is missing), `createWebhookHandler` for `Deno.serve`,
 * and `denoKvDedupe(kv)` over Deno KV.
 */
export * from './index';
export { fromEnv, webhookSecretFromEnv, createWebhookHandler } from '../runtimes/deno';
export type { DenoWebhookHandler, DenoWebhookOptions } from '../runtimes/deno';
export type { WebhookResponseOptions } from '../runtimes/webhook-response';
export { denoKvDedupe } from '../runtimes/deno-kv-dedupe';
export type { DenoKvLike, DenoKvAtomicLike, DenoKvKeyPart, DenoKvDedupeOptions } from '../runtimes/deno-kv-dedupe';
