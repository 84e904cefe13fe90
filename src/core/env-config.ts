/**
 * Client options from configuration variables, shared by every `fromEnv` (Workers bindings,
 * `Deno.env`): the same names everywhere, and one place that decides which credential is
 * missing. A runtime entry supplies only how to read a variable and how to set one.
 */
import type { ClientOptions } from './options';
import { PlugipayError } from './errors';

/** The variable names of DESIGN, in every runtime. */
export const ENV = {
  keyId: 'PLUGIPAY_KEY_ID',
  secret: 'PLUGIPAY_SECRET',
  /** The Python docs' name for the secret. */
  keySecret: 'PLUGIPAY_KEY_SECRET',
  apiKey: 'PLUGIPAY_API_KEY',
  baseUrl: 'PLUGIPAY_BASE_URL',
  onBehalfOf: 'PLUGIPAY_ON_BEHALF_OF',
  webhookSecret: 'PLUGIPAY_WEBHOOK_SECRET',
} as const;

export interface EnvSource {
  /** A variable's value; `undefined` (or `""`) when it is not set. Throws a `PlugipayError` when it cannot be read. */
  read(name: string): string | undefined;
  /** How to set a variable in this runtime, e.g. "run `wrangler secret put PLUGIPAY_SECRET`". */
  howToSet(name: string): string;
}

function missing(source: EnvSource, names: string[], what: string): PlugipayError {
  return new PlugipayError({
    code: 'missing_credentials',
    message: `fromEnv: ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} not set (${what}): ${source.howToSet(names[0]!)}`,
  });
}

/** Credentials, base URL and on-behalf-of from `source`; `overrides` win over the variables. */
export function clientOptionsFromEnv(source: EnvSource, overrides: ClientOptions = {}): ClientOptions {
  const value = (name: string) => source.read(name) || undefined;
  // A variable the overrides name (even as undefined) is never read: in Deno reading needs a permission.
  const options: ClientOptions = {};
  const baseUrl = 'baseUrl' in overrides ? undefined : value(ENV.baseUrl);
  const onBehalfOf = 'onBehalfOf' in overrides ? undefined : value(ENV.onBehalfOf);
  if (baseUrl) options.baseUrl = baseUrl;
  if (onBehalfOf) options.onBehalfOf = onBehalfOf;

  const given = overrides.apiKey !== undefined || (overrides.keyId !== undefined && overrides.secret !== undefined);
  if (!given) {
    const keyId = overrides.keyId ?? value(ENV.keyId);
    // Read the alternative name only when the first one is unset.
    const secret = overrides.secret ?? value(ENV.secret) ?? value(ENV.keySecret);
    if (keyId && secret) Object.assign(options, { keyId, secret });
    else {
      const apiKey = keyId || secret ? undefined : value(ENV.apiKey);
      if (apiKey) options.apiKey = apiKey;
      else if (keyId) throw missing(source, [ENV.secret], `the HMAC secret for key ${keyId}`);
      else if (secret) throw missing(source, [ENV.keyId], 'the key id that goes with the secret');
      else throw missing(source, [ENV.keyId, ENV.secret], `or ${ENV.apiKey} for a dashboard key`);
    }
  }
  return { ...options, ...overrides };
}

/** `PLUGIPAY_WEBHOOK_SECRET`, or a `missing_credentials` error saying how to set it. */
export function webhookSecretFrom(source: EnvSource): string {
  const secret = source.read(ENV.webhookSecret);
  if (!secret) throw missing(source, [ENV.webhookSecret], 'the whsec_… signing secret of your webhook endpoint');
  return secret;
}
