/**
 * HMAC keys for webhook secrets, imported once and reused: `importKey` costs about as much as
 * the `verify` itself, so importing per delivery would halve throughput.
 */
import { importHmacKey } from '../core/crypto';

// Keyed by the secret itself: the map is module-private and never logged or serialized.
const keys = /* @__PURE__ */ new Map<string, Promise<CryptoKey>>();

export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    // A process has a handful of endpoint secrets; past 16 something is generating them, so
    // start over rather than grow without bound.
    if (keys.size > 15) keys.clear();
    keys.set(secret, (key = importHmacKey(secret)));
  }
  return key;
}
