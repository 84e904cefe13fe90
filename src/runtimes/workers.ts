/**
 * Cloudflare Workers host integration: client options from the Worker's `env` bindings, fetch
 * options workerd accepts, and a webhook handler over the Worker's `Request`. Runs without
 * `nodejs_compat`: nothing here (or in the core) uses a Node built-in.
 */
import type { ClientOptions } from '../core/options';
import { PlugipayClient } from '../resources/registry';
import { clientOptionsFromEnv, recordSource, webhookSecretFrom, type EnvSource, type PlugipayEnv } from '../core/env-config';
import { PlugipayError, webhookHandlingError } from '../core/errors';
import type { WebhookEvent } from '../webhooks/events';
import { checkDedupeStore, type WebhookDedupeStore } from '../webhooks/handle-once';
import { checkWebhookResponseOptions, respondToWebhook, type WebhookResponseOptions } from './webhook-response';

export type { PlugipayEnv };

const howToSet = (name: string) => `run \`wrangler secret put ${name}\` (or add it to [vars] in wrangler.toml; .dev.vars for wrangler dev)`;

function bindings(env: object): EnvSource {
  if (typeof env !== 'object' || env === null) {
    throw new PlugipayError({ code: 'invalid_config', message: 'fromEnv(env): pass the env object your Worker’s fetch handler receives' });
  }
  return recordSource(env, 'env', howToSet);
}

/**
 * workerd throws on the `cache` request option: on every value before compatibility date
 * 2024-11-11, and on all but `no-store`/`no-cache` after it. The SDK cannot know the Worker's
 * compatibility date, so it refuses the option when the client is built (a clear error now
 * beats a TypeError on the first request; silently dropping it would change what the caller
 * asked for). A caller who needs it can wrap `fetch` themselves.
 */
export function assertWorkerdFetchOptions(options: ClientOptions): void {
  if (options.fetchOptions && 'cache' in options.fetchOptions) {
    throw new PlugipayError({
      code: 'invalid_config',
      message:
        'PlugipayClient option fetchOptions.cache: workerd rejects the `cache` request option (every value before ' +
        'compatibility date 2024-11-11); remove it, or pass your own `fetch` that sets it',
    });
  }
}

/** A client configured from the Worker's bindings; `options` win over them. */
export function fromEnv(env: PlugipayEnv | object, options: ClientOptions = {}): PlugipayClient {
  const merged = clientOptionsFromEnv(bindings(env), options);
  assertWorkerdFetchOptions(merged);
  return new PlugipayClient(merged);
}

/** `PLUGIPAY_WEBHOOK_SECRET` from the bindings, or `missing_credentials` naming `wrangler secret put`. */
export function webhookSecretFromEnv(env: PlugipayEnv | object): string {
  return webhookSecretFrom(bindings(env));
}

/** What `createWebhookHandler` calls with each verified event, with the Worker's `env` and `ctx`; return a `Response` or nothing (204). */
export type WebhookEventHandler<Env, Ctx> = (event: WebhookEvent, env: Env, ctx: Ctx) => Response | void | Promise<Response | void>;

/** A dedupe store, or how to build one from the Worker's bindings (`(env) => d1Dedupe(env.DB)`). */
export type DedupeOption<Env> = WebhookDedupeStore | ((env: Env) => WebhookDedupeStore);

/** Options of `createWebhookHandler`: verification, plus exactly-once handling with `dedupe`. */
export interface WorkersWebhookOptions<Env> extends Omit<WebhookResponseOptions, 'dedupe'> {
  /** Runs the handler once per event id: a store, or `(env) => d1Dedupe(env.DB)` to build it from the bindings. */
  dedupe?: DedupeOption<Env>;
}

/** Throws `invalid_request` unless `dedupe` is a store or a function; call it when a handler is built. */
export function checkDedupeOption(dedupe: unknown, where: string): void {
  if (dedupe !== undefined && typeof dedupe != 'function') checkDedupeStore(dedupe, `${where} option dedupe`);
}

/** The store for this request: `dedupe` itself, or what it builds from `env` (checked either way). */
export function dedupeFor<Env>(dedupe: DedupeOption<Env> | undefined, env: Env, where: string): WebhookDedupeStore | undefined {
  if (dedupe === undefined) return undefined;
  return checkDedupeStore(typeof dedupe == 'function' ? dedupe(env) : dedupe, `${where} option dedupe`);
}

/**
 * A Worker `fetch` handler for Plugipay webhooks: answers 405 to anything but POST, verifies the
 * raw body against `PLUGIPAY_WEBHOOK_SECRET`, answers a failed verification with its status and
 * code (never the secret), and otherwise calls `handle` (204 when it returns nothing).
 * With `dedupe`, `handle` runs once per event id: a duplicate gets 200 with
 * `{"received":true,"duplicate":true}`, a delivery that arrives while another is being handled
 * gets 409 with `Retry-After`. Configuration errors (no secret bound, a broken store) and what
 * `handle` throws are thrown, so they show in the Worker's logs as 500s (and Plugipay retries).
 *
 * @example
 * ```ts
 * import { createWebhookHandler, d1Dedupe, isEventType, type D1DatabaseLike } from 'plugipay-edge/workers';
 *
 * interface Env { DB: D1DatabaseLike; PLUGIPAY_WEBHOOK_SECRET: string }
 *
 * export default {
 *   fetch: createWebhookHandler<Env>(
 *     async (event) => {
 *       if (isEventType(event, 'plugipay.checkout_session.completed.v1')) console.log('paid', event.data.object.id);
 *     },
 *     { dedupe: (env) => d1Dedupe(env.DB) },
 *   ),
 * };
 * ```
 */
export function createWebhookHandler<Env extends object = PlugipayEnv, Ctx = unknown>(
  handle: WebhookEventHandler<Env, Ctx>,
  options: WorkersWebhookOptions<Env> = {},
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  if (typeof handle != 'function') throw webhookHandlingError('invalid_request', 'createWebhookHandler(handle): handle must be a function');
  const { dedupe, ...rest } = options ?? {};
  checkDedupeOption(dedupe, 'createWebhookHandler');
  checkWebhookResponseOptions(rest, 'createWebhookHandler');
  return async (request, env, ctx) => {
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    const store = dedupeFor(dedupe, env, 'createWebhookHandler');
    return respondToWebhook(request, webhookSecretFromEnv(env), (event) => handle(event, env, ctx), { ...rest, dedupe: store });
  };
}
