/**
 * `plugipay-edge/deno`: the core for Deno, plus `fromEnv()` over `Deno.env` (which needs
 * `--allow-env`; the error says so when it is missing).
 */
export * from './index';
export { fromEnv, webhookSecretFromEnv } from '../runtimes/deno';
