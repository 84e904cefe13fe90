/**
 * `plugipay-edge/next`: the core for Next.js server code, plus `fromEnv()` over `process.env`
 * and `createWebhookRoute()` for app-router route handlers.
 *
 * The `server-only` import makes `next build` fail when a client component imports this entry,
 * before a key or secret can ship in a browser chunk (Next resolves `server-only` itself, to
 * an empty module on the server and to an error in client code). package.json lists this
 * entry's files in `sideEffects`, so that bundlers keep the import.
 */
import 'server-only';

export * from './index';
export { fromEnv, webhookSecretFromEnv, createWebhookRoute } from '../runtimes/next';
export type { WebhookRoute, WebhookRouteHandler, WebhookRouteOptions } from '../runtimes/next';
export type { WebhookResponseOptions } from '../runtimes/webhook-response';
