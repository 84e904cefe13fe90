/**
 * `fromEnv(vars)` of the core entry: a client configured from any record of variables, such as
 * `process.env` in Node or Next.js. The runtime entries' `fromEnv` (Workers bindings,
 * `Deno.env`, Next's `process.env`) are thin wrappers over the same rules in `env-config.ts`.
 */
import type { ClientOptions } from '../core/options';
import { PlugipayClient } from '../resources/registry';
import { clientOptionsFromEnv, recordSource, webhookSecretFrom, type PlugipayEnv } from '../core/env-config';

const howToSet = (name: string) => `set ${name} in the environment, or pass the option to fromEnv`;

/**
 * A client configured from a record of variables: `PLUGIPAY_KEY_ID` + `PLUGIPAY_SECRET` (or
 * `PLUGIPAY_KEY_SECRET`), else `PLUGIPAY_API_KEY`; `PLUGIPAY_BASE_URL` and
 * `PLUGIPAY_ON_BEHALF_OF` when set. `options` win over the variables, and a variable they name
 * is not read. The core never reads the environment by itself: you pass it.
 *
 * @param vars The variables, e.g. `process.env`; other keys are ignored.
 * @param options Client options that take precedence over the variables.
 * @throws {@link PlugipayError} `missing_credentials` naming the variable to set, or
 * `invalid_config` when a variable is not text.
 * @example
 * ```ts
 * import { fromEnv } from 'plugipay-edge';
 *
 * const plugipay = fromEnv(process.env, { timeoutMs: 10_000 });
 * const customer = await plugipay.customers.create({ email: 'ada@example.com' });
 * ```
 */
export function fromEnv(vars: PlugipayEnv | object, options: ClientOptions = {}): PlugipayClient {
  return new PlugipayClient(clientOptionsFromEnv(recordSource(vars, 'vars', howToSet), options));
}

/**
 * `PLUGIPAY_WEBHOOK_SECRET` from a record of variables, or a `missing_credentials` error
 * saying how to set it.
 *
 * @example
 * ```ts
 * import { verifyWebhookRequest, webhookSecretFromEnv } from 'plugipay-edge';
 *
 * const event = await verifyWebhookRequest(request, webhookSecretFromEnv(process.env));
 * ```
 */
export function webhookSecretFromEnv(vars: PlugipayEnv | object): string {
  return webhookSecretFrom(recordSource(vars, 'vars', howToSet));
}
