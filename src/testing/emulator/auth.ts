/**
 * Request authentication as the server does it (WIRE 1), written independently of
 * src/core/signing.ts so that a bug there fails here instead of being mirrored: the string to
 * sign is rebuilt from what was RECEIVED (the raw request target, the timestamp header, the
 * hash of the received bytes, the received Idempotency-Key) and compared in constant time.
 */
import { fromHex64, importHmacKey, sha256Hex, utf8 } from '../../core/crypto';
import { apiFailure, isApiFailure, type ApiFailure } from './api-failure';

/** An HMAC key pair the emulator accepts: pass it to `new PlugipayClient({ ...emulator.credentials })`. */
export interface KeyPair {
  keyId: string;
  secret: string;
}

export type Principal = { kind: 'hmac'; keyId: string } | { kind: 'bearer'; apiKey: string };

/** An HMAC request whose headers passed: the signature still has to be checked against the body. */
export interface PendingSignature {
  kind: 'pending-hmac';
  keyId: string;
  secret: string;
  signature: Uint8Array<ArrayBuffer>;
  timestamp: string;
}

export interface ReceivedRequest {
  method: string;
  /** `pathname + search` exactly as received. */
  target: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/** The server's clock window, both directions. */
export const CLOCK_WINDOW_SEC = 300;

/** SHA-256 of zero bytes: what a multipart upload is signed with (vector R5). */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const HMAC_SCHEME = /^Plugipay-HMAC-SHA256 keyId=([^\s,]+), scope=([^\s,]+), signature=([^\s,]*)$/;
const BEARER_SCHEME = /^Bearer ([^\s]+)$/;

export function isMultipart(headers: Headers): boolean {
  return (headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * The BODY_SHA256 line: the hash of the bytes received, and the hash of `""` for multipart.
 * A bodiless request is hashed as `""` too: WIRE 1's prose says the line is empty then, but the
 * published vectors (R4, R6, R8, cross-checked with openssl) sign bodiless requests with the
 * hash of the empty string, and the vectors are the contract.
 */
export async function signedBodyHash(body: Uint8Array<ArrayBuffer>, headers: Headers): Promise<string> {
  // Zero bytes hash to a constant: no digest job for every GET.
  if (isMultipart(headers) || body.byteLength === 0) return EMPTY_SHA256;
  return sha256Hex(body);
}

export function stringToVerify(req: ReceivedRequest, timestamp: string, bodyHash: string): string {
  const lines = [req.method.toUpperCase(), req.target, timestamp, bodyHash];
  const idempotencyKey = req.headers.get('idempotency-key');
  if (idempotencyKey !== null) lines.push(idempotencyKey);
  return lines.join('\n');
}

function unauthorized(code: string, message: string): ApiFailure {
  return apiFailure(401, code, message);
}

/**
 * Checks an HMAC-SHA256 signature: `true` when `signature` is HMAC-SHA256 with the UTF-8 bytes
 * of `secret` as key over the UTF-8 bytes of `message`, compared in constant time. The
 * emulator's default is Web Crypto (every runtime); a host may inject its own (the Node server
 * injects a synchronous node:crypto one, which saves a thread-pool job per request).
 */
export type HmacVerifier = (secret: string, message: string, signature: Uint8Array<ArrayBuffer>) => boolean | Promise<boolean>;

/** The portable verifier: `crypto.subtle.verify`, one imported key per secret. */
export function webCryptoHmacVerifier(): HmacVerifier {
  const keys = new Map<string, Promise<CryptoKey>>();
  return async (secret, message, signature) => {
    let key = keys.get(secret);
    if (!key) {
      key = importHmacKey(secret);
      keys.set(secret, key);
    }
    return crypto.subtle.verify('HMAC', await key, signature, utf8(message));
  };
}

export class RequestVerifier {
  private readonly secrets = new Map<string, string>();
  private readonly apiKeys: Set<string>;

  constructor(
    keys: readonly KeyPair[],
    apiKeys: readonly string[],
    private readonly nowMs: () => number,
    private readonly verifyHmac: HmacVerifier = webCryptoHmacVerifier(),
    /** Where the current keys are, for the `invalid_key` message (see `EmulatorOptions.unknownKeyHint`). */
    private readonly unknownKeyHint = 'copy the current pair from emulator.credentials (an emulator given no `keys` mints new ones each time)',
  ) {
    for (const { keyId, secret } of keys) this.secrets.set(keyId, secret);
    this.apiKeys = new Set(apiKeys);
  }

  /** The principal, or the 401 the server would answer. */
  async verify(req: ReceivedRequest): Promise<Principal | ApiFailure> {
    const claim = this.authenticate(req.headers);
    if (isApiFailure(claim) || claim.kind !== 'pending-hmac') return claim;
    return this.checkSignature(claim, req);
  }

  /**
   * Everything decidable from the headers alone (scheme, key id, timestamp window), so an
   * unsigned or badly signed request is answered before its body is read.
   */
  authenticate(headers: Headers): { kind: 'bearer'; apiKey: string } | PendingSignature | ApiFailure {
    const authorization = headers.get('authorization');
    if (!authorization) return unauthorized('unauthorized', 'Missing Authorization header');

    const bearer = BEARER_SCHEME.exec(authorization);
    if (bearer) {
      const apiKey = bearer[1]!;
      if (!this.apiKeys.has(apiKey)) return unauthorized('invalid_key', 'Unknown API key');
      return { kind: 'bearer', apiKey };
    }

    const hmac = HMAC_SCHEME.exec(authorization);
    if (!hmac) {
      return unauthorized(
        'unauthorized',
        'Malformed Authorization header: expected "Plugipay-HMAC-SHA256 keyId=<keyId>, scope=*, signature=<64 lowercase hex>" or "Bearer <apiKey>"',
      );
    }
    const [, keyId, scope, signatureHex] = hmac as unknown as [string, string, string, string];
    if (scope !== '*') return unauthorized('unauthorized', `Unsupported scope '${scope}' in Authorization header`);
    const signature = /^[0-9a-f]{64}$/.test(signatureHex) ? fromHex64(signatureHex) : undefined;
    if (!signature) return unauthorized('unauthorized', 'Authorization signature must be 64 lowercase hex characters');

    const secret = this.secrets.get(keyId);
    if (secret === undefined) {
      return unauthorized(
        'invalid_key',
        `Unknown key id '${keyId}': this emulator's keys are different (they changed since you copied them); ${this.unknownKeyHint}`,
      );
    }

    const timestamp = headers.get('x-plugipay-timestamp');
    if (timestamp === null || !/^\d+$/.test(timestamp)) {
      return unauthorized('invalid_timestamp', 'X-Plugipay-Timestamp must be Unix seconds (digits only)');
    }
    // A well-formed timestamp outside the window is `timestamp_skew`, as the server answers it;
    // `invalid_timestamp` above is only for a value that is not Unix seconds at all.
    const skew = Math.abs(this.nowMs() / 1000 - Number(timestamp));
    if (skew > CLOCK_WINDOW_SEC) {
      return unauthorized(
        'timestamp_skew',
        `X-Plugipay-Timestamp is ${Math.round(skew)} s away from the server clock (window ±${CLOCK_WINDOW_SEC} s)`,
      );
    }
    return { kind: 'pending-hmac', keyId, secret, signature, timestamp };
  }

  /** The HMAC over what was received, once the body is in. */
  async checkSignature(claim: PendingSignature, req: ReceivedRequest): Promise<Principal | ApiFailure> {
    const message = stringToVerify(req, claim.timestamp, await signedBodyHash(req.body, req.headers));
    const valid = await this.verifyHmac(claim.secret, message, claim.signature);
    if (!valid) {
      return unauthorized(
        'invalid_signature',
        'Signature does not match: sign METHOD, pathname+search as sent, timestamp, body SHA-256 and the Idempotency-Key when sent',
      );
    }
    return { kind: 'hmac', keyId: claim.keyId };
  }
}
