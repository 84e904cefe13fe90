import { afterEach, describe, expect, it, vi } from 'vitest';
import vectors from '../fixtures/vectors.json';
import { fromHex64 } from '../../src/core/crypto';
import { signedBodyHash, stringToVerify, webCryptoHmacVerifier, type HmacVerifier } from '../../src/testing/emulator/auth';
import { nodeHmacVerifier } from '../../src/testing/node-hmac';
import { startEmulatorServer, type EmulatorServer } from '../../src/testing/node-server';
import { readResult } from './helpers';

/** The string to sign of a published vector, rebuilt the way the emulator rebuilds a received request. */
async function messageOf(vector: (typeof vectors.requests)[number]): Promise<string> {
  const headers = new Headers();
  if (vector.multipart) headers.set('content-type', 'multipart/form-data; boundary=x');
  if (vector.idempotencyKey) headers.set('idempotency-key', vector.idempotencyKey);
  const body = vector.multipart ? new Uint8Array([0x89, 0x50]) : new TextEncoder().encode(vector.body);
  const received = { method: vector.method, target: vector.path, headers, body };
  return stringToVerify(received, vector.timestamp, await signedBodyHash(received.body, headers));
}

const flipLastBit = (bytes: Uint8Array<ArrayBuffer>) => {
  const copy = new Uint8Array(bytes);
  copy[copy.length - 1]! ^= 1;
  return copy;
};

const VERIFIERS: [string, () => HmacVerifier][] = [
  ['node:crypto (the Node server)', nodeHmacVerifier],
  ['Web Crypto (the portable default)', webCryptoHmacVerifier],
];

describe.each(VERIFIERS)('HMAC verifier on %s, against the wire vectors', (_name, make) => {
  for (const vector of vectors.requests) {
    it(`accepts ${vector.id} and refuses it altered`, async () => {
      const verify = make();
      const message = await messageOf(vector);
      const signature = fromHex64(vector.signature)!;
      expect(await verify(vector.secret, message, signature)).toBe(true);
      // Twice: a cached key must give the same answer.
      expect(await verify(vector.secret, message, signature)).toBe(true);
      expect(await verify(vector.secret, message, flipLastBit(signature))).toBe(false);
      expect(await verify(`${vector.secret}x`, message, signature)).toBe(false);
      expect(await verify(vector.secret, `${message} `, signature)).toBe(false);
      expect(await verify(vector.secret, message.replace(vector.timestamp, String(Number(vector.timestamp) + 1)), signature)).toBe(false);
    });
  }

  it('refuses signatures that are not 32 bytes, and hashes secrets and messages as UTF-8', async () => {
    const verify = make();
    const vector = vectors.requests[0]!;
    const message = await messageOf(vector);
    const signature = fromHex64(vector.signature)!;
    expect(await verify(vector.secret, message, signature.slice(0, 31))).toBe(false);
    expect(await verify(vector.secret, message, new Uint8Array([...signature, 0]))).toBe(false);
    expect(await verify(vector.secret, message, new Uint8Array(0))).toBe(false);
    // Non-ASCII on both sides: the two verifiers must agree byte for byte.
    const { createHmac } = await import('node:crypto');
    const secret = 'sk_tëst_😀';
    const text = 'GET\n/api/v1/customers/cus%20ü\n1700000000\ne3b0';
    const expected = new Uint8Array(createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(text, 'utf8')).digest());
    expect(await verify(secret, text, expected)).toBe(true);
    expect(await verify(secret.normalize('NFD'), text, expected)).toBe(false);
  });
});

it('refuses a key pair with an empty secret or key id at creation, whichever verifier is used', async () => {
  const { createEmulator } = await import('../../src/testing/emulator');
  for (const keys of [[{ keyId: 'pk_x', secret: '' }], [{ keyId: '', secret: 'sk_x' }]]) {
    expect(() => createEmulator({ keys })).toThrow(/keys\[0\] needs a non-empty keyId and secret/);
    expect(() => createEmulator({ keys, hmacVerifier: nodeHmacVerifier() })).toThrow(/non-empty/);
  }
});

describe('startEmulatorServer checks signatures on node:crypto', () => {
  let server: EmulatorServer | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await server?.close();
    server = undefined;
  });

  for (const vector of vectors.requests.filter((v) => !v.multipart)) {
    it(`accepts ${vector.id} over HTTP without a Web Crypto verify, and refuses it with one bit flipped`, async () => {
      const verify = vi.spyOn(crypto.subtle, 'verify');
      server = await startEmulatorServer({
        keys: [{ keyId: 'pk_vector', secret: vector.secret }],
        now: () => Number(vector.timestamp) * 1000,
      });
      const send = (signature: string) => {
        const headers: Record<string, string> = {
          Authorization: `Plugipay-HMAC-SHA256 keyId=pk_vector, scope=*, signature=${signature}`,
          'X-Plugipay-Timestamp': vector.timestamp,
        };
        if (vector.idempotencyKey) headers['Idempotency-Key'] = vector.idempotencyKey;
        if (vector.body !== '') headers['Content-Type'] = 'application/json';
        return fetch(`${server!.url}${vector.path}`, {
          method: vector.method,
          headers,
          body: vector.body === '' ? null : vector.body,
        }).then(readResult);
      };
      const accepted = await send(vector.signature);
      expect(accepted.status, accepted.text).not.toBe(401);
      const flipped = vector.signature.slice(0, -1) + (vector.signature.endsWith('0') ? '1' : '0');
      const refused = await send(flipped);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('invalid_signature');
      expect(verify).not.toHaveBeenCalled();
    });
  }
});
