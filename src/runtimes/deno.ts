/**
 * Deno host integration: client options from `Deno.env`. Reading the environment needs
 * `--allow-env`; without it Deno throws `NotCapable` (Deno 2) or `PermissionDenied` (Deno 1),
 * which becomes a `PlugipayError` that names the flag to add.
 */
import type { ClientOptions } from '../core/options';
import { PlugipayClient } from '../resources/registry';
import { clientOptionsFromEnv, ENV, webhookSecretFrom, type EnvSource } from '../core/env-config';
import { PlugipayError } from '../core/errors';

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
