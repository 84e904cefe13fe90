/** The Workers entry's host integration: bindings → options, workerd-safe fetch options, the webhook handler. */
import { describe, expect, it } from 'vitest';
import { fromEnv, createWebhookHandler, webhookSecretFromEnv, PlugipayError, PlugipayClient } from '../../src/entries/workers';
import { createEmulator } from '../../src/testing/emulator';
import { signWebhookPayload } from '../../src/testing/sign-webhook';

function thrown(fn: () => unknown): PlugipayError {
  try {
    fn();
  } catch (error) {
    return error as PlugipayError;
  }
  throw new Error('expected a throw');
}

describe('fromEnv(env)', () => {
  it('signs with PLUGIPAY_KEY_ID + PLUGIPAY_SECRET against PLUGIPAY_BASE_URL', async () => {
    const emulator = createEmulator();
    const client = fromEnv(
      {
        PLUGIPAY_KEY_ID: emulator.credentials.keyId,
        PLUGIPAY_SECRET: emulator.credentials.secret,
        PLUGIPAY_BASE_URL: 'https://api.example.test/',
        OTHER: {},
      },
      { fetch: emulator.fetch },
    );
    expect(client).toBeInstanceOf(PlugipayClient);
    expect(client.baseUrl).toBe('https://api.example.test');
    await expect(client.customers.create({ email: 'a@example.com' })).resolves.toMatchObject({ email: 'a@example.com' });
  });

  it('accepts PLUGIPAY_KEY_SECRET, PLUGIPAY_API_KEY and PLUGIPAY_ON_BEHALF_OF', () => {
    expect(fromEnv({ PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_KEY_SECRET: 'sk_1' })).toBeInstanceOf(PlugipayClient);
    expect(fromEnv({ PLUGIPAY_API_KEY: 'dash_1', PLUGIPAY_ON_BEHALF_OF: 'acc_9' }).onBehalfOf).toBe('acc_9');
  });

  it('lets options win over the bindings', () => {
    const client = fromEnv(
      { PLUGIPAY_API_KEY: 'dash_1', PLUGIPAY_BASE_URL: 'https://a.example' },
      { baseUrl: 'https://b.example', timeoutMs: 5 },
    );
    expect(client.baseUrl).toBe('https://b.example');
    expect(client.timeoutMs).toBe(5);
    expect(fromEnv({}, { apiKey: 'dash_2' })).toBeInstanceOf(PlugipayClient);
  });

  it('names the missing binding and `wrangler secret put`', () => {
    expect(thrown(() => fromEnv({}))).toMatchObject({
      code: 'missing_credentials',
      message: expect.stringMatching(
        /PLUGIPAY_KEY_ID and PLUGIPAY_SECRET are not set.*PLUGIPAY_API_KEY.*wrangler secret put PLUGIPAY_KEY_ID/,
      ),
    });
    expect(thrown(() => fromEnv({ PLUGIPAY_KEY_ID: 'pk_1' })).message).toMatch(
      /PLUGIPAY_SECRET is not set.*wrangler secret put PLUGIPAY_SECRET/,
    );
    expect(thrown(() => fromEnv({ PLUGIPAY_SECRET: 'sk_hidden' })).message).toMatch(/PLUGIPAY_KEY_ID is not set/);
    expect(thrown(() => fromEnv({ PLUGIPAY_SECRET: 'sk_hidden' })).message).not.toContain('sk_hidden');
  });

  it('refuses a binding that is not text, without printing it', () => {
    const error = thrown(() => fromEnv({ PLUGIPAY_SECRET: { get: () => 'sk_in_kv' }, PLUGIPAY_KEY_ID: 'pk_1' }));
    expect(error).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('binding PLUGIPAY_SECRET is a object') });
    expect(error.message).not.toContain('sk_in_kv');
    expect(thrown(() => fromEnv(undefined as never))).toMatchObject({ code: 'invalid_config' });
  });

  it('refuses fetchOptions.cache, which workerd rejects', () => {
    expect(thrown(() => fromEnv({ PLUGIPAY_API_KEY: 'k' }, { fetchOptions: { cache: 'no-store' } }))).toMatchObject({
      code: 'invalid_config',
      message: expect.stringMatching(/fetchOptions\.cache: workerd rejects/),
    });
    expect(() => fromEnv({ PLUGIPAY_API_KEY: 'k' }, { fetchOptions: { cf: { cacheTtl: 60 } } })).not.toThrow();
  });
});

describe('webhooks', () => {
  const secret = 'whsec_workers_test';
  const body = JSON.stringify({
    id: 'evt_1',
    type: 'plugipay.invoice.paid.v1',
    accountId: 'acc_1',
    occurredAt: '2026-01-01T00:00:00Z',
    data: { object: {} },
  });
  const env = { PLUGIPAY_WEBHOOK_SECRET: secret };
  const post = async (payload: string, header?: string) =>
    new Request('https://worker.example/hook', {
      method: 'POST',
      headers: header ? { 'x-plugipay-signature': header } : {},
      body: payload,
    });

  it('webhookSecretFromEnv reads PLUGIPAY_WEBHOOK_SECRET or says how to set it', () => {
    expect(webhookSecretFromEnv(env)).toBe(secret);
    expect(thrown(() => webhookSecretFromEnv({}))).toMatchObject({
      code: 'missing_credentials',
      message: expect.stringContaining('wrangler secret put PLUGIPAY_WEBHOOK_SECRET'),
    });
  });

  it('the handler calls back with the verified event (204 when it returns nothing)', async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler((event) => void seen.push(event.id));
    const response = await handler(await post(body, await signWebhookPayload(body, secret)), env, {});
    expect(response.status).toBe(204);
    expect(seen).toEqual(['evt_1']);
  });

  it('answers failed verification with its status and code, never calling back', async () => {
    const handler = createWebhookHandler(() => {
      throw new Error('must not be called');
    });
    const header = await signWebhookPayload(body, secret);
    const tampered = await handler(await post(body.replace('evt_1', 'evt_2'), header), env, {});
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ error: { code: 'signature_invalid' } });
    expect((await handler(await post(body), env, {})).status).toBe(401);
    const notEvent = await handler(await post('[]', await signWebhookPayload('[]', secret)), env, {});
    expect(notEvent.status).toBe(400);
    expect((await handler(new Request('https://worker.example/hook'), env, {})).status).toBe(405);
  });

  it('throws configuration errors (no secret bound) instead of answering them', async () => {
    const handler = createWebhookHandler(() => undefined);
    await expect(handler(await post(body, 't=1,v1=00'), {}, {})).rejects.toMatchObject({ code: 'missing_credentials' });
  });
});
