/**
 * Next.js host integration for server code (server components, route handlers, server
 * actions) on the Node.js and edge runtimes: client options from `process.env`, and an
 * app-router webhook route. The server-only guard lives in the entry file
 * (`src/entries/next.ts`), so that this module stays importable by unit tests outside Next.
 */
import type { ClientOptions } from '../core/options';
import { PlugipayClient } from '../resources/registry';
import { clientOptionsFromEnv, recordSource, webhookSecretFrom, type EnvSource } from '../core/env-config';
import { PlugipayError, webhookHandlingError } from '../core/errors';
import type { WebhookEvent } from '../webhooks/events';
import type { WebhookSecret } from '../webhooks/verify';
import { checkWebhookResponseOptions, respondToWebhook, type WebhookResponseOptions } from './webhook-response';

// Next provides `process.env` on both of its server runtimes; declared here rather than through
// @types/node, because the package compiles with `types: []`.
declare const process: { env: Record<string, string | undefined> } | undefined;

const howToSet = (name: string) => `add ${name}=… to .env.local (or your host's environment variables), or pass the option to fromEnv`;

/** `process.env` as Next provides it, read when `fromEnv` is called (never at import time). */
function nextEnv(): EnvSource {
  if (typeof process === 'undefined' || typeof process.env !== 'object' || process.env === null) {
    throw new PlugipayError({
      code: 'invalid_config',
      message: "fromEnv() from 'plugipay-edge/next' reads process.env on the server; elsewhere pass the options to new PlugipayClient",
    });
  }
  return recordSource(process.env, 'process.env', howToSet);
}

/**
 * A client configured from `process.env` (`PLUGIPAY_KEY_ID` + `PLUGIPAY_SECRET`, or
 * `PLUGIPAY_API_KEY`; `PLUGIPAY_BASE_URL`, `PLUGIPAY_ON_BEHALF_OF`); `options` win over the
 * variables. Call it in server code, per request or in a module-level helper function: the
 * variables are read when it is called.
 *
 * @throws {@link PlugipayError} `missing_credentials` naming the variable to set.
 * @example
 * ```tsx
 * // app/customers/page.tsx: a server component
 * import { connection } from 'next/server';
 * import { Suspense } from 'react';
 * import { fromEnv } from 'plugipay-edge/next';
 *
 * export default function Page() {
 *   return <Suspense fallback={<p>Loading…</p>}><Customers /></Suspense>;
 * }
 *
 * async function Customers() {
 *   await connection(); // per request, inside <Suspense> (cacheComponents requires it)
 *   const page = await fromEnv().customers.list({ limit: 20 });
 *   return <ul>{page.data.map((c) => <li key={c.id}>{c.email}</li>)}</ul>;
 * }
 * ```
 */
export function fromEnv(options: ClientOptions = {}): PlugipayClient {
  return new PlugipayClient(clientOptionsFromEnv(nextEnv(), options));
}

/** `PLUGIPAY_WEBHOOK_SECRET` from `process.env`, or `missing_credentials` saying where to set it. */
export function webhookSecretFromEnv(): string {
  return webhookSecretFrom(nextEnv());
}

/** What `createWebhookRoute` calls with each verified event; return a `Response` or nothing (204). */
export type WebhookRouteHandler = (event: WebhookEvent, request: Request) => Response | void | Promise<Response | void>;

/**
 * Options of `createWebhookRoute`: verification options, exactly-once handling (`dedupe`,
 * `ttlSec`, `retryAfterSec`), and the secret when it is not `PLUGIPAY_WEBHOOK_SECRET`.
 */
export interface WebhookRouteOptions extends WebhookResponseOptions {
  /** The signing secret (or secrets, while rotating); default: `PLUGIPAY_WEBHOOK_SECRET` from `process.env`, read per request. */
  secret?: WebhookSecret;
}

/** What `createWebhookRoute` returns: export its `POST` from your `route.ts`. */
export interface WebhookRoute {
  /** The route handler for `POST` requests; Next.js answers other methods with 405. */
  POST: (request: Request) => Promise<Response>;
}

/**
 * An app-router route handler for Plugipay webhooks, on the Node.js or edge runtime. It
 * verifies the raw body, answers a bad signature with 401 and a signed body that is not an
 * event with 400 (`{ error: { code, message } }`, never the secret), and otherwise calls
 * `handle`: its `Response`, or 204 when it returns nothing. The same codes as the Workers
 * handler. With `dedupe` (e.g. a store over your database), `handle` runs once per event id: a
 * duplicate gets 200 `{"received":true,"duplicate":true}`, a delivery that arrives while
 * another is being handled gets 409 with `Retry-After`. A missing secret is thrown, so it shows
 * in your logs as a 500.
 *
 * @example
 * ```ts
 * // app/api/webhooks/plugipay/route.ts
 * import { createWebhookRoute, isEventType } from 'plugipay-edge/next';
 *
 * // Node.js by default; `export const runtime = 'edge'` where cacheComponents is off.
 * export const { POST } = createWebhookRoute(async (event) => {
 *   if (isEventType(event, 'plugipay.checkout_session.completed.v1')) {
 *     console.log('paid', event.data.object.id); // typed as a CheckoutSession
 *   }
 * });
 * ```
 */
export function createWebhookRoute(handle: WebhookRouteHandler, options: WebhookRouteOptions = {}): WebhookRoute {
  if (typeof handle != 'function') throw webhookHandlingError('invalid_request', 'createWebhookRoute(handle): handle must be a function');
  checkWebhookResponseOptions(options, 'createWebhookRoute');
  const { secret, ...responseOptions } = options;
  return {
    async POST(request) {
      return respondToWebhook(request, secret ?? webhookSecretFromEnv(), (event) => handle(event, request), responseOptions);
    },
  };
}
