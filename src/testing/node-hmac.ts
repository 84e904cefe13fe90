/**
 * The emulator's request-signature check on node:crypto, for the Node server. Web Crypto's
 * `subtle.verify` is a job on libuv's thread pool: its dispatch and wake-up cost about 100 µs per
 * request while node:http is serving (BENCHMARKS "GET over HTTP: where the time goes"), for an
 * HMAC that takes a few microseconds to compute. This one computes it synchronously on the main
 * thread and compares in constant time. Same contract as the portable verifier (`HmacVerifier`):
 * key = UTF-8 bytes of the secret, message = UTF-8 bytes of the string to sign; both are tested
 * against the wire vectors, rejects included.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { HmacVerifier } from './emulator';

/** SHA-256's output length: a signature of any other length is refused without comparing. */
const HMAC_SHA256_BYTES = 32;

/**
 * A synchronous HMAC-SHA256 verifier on node:crypto (`createHmac` + `timingSafeEqual`), one key
 * object per secret. `startEmulatorServer` uses it for the emulator it creates; pass it yourself
 * when you create the emulator you serve.
 *
 * @example
 * ```ts
 * import { createEmulator } from 'plugipay-edge/testing';
 * import { nodeHmacVerifier, startEmulatorServer } from 'plugipay-edge/testing/node';
 *
 * const emulator = createEmulator({ hmacVerifier: nodeHmacVerifier() });
 * const server = await startEmulatorServer({ emulator });
 * ```
 */
export function nodeHmacVerifier(): HmacVerifier {
  const keys = new Map<string, KeyObject>();
  return (secret, message, signature) => {
    if (signature.byteLength !== HMAC_SHA256_BYTES) return false;
    let key = keys.get(secret);
    if (!key) {
      key = createSecretKey(Buffer.from(secret, 'utf8'));
      keys.set(secret, key);
    }
    const expected = createHmac('sha256', key).update(message, 'utf8').digest();
    return timingSafeEqual(expected, signature);
  };
}
