/**
 * The request signature of WIRE 1: HMAC-SHA256 over a five-line string of exactly what goes on
 * the wire. Pure functions over Web Crypto; the transport decides what is signed and sent.
 */
import { hmacHex, importHmacKey, sha256Hex, utf8 } from './crypto';
import type { FieldError } from './errors';
import { isWellFormed } from './unicode';
import { invalidRequest, readingInput } from './validation';

/** SHA-256 of the empty body: bodiless requests and multipart uploads are signed with it. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SignatureInput {
  /** HTTP method; signed in upper case. */
  method: string;
  /** `url.pathname + url.search` of the URL exactly as it is sent. */
  path: string;
  /** Unix seconds, the value of `X-Plugipay-Timestamp`. */
  /** The request's `X-Plugipay-Timestamp`: Unix time in seconds (the server allows ±300 s of skew). */
  timestamp: number | string;
  /** Lowercase hex SHA-256 of the exact body bytes (of `""` when there is no body). */
  bodySha256: string;
  /** Present when an `Idempotency-Key` header is sent: it becomes the fifth line. */
  idempotencyKey?: string | null | undefined;
}

export function stringToSign(input: SignatureInput): string {
  const lines = [input.method.toUpperCase(), input.path, String(input.timestamp), input.bodySha256];
  if (input.idempotencyKey != null) lines.push(input.idempotencyKey);
  return lines.join('\n');
}

/**
 * The body line of WIRE 1: the SHA-256 of the exact body bytes sent. A bodiless request hashes
 * the empty string `""` (the WIRE 8 vectors R4, R6 and R8 fix this reading), and so does a
 * multipart upload, whose boundary the runtime picks after signing.
 */
export function bodySha256(body: string | null | undefined, multipart = false): string | Promise<string> {
  // The empty body's digest is known: returned as it is, so a bodiless request awaits no hash.
  if (multipart || body == null || body === '') return EMPTY_BODY_SHA256;
  return sha256Hex(utf8(body));
}

export function signWithKey(key: CryptoKey, input: SignatureInput): Promise<string> {
  return hmacHex(key, stringToSign(input));
}

/** What {@link signRequest} signs: the request exactly as it will be sent. */
export interface SignRequestInput {
  /** The API key's secret (`sk_…`), the HMAC key; it never appears in the signature. */
  secret: string;
  /** The HTTP method (`GET`, `POST`, …; signed in upper case). */
  method: string;
  /** Path and query exactly as sent, e.g. `/api/v1/customers?limit=2`. */
  path: string;
  /** The request's `X-Plugipay-Timestamp`: Unix time in seconds (the server allows ±300 s of skew). */
  timestamp: number | string;
  /** The exact body string sent; omit (or `null`) for a bodiless request. */
  body?: string | null;
  /** A multipart upload: signed as if the body were empty. */
  multipart?: boolean;
  /** The `Idempotency-Key` header sent, if any (it is part of the string to sign). */
  idempotencyKey?: string | null;
}

/**
 * The signature of one request, for proxies and custom transports. `PlugipayClient` signs every
 * request itself, reusing one imported key; this imports the key on every call.
 */
export async function signRequest(input: SignRequestInput): Promise<string> {
  readingInput(() => checkSignInput(input));
  const key = await importHmacKey(input.secret);
  return signWithKey(key, {
    method: input.method,
    path: input.path,
    timestamp: input.timestamp,
    bodySha256: await bodySha256(input.body, input.multipart),
    idempotencyKey: input.idempotencyKey,
  });
}

/** What `signRequest` needs, checked so that nothing is signed as `"undefined"` or `"[object Object]"`. */
function checkSignInput(input: SignRequestInput): void {
  const text = (value: unknown) => typeof value === 'string' && value !== '' && isWellFormed(value);
  const optional = (value: unknown) => value == null || (typeof value === 'string' && isWellFormed(value));
  const { secret, method, path, timestamp, body, idempotencyKey } = (input ?? {}) as Partial<SignRequestInput>;
  const problems: FieldError[] = [];
  // The secret is never quoted: only whether it is there.
  if (!text(secret)) problems.push({ field: 'secret', message: 'must be a non-empty string' });
  if (!text(method)) problems.push({ field: 'method', message: 'must be an HTTP method, e.g. "POST"' });
  if (!text(path) || !path!.startsWith('/'))
    problems.push({ field: 'path', message: 'must be the path and query as sent, e.g. "/api/v1/customers?limit=2"' });
  if (
    !/^\d+$/.test(
      typeof timestamp === 'number' && Number.isSafeInteger(timestamp) ? String(timestamp) : typeof timestamp === 'string' ? timestamp : '',
    )
  ) {
    problems.push({ field: 'timestamp', message: 'must be Unix seconds, as a number or a string of digits' });
  }
  if (!optional(body)) problems.push({ field: 'body', message: 'must be the exact body string sent, or left out' });
  if (!optional(idempotencyKey)) problems.push({ field: 'idempotencyKey', message: 'must be a string, or left out' });
  if (problems[0]) invalidRequest(`${problems[0].field}: ${problems[0].message}`, problems);
}

export function authorizationHeader(keyId: string, signature: string): string {
  return `Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${signature}`;
}
