/**
 * Cloudflare Workers host integration: client options from the Worker's `env` bindings, fetch
 * options workerd accepts, and a webhook handler over the Worker's `Request`. Runs without
 * `nodejs_compat`: nothing here (or in the core) uses a Node built-in.
 */
import type { ClientOptions } from '../core/options';
import { PlugipayClient } from '../resources/registry';
import { clientOptionsFromEnv, recordSource, webhookSecretFrom, type EnvSource, type PlugipayEnv } from '../core/env-config';
import { PlugipayError, PlugipaySignatureError } from '../core/errors';
import type { WebhookEvent } from '../webhooks/events';
import { verifyWebhookRequest, type VerifyWebhookOptions } from '../webhooks/verify';

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
export type WebhookEventHandler<Env, Ctx> = (
  event: WebhookEvent,
  env: Env,
  ctx: Ctx,
) => Response | void | Promise<Response | void>;

/**
 * A Worker `fetch` handler for Plugipay webhooks: answers 405 to anything but POST, verifies the
 * raw body against `PLUGIPAY_WEBHOOK_SECRET`, answers a failed verification with its status and
 * code (never the secret), and otherwise calls `handle` (204 when it returns nothing).
 * Configuration errors (no secret bound) are thrown, so they show in the Worker's logs as 500s.
 */
export function createWebhookHandler<Env extends object = PlugipayEnv, Ctx = unknown>(
  handle: WebhookEventHandler<Env, Ctx>,
  options?: VerifyWebhookOptions,
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  return async (request, env, ctx) => {
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    const secret = webhookSecretFromEnv(env);
    let event: WebhookEvent;
    try {
      event = await verifyWebhookRequest(request, secret, options);
    } catch (error) {
      const rejected = error instanceof PlugipaySignatureError || (error instanceof PlugipayError && error.code === 'invalid_payload');
      if (!rejected) throw error;
      return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    }
    return (await handle(event, env, ctx)) ?? new Response(null, { status: 204 });
  };
}
