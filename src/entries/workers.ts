/**
 * `plugipay-edge/workers`: the core for Cloudflare Workers, plus `fromEnv(env)` over the Worker's
 * bindings and a Request-based webhook handler. Runs without `nodejs_compat`.
 */
export * from './index';
export { fromEnv, webhookSecretFromEnv, createWebhookHandler } from '../runtimes/workers';
export type { PlugipayEnv, WebhookEventHandler } from '../runtimes/workers';
