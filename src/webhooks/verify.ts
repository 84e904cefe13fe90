/**
 * Webhook verification (WIRE 7): header, then signature, then freshness, then the body. The
 * header is judged before the body is read, the body is bounded (`maxBodyBytes`), each secret
 * costs one HMAC however many `v1` values the header carries, and the body is parsed only once
 * the signature holds.
 *
 * Messages are terse because this module ships in a 2 KB entry; each still says what to fix.
 */
import { PlugipayError, PlugipaySignatureError } from '../core/errors';
import type { WebhookEvent } from './events';
import { hmacKey } from './key-cache';
import { parseSignatureHeader, type SignatureHeader } from './signature-header';
import { utf8 } from '../core/crypto';
import type { RawBody } from './signed-content';

/** Options of {@link verifyWebhook} and {@link verifyWebhookRequest}. */
export interface VerifyWebhookOptions {
  /** Largest allowed distance between the signature's timestamp and `now`, either way. Default 300. */
  toleranceSec?: number;
  /** The clock to judge freshness against: a `Date` or milliseconds. Default: the current time. */
  now?: Date | number;
  /**
   * The largest body accepted, in bytes (default 1 MiB; Plugipay's events are a few KB). A
   * larger one is `payload_too_large` (413): a declared `Content-Length` before a byte is read,
   * otherwise as soon as the bytes read pass it.
   */
  maxBodyBytes?: number;
}

/** A webhook's signing secret (`whsec_...`), or several while one is being rotated. */
export type WebhookSecret = string | readonly string[];

/** The default `maxBodyBytes`: 1 MiB. */
const MAX_BODY_BYTES = 1 << 20;

const signatureError = (code: string, message: string) => new PlugipaySignatureError({ status: 401, code: 'signature_' + code, message });

const isText = (value: unknown) => typeof value == 'string';

const tooLarge = (max: number) => new PlugipayError({ status: 413, code: 'payload_too_large', message: `body over maxBodyBytes (${max})` });

// Fails on bytes that are not UTF-8; drops a leading BOM (only for parsing: the HMAC is over the bytes).
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** A mistake in how a function is called: never a verdict on the webhook. */
const usageError = (message: string, code = 'invalid_request') => new PlugipayError({ code, message });

/** The checked arguments every verification starts from, before the header or the body is looked at. */
function checked(secret: WebhookSecret, options: VerifyWebhookOptions | undefined) {
  const secrets: unknown[] = [secret].flat();
  // An empty secret is a missing env variable, not a webhook to judge.
  if (!secrets[0] || !secrets.every(isText) || secrets.includes('')) {
    throw usageError('secret: pass the whsec_ secret');
  }
  const { toleranceSec = 300, now = Date.now(), maxBodyBytes = MAX_BODY_BYTES } = options || {};
  if (!(maxBodyBytes > 0)) throw usageError('maxBodyBytes: pass a byte count above 0');
  return { secrets: secrets as string[], toleranceSec, now, maxBodyBytes };
}

/** The parsed signature header, or the 401 for a missing or malformed one. */
function signatureHeader(header: unknown): SignatureHeader {
  if (!header) throw signatureError('missing', 'no X-Plugipay-Signature');
  const parsed = isText(header) && parseSignatureHeader(header as string);
  if (!parsed) throw signatureError('malformed', 'not t=...,v1=...');
  return parsed;
}

/** True when the 32-byte MACs are equal; looks at every byte whatever it finds (constant time). */
function sameMac(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= a[i]! ^ b[i]!;
  return diff == 0;
}

/** Signature, freshness, then the event: the steps after the header, over the body's bytes as received. */
async function verified(
  body: string | ArrayBuffer | ArrayBufferView,
  parsed: SignatureHeader,
  { secrets, toleranceSec, now, maxBodyBytes }: ReturnType<typeof checked>,
): Promise<WebhookEvent> {
  // The HMAC covers `"<t>."` and the body's bytes as received: text is signed through one
  // encoding with its prefix (the fast path), bytes are joined to the prefix as they are, so a
  // BOM or bytes that are not UTF-8 are signed as sent.
  let signed = utf8(parsed.t + '.' + (isText(body) ? body : ''));
  const head = parsed.t.length + 1; // `t` is ASCII digits: one byte each
  let text: string | undefined = body as string;
  if (!isText(body)) {
    // The prefix and the bytes joined as they are (a Blob copies once, and costs this entry no loop).
    signed = new Uint8Array(await new Blob([signed, body as BlobPart]).arrayBuffer());
    try {
      text = decoder.decode(body as ArrayBuffer);
    } catch {
      text = undefined;
    }
  }
  if (signed.length - head > maxBodyBytes) throw tooLarge(maxBodyBytes);
  // One HMAC per secret (not per `v1`: a header of 16 bogus values costs no more), compared
  // with every candidate in constant time.
  let matched = false;
  for (const s of secrets) {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(s), signed));
    for (const candidate of parsed.v1) matched = sameMac(mac, candidate) || matched;
  }
  if (!matched) throw signatureError('invalid', 'wrong secret, or a re-serialized body: pass the raw body');
  // Written so that a clock or tolerance that is not a number (or NaN) counts as stale, never as fresh.
  if (!(Math.abs(+now / 1000 - +parsed.t) <= +toleranceSec)) throw signatureError('stale', 'timestamp out of tolerance');

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked field by field below
  let event: any;
  try {
    // A BOM before the JSON is not part of it (decoded bytes have lost it already).
    event = JSON.parse(text!.replace(/^\uFEFF/, ''));
  } catch {}
  // The shape every event has: `id` and `type` strings; `occurredAt` and `accountId` strings
  // and `data` an object where present (null counts as absent for the strings). `?.` also
  // rejects null and primitives.
  const data = event?.data;
  if (
    ![event?.id, event?.type, event?.occurredAt ?? '', event?.accountId ?? ''].every(isText) ||
    (data !== undefined && !(data && typeof data == 'object' && !Array.isArray(data)))
  ) {
    throw new PlugipayError({ status: 400, code: 'invalid_payload', message: 'signed body is not an event' });
  }
  return event;
}

/**
 * Verifies a webhook and resolves to its event. `payload` is the raw body exactly as received
 * (a parsed and re-serialized body will not verify); `header` is the value of
 * `X-Plugipay-Signature` (or `Plugipay-Signature`).
 */
export async function verifyWebhook(
  payload: RawBody,
  header: string | null | undefined,
  secret: WebhookSecret,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent> {
  const args = checked(secret, options);
  if (!(isText(payload) || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload))) throw usageError('payload: pass the raw body');
  return verified(payload, signatureHeader(header), args);
}

/**
 * Verifies a Fetch API `Request` (Workers, Deno, Next.js route handlers) and resolves to its
 * event. The header is judged first: without a well-formed one the body is never read. Then
 * the body is read up to `maxBodyBytes`. Call it before anything reads the body, or pass
 * `request.clone()`.
 */
export async function verifyWebhookRequest(request: Request, secret: WebhookSecret, options?: VerifyWebhookOptions): Promise<WebhookEvent> {
  // Not a Request at all (whose getters may even throw), or its body already read (or being read) by someone else.
  const consumed = () => usageError('request: pass request.clone(), or the raw body to verifyWebhook()', 'body_consumed');
  let headers: Headers | undefined;
  try {
    headers = request.headers;
    if (typeof headers.get != 'function' || typeof request.bodyUsed != 'boolean') throw 0;
  } catch {
    throw consumed();
  }
  const args = checked(secret, options);
  const parsed = signatureHeader(headers.get('x-plugipay-signature') || headers.get('plugipay-signature'));
  const max = args.maxBodyBytes;
  if (+headers.get('content-length')! > max) throw tooLarge(max);
  if (request.bodyUsed) throw consumed();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    reader = request.body?.getReader();
  } catch {
    throw consumed();
  }
  // Counted as the bytes arrive: a body without (or lying in) Content-Length stops at the cap.
  try {
    for (let chunk; reader && !(chunk = await reader.read()).done;) {
      if ((size += chunk.value.byteLength) > max) throw tooLarge(max);
      chunks.push(chunk.value);
    }
  } catch (error) {
    reader!.cancel().catch(() => {});
    // The sender went away mid-body, or sent too much: either way no event to judge.
    throw error instanceof PlugipayError
      ? error
      : new PlugipayError({ status: 400, code: 'invalid_payload', message: 'body unreadable', cause: error });
  }
  const body = await new Blob(chunks as BlobPart[]).arrayBuffer();
  return verified(body, parsed, args);
}
