/**
 * One set of rules for every `fromEnv`: the core's over any record (`process.env`), the Next.js
 * entry's over `process.env`, the Workers entry's over bindings and the Deno entry's over
 * `Deno.env` read the same names, with the same precedence and the same `missing_credentials`
 * messages; only the "how to set it" hint differs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromEnv as coreFromEnv, webhookSecretFromEnv as coreWebhookSecret, PlugipayClient, PlugipayError } from '../../src/entries/index';
import { fromEnv as denoFromEnv } from '../../src/entries/deno';
import { fromEnv as workersFromEnv } from '../../src/entries/workers';
import { fromEnv as nextFromEnv, webhookSecretFromEnv as nextWebhookSecret } from '../../src/runtimes/next';
import type { ClientOptions } from '../../src/core/options';

type Vars = Record<string, string>;

function withProcessEnv<T>(vars: Vars, run: () => T): T {
  const saved = process.env;
  process.env = { ...vars };
  try {
    return run();
  } finally {
    process.env = saved;
  }
}

function withDeno<T>(vars: Vars, run: () => T): T {
  vi.stubGlobal('Deno', { env: { get: (name: string) => vars[name] }, errors: {} });
  try {
    return run();
  } finally {
    vi.unstubAllGlobals();
  }
}

/** Each entry's fromEnv, as a function of the variables and the options. */
const ENTRIES: Record<string, (vars: Vars, options?: ClientOptions) => PlugipayClient> = {
  'core fromEnv(vars)': (vars, options) => coreFromEnv(vars, options),
  'workers fromEnv(env)': (vars, options) => workersFromEnv(vars, options),
  'deno fromEnv()': (vars, options) => withDeno(vars, () => denoFromEnv(options)),
  'next fromEnv()': (vars, options) => withProcessEnv(vars, () => nextFromEnv(options)),
};

function thrown(fn: () => unknown): PlugipayError {
  try {
    fn();
  } catch (error) {
    return error as PlugipayError;
  }
  throw new Error('expected a throw');
}

/** The message without the runtime's hint after the last ": ". */
const rule = (message: string) => message.slice(0, message.lastIndexOf('): ') + 1);

afterEach(() => vi.unstubAllGlobals());

describe.each(Object.entries(ENTRIES))('%s', (_, fromEnv) => {
  it('reads the key pair, base URL and on-behalf-of', () => {
    const client = fromEnv({
      PLUGIPAY_KEY_ID: 'pk_1',
      PLUGIPAY_SECRET: 'sk_1',
      PLUGIPAY_BASE_URL: 'http://127.0.0.1:9/',
      PLUGIPAY_ON_BEHALF_OF: 'acc_7',
    });
    expect(client).toBeInstanceOf(PlugipayClient);
    expect(client.baseUrl).toBe('http://127.0.0.1:9');
    expect(client.onBehalfOf).toBe('acc_7');
  });

  it('takes PLUGIPAY_KEY_SECRET when PLUGIPAY_SECRET is unset, and PLUGIPAY_API_KEY without a pair', () => {
    expect(fromEnv({ PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_KEY_SECRET: 'sk_1' })).toBeInstanceOf(PlugipayClient);
    expect(fromEnv({ PLUGIPAY_API_KEY: 'dash_1' })).toBeInstanceOf(PlugipayClient);
  });

  it('lets options win over the variables', () => {
    const client = fromEnv(
      { PLUGIPAY_API_KEY: 'dash_1', PLUGIPAY_BASE_URL: 'https://a.example' },
      { baseUrl: 'https://b.example', timeoutMs: 5 },
    );
    expect(client.baseUrl).toBe('https://b.example');
    expect(client.timeoutMs).toBe(5);
    expect(fromEnv({}, { apiKey: 'dash_2' })).toBeInstanceOf(PlugipayClient);
  });

  it('says which credential is missing, in the same words, never printing a secret', () => {
    const none = thrown(() => fromEnv({}));
    expect(none).toMatchObject({ code: 'missing_credentials', status: 0 });
    expect(rule(none.message)).toBe('fromEnv: PLUGIPAY_KEY_ID and PLUGIPAY_SECRET are not set (or PLUGIPAY_API_KEY for a dashboard key)');
    expect(rule(thrown(() => fromEnv({ PLUGIPAY_KEY_ID: 'pk_1' })).message)).toBe(
      'fromEnv: PLUGIPAY_SECRET is not set (the HMAC secret that goes with the key id)',
    );
    const secretOnly = thrown(() => fromEnv({ PLUGIPAY_SECRET: 'sk_hidden' }));
    expect(rule(secretOnly.message)).toBe('fromEnv: PLUGIPAY_KEY_ID is not set (the key id that goes with the secret)');
    expect(JSON.stringify(secretOnly.toJSON())).not.toContain('sk_hidden');
  });
});

describe.each(Object.entries(ENTRIES))('%s never echoes a variable', (_, fromEnv) => {
  it('a secret pasted into PLUGIPAY_KEY_ID stays out of the message and toJSON()', () => {
    const pasted = 'sk_live_PASTED_INTO_KEY_ID_0123';
    const err = thrown(() => fromEnv({ PLUGIPAY_KEY_ID: pasted, PLUGIPAY_BASE_URL: 'https://api.example.com' }));
    expect(err).toMatchObject({ code: 'missing_credentials', status: 0 });
    expect(err.message).toContain('PLUGIPAY_SECRET is not set');
    expect(`${err.message} ${JSON.stringify(err.toJSON())} ${String(err)}`).not.toContain(pasted);
  });

  it('no message quotes any value it read', () => {
    const cases: Vars[] = [
      { PLUGIPAY_KEY_ID: 'pk_VALUE_A' },
      { PLUGIPAY_SECRET: 'sk_VALUE_B' },
      { PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_SECRET: 'sk_1', PLUGIPAY_BASE_URL: 'ftp://VALUE_C.example' },
      { PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_SECRET: 'sk_1', PLUGIPAY_ON_BEHALF_OF: 'acc VALUE_D ' },
      { PLUGIPAY_API_KEY: 'dash VALUE_E' },
      { PLUGIPAY_KEY_ID: 'pk VALUE_F', PLUGIPAY_SECRET: 'sk_1' },
    ];
    for (const vars of cases) {
      const err = thrown(() => fromEnv(vars));
      expect(err, JSON.stringify(vars)).toBeInstanceOf(PlugipayError);
      expect(`${err.message} ${JSON.stringify(err.toJSON())}`, JSON.stringify(vars)).not.toMatch(/VALUE_[A-F]/);
    }
  });
});

describe('variables and options that throw when read', () => {
  const throwing = (name: string, extra: object = {}) =>
    Object.defineProperty({ ...extra }, name, {
      enumerable: true,
      get() {
        throw new TypeError(`cannot read ${name}: sk_live_IN_THE_GETTER_ERROR`);
      },
    });

  it.each(['PLUGIPAY_KEY_ID', 'PLUGIPAY_SECRET', 'PLUGIPAY_BASE_URL', 'PLUGIPAY_API_KEY'])(
    'a getter of %s that throws is invalid_config naming it, its error left out',
    (name) => {
      const vars = throwing(name, name === 'PLUGIPAY_API_KEY' ? {} : { PLUGIPAY_KEY_ID: 'pk_1', PLUGIPAY_SECRET: 'sk_1' });
      const err = thrown(() => coreFromEnv(vars));
      expect(err).toBeInstanceOf(PlugipayError);
      expect(err).toMatchObject({ code: 'invalid_config', status: 0, message: expect.stringContaining(name) });
      expect(JSON.stringify(err.toJSON())).not.toContain('IN_THE_GETTER_ERROR');
    },
  );

  it('a proxy over the variables whose trap throws, and a throwing webhook secret getter', () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(thrown(() => coreFromEnv(trap))).toMatchObject({ code: 'invalid_config' });
    expect(thrown(() => coreWebhookSecret(throwing('PLUGIPAY_WEBHOOK_SECRET')))).toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('PLUGIPAY_WEBHOOK_SECRET'),
    });
  });

  it('an option passed to fromEnv whose getter throws is invalid_config too', () => {
    const options = throwing('apiKey') as ClientOptions;
    expect(thrown(() => coreFromEnv({}, options))).toMatchObject({ code: 'invalid_config', status: 0 });
    expect(thrown(() => workersFromEnv({}, options))).toMatchObject({ code: 'invalid_config', status: 0 });
  });

  it('a Deno.env.get that throws something else than a permission error', () => {
    vi.stubGlobal('Deno', {
      env: {
        get: () => {
          throw new Error('env broke');
        },
      },
      errors: {},
    });
    expect(thrown(() => denoFromEnv())).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('PLUGIPAY_') });
  });
});

describe('the core fromEnv(vars) and webhookSecretFromEnv(vars)', () => {
  it('works over process.env itself', () => {
    const client = withProcessEnv({ PLUGIPAY_API_KEY: 'dash_env', PLUGIPAY_BASE_URL: 'http://127.0.0.1:1' }, () =>
      coreFromEnv(process.env),
    );
    expect(client.baseUrl).toBe('http://127.0.0.1:1');
  });

  it('says how to set a variable, and refuses what is not text', () => {
    expect(thrown(() => coreFromEnv({})).message).toMatch(/: set PLUGIPAY_KEY_ID in the environment, or pass the option to fromEnv$/);
    expect(thrown(() => coreFromEnv({ PLUGIPAY_API_KEY: 42 }))).toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('variable PLUGIPAY_API_KEY is a number'),
    });
    expect(thrown(() => coreFromEnv(null as never))).toMatchObject({ code: 'invalid_config' });
  });

  it('reads PLUGIPAY_WEBHOOK_SECRET', () => {
    expect(coreWebhookSecret({ PLUGIPAY_WEBHOOK_SECRET: 'whsec_1' })).toBe('whsec_1');
    expect(thrown(() => coreWebhookSecret({}))).toMatchObject({
      code: 'missing_credentials',
      message: expect.stringContaining('PLUGIPAY_WEBHOOK_SECRET is not set'),
    });
  });
});

describe('the Next.js fromEnv()', () => {
  it('names .env.local in its hint, and reads process.env when called, not at import', () => {
    expect(withProcessEnv({}, () => thrown(() => nextFromEnv())).message).toMatch(/add PLUGIPAY_KEY_ID=… to \.env\.local/);
    expect(withProcessEnv({ PLUGIPAY_WEBHOOK_SECRET: 'whsec_late' }, () => nextWebhookSecret())).toBe('whsec_late');
  });
});
