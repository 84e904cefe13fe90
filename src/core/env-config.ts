/**
 * Client options from configuration variables, shared by every `fromEnv` (a plain record such
 * as `process.env`, Workers bindings, `Deno.env`): the same names everywhere, and one place
 * that decides which credential is missing. A runtime entry supplies only how to read a
 * variable and how to set one.
 */
import type { ClientOptions } from './options';
import { PlugipayError } from './errors';

/** The environment variable names the SDK reads, the same in every runtime. */
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

/**
 * The variables `fromEnv` reads. Any other keys may sit beside them (a Worker's other
 * bindings, the rest of `process.env`).
 */
export interface PlugipayEnv {
  /** The key id of an HMAC key pair (`pk_…`). */
  PLUGIPAY_KEY_ID?: string;
  /** The secret of that key pair (`sk_…`). */
  PLUGIPAY_SECRET?: string;
  /** Another name for `PLUGIPAY_SECRET`, read only when that one is unset. */
  PLUGIPAY_KEY_SECRET?: string;
  /** A dashboard key, sent as a Bearer token, used when no key pair is set. */
  PLUGIPAY_API_KEY?: string;
  /** Where the API lives, e.g. the local emulator's URL; default `https://plugipay.com`. */
  PLUGIPAY_BASE_URL?: string;
  /** The account (`acc_…`) a platform key acts for. */
  PLUGIPAY_ON_BEHALF_OF?: string;
  /** The `whsec_…` signing secret of your webhook endpoint (read by `webhookSecretFromEnv`). */
  PLUGIPAY_WEBHOOK_SECRET?: string;
}

/** How a runtime reads its configuration variables; the core's rules decide what is missing. */
export interface EnvSource {
  /** A variable's value; `undefined` (or `""`) when it is not set. Throws a `PlugipayError` when it cannot be read. */
  read(name: string): string | undefined;
  /** How to set a variable in this runtime, e.g. "run `wrangler secret put PLUGIPAY_SECRET`". */
  howToSet(name: string): string;
}

/**
 * A source over a plain object of variables (`process.env`, a Worker's `env`). A value that is
 * neither text nor unset (a KV namespace bound under a Plugipay name, say) is refused without
 * printing it. `what` names the object in messages; `howToSet` says how to set a variable.
 */
export function recordSource(vars: unknown, what: string, howToSet: (name: string) => string): EnvSource {
  if (typeof vars !== 'object' || vars === null) {
    throw new PlugipayError({
      code: 'invalid_config',
      message: `fromEnv(${what}): pass an object of variables, got ${vars === null ? 'null' : typeof vars}`,
    });
  }
  return {
    read(name) {
      const value = (vars as Record<string, unknown>)[name];
      if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
      throw new PlugipayError({
        code: 'invalid_config',
        message: `fromEnv: ${what === 'env' ? 'binding' : 'variable'} ${name} is a ${typeof value}, not a text variable or secret: ${howToSet(name)}`,
      });
    },
    howToSet,
  };
}

/**
 * Runs `read` (reading variables or the overrides) so that only a `PlugipayError` comes out: a
 * getter or proxy trap that throws becomes `invalid_config` naming what was read. Its own error
 * stays out, message and cause alike: it may quote the value, and a value may be a secret.
 */
function readingEnv<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PlugipayError) throw error;
    throw new PlugipayError({
      code: 'invalid_config',
      message: `fromEnv: ${what} could not be read (a getter or proxy threw): make it a plain value`,
    });
  }
}

function missing(source: EnvSource, names: string[], what: string): PlugipayError {
  return new PlugipayError({
    code: 'missing_credentials',
    message: `fromEnv: ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} not set (${what}): ${source.howToSet(names[0]!)}`,
  });
}

/** Credentials, base URL and on-behalf-of from `source`; `overrides` win over the variables. */
export function clientOptionsFromEnv(source: EnvSource, overrides: ClientOptions = {}): ClientOptions {
  return readingEnv('an option passed to fromEnv', () => fromSource(source, overrides));
}

function fromSource(source: EnvSource, overrides: ClientOptions): ClientOptions {
  const value = (name: string) => readingEnv(name, () => source.read(name)) || undefined;
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
      // Never the key id itself: a secret pasted into PLUGIPAY_KEY_ID would be printed.
      else if (keyId) throw missing(source, [ENV.secret], 'the HMAC secret that goes with the key id');
      else if (secret) throw missing(source, [ENV.keyId], 'the key id that goes with the secret');
      else throw missing(source, [ENV.keyId, ENV.secret], `or ${ENV.apiKey} for a dashboard key`);
    }
  }
  return { ...options, ...overrides };
}

/** `PLUGIPAY_WEBHOOK_SECRET`, or a `missing_credentials` error saying how to set it. */
export function webhookSecretFrom(source: EnvSource): string {
  const secret = readingEnv(ENV.webhookSecret, () => source.read(ENV.webhookSecret));
  if (!secret) throw missing(source, [ENV.webhookSecret], 'the whsec_… signing secret of your webhook endpoint');
  return secret;
}
