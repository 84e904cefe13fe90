/**
 * How requests authenticate, as the transport sees it: an `Authorizer` sets the auth headers of
 * each attempt over its final method, URL and body. HMAC signing (WIRE 1) and Bearer keys live
 * here, so a client without credentials (the browser's public checkout) carries no signing code.
 */
import { explainClockSkew } from './clock-skew';
import { importHmacKey } from './crypto';
import type { PlugipayError } from './errors';
import { authorizationHeader, bodySha256, signWithKey } from './signing';

/** One attempt as it will be sent, for an authorizer to sign. */
export interface SignableRequest {
  method: string;
  /** The final URL, exactly as sent. */
  url: URL;
  /** The final body: the exact JSON text, `FormData` (multipart, signed as empty) or none. */
  body: unknown;
  idempotencyKey: string | null;
  /** The client clock's reading for this attempt, in ms. */
  signedAt: number;
}

/** Sets one attempt's auth headers; may explain an auth failure in its own terms. */
export interface Authorizer {
  authorize(request: SignableRequest, headers: Headers): void | Promise<void>;
  /** HMAC: a `401 invalid_timestamp` gets the measured clock skew. */
  explain?(error: PlugipayError, signedAt: number): PlugipayError;
}

/** Imported keys per secret, so that `fromEnv(env)` per request (Workers) imports each secret once. */
const keysBySecret = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 16;

function importOnce(secret: string): Promise<CryptoKey> {
  let key = keysBySecret.get(secret);
  if (!key) {
    if (keysBySecret.size >= MAX_CACHED_KEYS) keysBySecret.delete(keysBySecret.keys().next().value!);
    key = importHmacKey(secret);
    // A failed import is not kept: the next client tries again.
    key.catch(() => keysBySecret.delete(secret));
    keysBySecret.set(secret, key);
  }
  return key;
}

/** WIRE 1 request signing with a key imported on first use, once per secret. */
export function hmacAuth(keyId: string, secret: string): Authorizer {
  let key: Promise<CryptoKey> | undefined;
  // The key once imported: later attempts sign without awaiting its promise again.
  let imported: CryptoKey | undefined;
  return {
    async authorize(request, headers) {
      const { url, body } = request;
      const timestamp = String(Math.floor(request.signedAt / 1000));
      const digest = bodySha256(typeof body === 'string' ? body : undefined, body != null && typeof body !== 'string');
      const signature = await signWithKey(imported ?? (imported = await (key ??= importOnce(secret))), {
        method: request.method,
        path: url.pathname + url.search,
        timestamp,
        bodySha256: typeof digest === 'string' ? digest : await digest,
        idempotencyKey: request.idempotencyKey,
      });
      headers.set('authorization', authorizationHeader(keyId, signature));
      headers.set('x-plugipay-timestamp', timestamp);
    },
    explain: explainClockSkew,
  };
}

/** A dashboard API key, sent as `Authorization: Bearer …`. */
export function bearerAuth(apiKey: string): Authorizer {
  return {
    authorize(_request, headers) {
      headers.set('authorization', `Bearer ${apiKey}`);
    },
  };
}
