/** The Deno entry over a stand-in `Deno` global: env reads and the `--allow-env` message. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler, fromEnv, memoryDedupe, webhookSecretFromEnv, PlugipayClient } from '../../src/entries/deno';
import { signWebhookPayload } from '../../src/testing/sign-webhook';

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

describe('createWebhookHandler (Deno.serve)', () => {
  const body = JSON.stringify({ id: 'evt_deno', type: 'plugipay.invoice.paid.v1', data: { object: {} } });
  const post = async (secret: string) =>
    new Request('http://localhost/hooks', {
      method: 'POST',
      headers: { 'x-plugipay-signature': await signWebhookPayload(body, secret) },
      body,
    });

  it('reads PLUGIPAY_WEBHOOK_SECRET from Deno.env; a 503 releases the claim, the retry runs it, then duplicate', async () => {
    fakeDeno({ PLUGIPAY_WEBHOOK_SECRET: 'whsec_deno_env' });
    let status = 503;
    const handler = createWebhookHandler(() => new Response(null, { status }), { dedupe: memoryDedupe() });
    expect((await handler(await post('whsec_deno_env'))).status).toBe(503);
    status = 200;
    expect((await handler(await post('whsec_deno_env'))).status).toBe(200);
    expect(await (await handler(await post('whsec_deno_env'))).json()).toMatchObject({ duplicate: true });
    expect((await handler(new Request('http://localhost/hooks'))).status).toBe(405);
  });

  it('takes the secret as an option, and refuses bad options when built', async () => {
    const handler = createWebhookHandler(() => undefined, { secret: 'whsec_given' });
    expect((await handler(await post('whsec_given'))).status).toBe(204);
    expect((await handler(await post('whsec_other'))).status).toBe(401);
    expect(() => createWebhookHandler('x' as never)).toThrow(/handle must be a function/);
    expect(() => createWebhookHandler(() => undefined, { maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
  });
});
