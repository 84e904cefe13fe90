/**
 * Deno host integration: client options from `Deno.env`, and a webhook handler for
 * `Deno.serve`. Reading the environment needs
 * `--allow-env`; without it Deno throws `NotCapable` (Deno 2) or `PermissionDenied` (Deno 1),
 * which becomes a `PlugipayError` that names the flag to add.
 */
import type { ClientOptions } from '../core/options';
import { PlugipayClient } from '../resources/registry';
import { clientOptionsFromEnv, ENV, webhookSecretFrom, type EnvSource } from '../core/env-config';
import { PlugipayError, webhookHandlingError } from '../core/errors';
import type { WebhookEvent } from '../webhooks/events';
import type { WebhookSecret } from '../webhooks/verify';
import { checkWebhookResponseOptions, respondToWebhook, type WebhookResponseOptions } from './webhook-response';

// Declared here rather than through Deno's types: the package compiles with `types: []`.
declare const Deno: {
  env: { get(name: string): string | undefined };
  errors: { PermissionDenied?: new (...args: never[]) => Error; NotCapable?: new (...args: never[]) => Error };
};

/** The flag that lets `fromEnv` read every variable it may look at. */
const ALLOW_ENV_FLAG = `--allow-env=${Object.values(ENV).join(',')}`;

function isPermissionError(error: unknown): boolean {
  const { PermissionDenied, NotCapable } = Deno.errors;
  return (!!NotCapable && error instanceof NotCapable) || (!!PermissionDenied && error instanceof PermissionDenied);
}

function denoEnv(): EnvSource {
  if (typeof Deno === 'undefined' || typeof Deno.env?.get !== 'function') {
    throw new PlugipayError({
      code: 'invalid_config',
      message: "fromEnv() from 'plugipay-edge/deno' reads Deno.env and runs in Deno only; elsewhere pass the options to new PlugipayClient",
    });
  }
  return {
    read(name) {
      try {
        return Deno.env.get(name);
      } catch (error) {
        if (!isPermissionError(error)) throw error;
        throw new PlugipayError({
          code: 'env_permission',
          message: `fromEnv: Deno refused to read ${name}: run with ${ALLOW_ENV_FLAG} (or --allow-env), or pass the options to new PlugipayClient`,
          cause: error,
        });
      }
    },
    howToSet: (name) => `set it in the environment (e.g. \`${name}=… deno run ${ALLOW_ENV_FLAG} main.ts\`)`,
  };
}

/** A client configured from `Deno.env`; `options` win over the variables. */
export function fromEnv(options: ClientOptions = {}): PlugipayClient {
  return new PlugipayClient(clientOptionsFromEnv(denoEnv(), options));
}

/** `PLUGIPAY_WEBHOOK_SECRET` from `Deno.env`, or a `PlugipayError` saying how to set or allow it. */
export function webhookSecretFromEnv(): string {
  return webhookSecretFrom(denoEnv());
}

/** What the Deno `createWebhookHandler` calls with each verified event and its request; return a `Response` or nothing (204). */
export type DenoWebhookHandler = (event: WebhookEvent, request: Request) => Response | void | Promise<Response | void>;

/** Options of the Deno `createWebhookHandler`: verification, exactly-once handling with `dedupe`, and the secret. */
export interface DenoWebhookOptions extends WebhookResponseOptions {
  /** The signing secret (or secrets, while rotating); default: `PLUGIPAY_WEBHOOK_SECRET` from `Deno.env`, read per request. */
  secret?: WebhookSecret;
}

/**
 * A `Deno.serve` handler for Plugipay webhooks, with the same answers as the Workers and Next.js
 * handlers: 405 to anything but POST, 401/413/400 for a request that fails verification (the
 * header is judged before the body is read), then `handle`'s response (204 when it returns
 * nothing). With `dedupe` (`denoKvDedupe(kv)`), `handle` runs once per event id: a duplicate
 * gets 200 `{"received":true,"duplicate":true}`, a delivery that arrives while another is being
 * handled gets 409 with `Retry-After`, and an answer that is not 2xx (like a throw) releases the
 * claim, so Plugipay delivers the event again.
 *
 * @example
 * ```ts
 * import { createWebhookHandler, denoKvDedupe, type DenoKvLike } from 'plugipay-edge/deno';
 *
 * declare const kv: DenoKvLike; // const kv = await Deno.openKv();
 *
 * export const handler = createWebhookHandler(
 *   async (event) => {
 *     console.log('fulfilling', event.id); // once per event id
 *   },
 *   { dedupe: denoKvDedupe(kv) },
 * ); // Deno.serve(handler)
 * ```
 */
export function createWebhookHandler(
  handle: DenoWebhookHandler,
  options: DenoWebhookOptions = {},
): (request: Request) => Promise<Response> {
  if (typeof handle != 'function') throw webhookHandlingError('invalid_request', 'createWebhookHandler(handle): handle must be a function');
  checkWebhookResponseOptions(options, 'createWebhookHandler');
  const { secret, ...responseOptions } = options;
  return (request) => respondToWebhook(request, secret ?? webhookSecretFromEnv(), (event) => handle(event, request), responseOptions);
}
