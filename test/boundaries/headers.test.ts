/**
 * Rule 3: header values are checked, not trimmed. `Headers` strips surrounding whitespace after
 * the request was signed (so the server answers invalid_signature) and throws a TypeError that
 * quotes the value: per call that is `invalid_request`, in options and `forMerchant` it is
 * `invalid_config` from the constructor, and a secret never shows up in what is thrown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable, PlugipayClient, type PlugipayError } from '../../src/entries/index';
import { failure } from '../support/failure';
import { verifyReceived } from '../support/node-signer';
import type { RawServer } from '../support/raw-server';
import { clientFor, KEY_ID, SECRET, startCountingServer } from './counting-server';

let server: RawServer;
let client: PlugipayClient;
beforeAll(async () => {
  server = await startCountingServer();
  client = clientFor(server, { maxRetries: 2 });
});
afterAll(() => server.close());

/** Everything an error exposes, as text: message, fields, JSON dump, stack and cause. */
function exposed(error: PlugipayError): string {
  return [
    error.message,
    JSON.stringify(error),
    JSON.stringify(error.fieldErrors ?? []),
    String(error.stack),
    String(error.cause ?? ''),
  ].join('\n');
}

function constructionError(make: () => unknown): PlugipayError {
  try {
    make();
  } catch (error) {
    return error as PlugipayError;
  }
  throw new Error('expected the constructor to throw');
}

const BAD_VALUES: [string, string][] = [
  ['a leading space', ' acct_1'],
  ['a trailing tab', 'acct_1\t'],
  ['a CR LF', 'acct_1\r\nX-Injected: 1'],
  ['a bare LF', 'acct\n1'],
  ['a NUL', 'acct\u00001'],
  ['a non-ASCII character', 'acct_é'],
  ['an emoji', 'acct_😀'],
];

describe('idempotencyKey', () => {
  it.each([
    ['empty', ''],
    ['a leading space', ' key'],
    ['an inner space', 'my key'],
    ['a newline', 'key\n'],
    ['non-ASCII', 'clé'],
    ['256 characters', 'k'.repeat(256)],
    ['DEL', 'key\u007f'],
  ])('%s is invalid_request before any request', async (_, idempotencyKey) => {
    const before = server.received.length;
    const error = await failure(client.customers.create({ name: 'A' }, { idempotencyKey }));
    expect(error).toMatchObject({ code: 'invalid_request', status: 0 });
    expect(error.fieldErrors?.map((f) => f.field)).toEqual(['idempotencyKey']);
    expect(isRetryable(error)).toBe(false);
    expect(server.received.length).toBe(before);
  });

  it('every printable ASCII character, 1 to 255 of them, arrives exactly as signed', async () => {
    const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
    for (const idempotencyKey of [printable, 'k'.repeat(255), '!', '~']) {
      await client.customers.create({ name: 'A' }, { idempotencyKey });
      const received = server.received.at(-1)!;
      expect(received.headers['idempotency-key']).toBe(idempotencyKey);
      expect(
        verifyReceived({ secret: SECRET, method: 'POST', target: received.target, headers: received.headers, body: received.body }),
      ).toEqual({ ok: true });
    }
  });
});

describe('onBehalfOf, keyId and apiKey', () => {
  it.each(BAD_VALUES)('onBehalfOf with %s per call is invalid_request, not a retried network_error', async (_, onBehalfOf) => {
    const before = server.received.length;
    const error = await failure(client.customers.get('cus_1', { onBehalfOf }));
    expect(error).toMatchObject({ code: 'invalid_request', status: 0 });
    expect(error.fieldErrors?.map((f) => f.field)).toEqual(['onBehalfOf']);
    expect(error.retries ?? 0).toBe(0);
    expect(server.received.length).toBe(before);
  });

  it.each(BAD_VALUES)(
    'onBehalfOf with %s as an option, or through forMerchant, is invalid_config from the constructor',
    (_, onBehalfOf) => {
      const direct = constructionError(() => new PlugipayClient({ keyId: KEY_ID, secret: SECRET, onBehalfOf }));
      expect(direct).toMatchObject({ code: 'invalid_config', status: 0 });
      const scoped = constructionError(() => client.forMerchant(onBehalfOf));
      expect(scoped).toMatchObject({ code: 'invalid_config', status: 0 });
      expect(scoped.fieldErrors?.map((f) => f.field)).toEqual(['onBehalfOf']);
    },
  );

  it.each(BAD_VALUES)('keyId with %s is invalid_config', (_, keyId) => {
    expect(constructionError(() => new PlugipayClient({ keyId, secret: SECRET }))).toMatchObject({ code: 'invalid_config' });
  });

  it('a keyId holding a comma or a space (which would split the Authorization header) is invalid_config', () => {
    for (const keyId of ['pk_1, scope=*', 'pk 1']) {
      expect(constructionError(() => new PlugipayClient({ keyId, secret: SECRET }))).toMatchObject({ code: 'invalid_config' });
    }
  });

  it.each(BAD_VALUES)('apiKey with %s is invalid_config, and the key appears nowhere in the error', (_, suffix) => {
    const apiKey = `sk_live_SECRETKEY${suffix}`;
    const error = constructionError(() => new PlugipayClient({ apiKey }));
    expect(error).toMatchObject({ code: 'invalid_config', status: 0 });
    expect(exposed(error)).not.toContain('SECRETKEY');
  });

  it('a secret holding a lone surrogate is invalid_config and is not echoed', () => {
    const error = constructionError(() => new PlugipayClient({ keyId: KEY_ID, secret: 'whsec_TOPSECRET\uD800' }));
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect(exposed(error)).not.toContain('TOPSECRET');
  });

  it('fetchOptions.headers that Headers would reject are invalid_config, without quoting them', () => {
    const error = constructionError(
      () => new PlugipayClient({ keyId: KEY_ID, secret: SECRET, fetchOptions: { headers: { 'x-proxy-auth': 'token\nPROXYSECRET' } } }),
    );
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect(exposed(error)).not.toContain('PROXYSECRET');
  });

  it('valid values go out exactly as given', async () => {
    await client.forMerchant('acct_1-x.y~z').customers.get('cus_1');
    expect(server.received.at(-1)!.headers['x-plugipay-on-behalf-of']).toBe('acct_1-x.y~z');
    const bearer = clientFor(server, { keyId: undefined, secret: undefined, apiKey: 'ak_live_abc.DEF-123' });
    await bearer.customers.get('cus_1');
    expect(server.received.at(-1)!.headers['authorization']).toBe('Bearer ak_live_abc.DEF-123');
  });
});
