/** The Deno entry over a stand-in `Deno` global: env reads and the `--allow-env` message. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromEnv, webhookSecretFromEnv, PlugipayClient } from '../../src/entries/deno';

class PermissionDenied extends Error {}
class NotCapable extends Error {}

function fakeDeno(vars: Record<string, string>, denied: string[] = [], errorClass: new (message: string) => Error = NotCapable) {
  vi.stubGlobal('Deno', {
    env: {
      get(name: string) {
        if (denied.includes(name) || denied.includes('*')) throw new errorClass(`Requires env access to "${name}"`);
        return vars[name];
      },
    },
    errors: { PermissionDenied, NotCapable },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('fromEnv()', () => {
  it('reads the variables from Deno.env', () => {
    fakeDeno({ PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_SECRET: 'sk_1', PLUGIPAY_BASE_URL: 'http://127.0.0.1:1' });
    const client = fromEnv();
    expect(client).toBeInstanceOf(PlugipayClient);
    expect(client.baseUrl).toBe('http://127.0.0.1:1');
  });

  it('names --allow-env when permission is missing (Deno 2 NotCapable, Deno 1 PermissionDenied)', () => {
    for (const errorClass of [NotCapable, PermissionDenied]) {
      fakeDeno({}, ['*'], errorClass);
      expect(() => fromEnv()).toThrow(
        expect.objectContaining({
          code: 'env_permission',
          message: expect.stringMatching(/refused to read PLUGIPAY_\w+: run with --allow-env=PLUGIPAY_KEY_ID,PLUGIPAY_SECRET,/),
        }),
      );
    }
  });

  it('does not read what the options give (no permission needed for them)', () => {
    fakeDeno({}, ['*']);
    expect(fromEnv({ apiKey: 'k', baseUrl: 'https://x.example', onBehalfOf: undefined }).baseUrl).toBe('https://x.example');
  });

  it('other errors become invalid_config naming the variable, and says where it runs outside Deno', () => {
    fakeDeno({}, ['*'], TypeError);
    // Only a PlugipayError leaves fromEnv, and the host's error (it may quote a value) stays out.
    expect(() => fromEnv()).toThrow(expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('PLUGIPAY_') }));
    vi.unstubAllGlobals();
    expect(() => fromEnv()).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('runs in Deno only') }),
    );
  });

  it('names the missing variable', () => {
    fakeDeno({ PLUGIPAY_KEY_ID: 'pk_1' });
    expect(() => fromEnv()).toThrow(
      expect.objectContaining({ code: 'missing_credentials', message: expect.stringContaining('PLUGIPAY_SECRET is not set') }),
    );
    expect(() => webhookSecretFromEnv()).toThrow(
      expect.objectContaining({ code: 'missing_credentials', message: expect.stringContaining('PLUGIPAY_WEBHOOK_SECRET') }),
    );
  });
});
