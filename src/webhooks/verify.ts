/**
 * Webhook verification (WIRE 7): header, then signature, then freshness, then the body. The
 * body is parsed only once the signature holds, and signatures are compared only through
 * `crypto.subtle.verify`, which is constant-time on every runtime.
 *
 * Messages are terse because this module ships in a 1.5 KB entry; each still says what to fix.
 */
import { PlugipayError, PlugipaySignatureError } from '../core/errors';
import type { WebhookEvent } from './events';
import { hmacKey } from './key-cache';
import { parseSignatureHeader } from './signature-header';
import { utf8 } from '../core/crypto';
import type { RawBody } from './signed-content';

/** Options of {@link verifyWebhook} and {@link verifyWebhookRequest}. */
export interface VerifyWebhookOptions {
  /** Largest allowed distance between the signature's timestamp and `now`, either way. Default 300. */
  toleranceSec?: number;
  /** The clock to judge freshness against: a `Date` or milliseconds. Default: the current time. */
  now?: Date | number;
}

/** A webhook's signing secret (`whsec_...`), or several while one is being rotated. */
export type WebhookSecret = string | readonly string[];

const signatureError = (code: string, message: string) => new PlugipaySignatureError({ status: 401, code: 'signature_' + code, message });

const isText = (value: unknown) => typeof value == 'string';

// Fails on bytes that are not UTF-8. (A BOM is dropped, so a BOM-prefixed body, which is no
// event anyway, fails as signature_invalid: keeping it would cost this entry's last bytes.)
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** A mistake in how a function is called: never a verdict on the webhook. */
const usageError = (message: string, code = 'invalid_request') => new PlugipayError({ code, message });

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
  const secrets: unknown[] = [secret].flat();
  // An empty secret is a missing env variable, not a webhook to judge.
  if (!secrets[0] || !secrets.every(isText) || secrets.includes('')) {
    throw usageError('secret: pass the whsec_ secret');
  }
  if (!(isText(payload) || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload))) throw usageError('payload: pass the raw body');
  const { toleranceSec = 300, now = Date.now() } = options || {};

  if (!header) throw signatureError('missing', 'no X-Plugipay-Signature');
  const parsed = isText(header) && parseSignatureHeader(header);
  if (!parsed) throw signatureError('malformed', 'not t=...,v1=...');

  // The HMAC covers `"<t>."` and the body's bytes as received. Valid UTF-8 decodes (BOM kept) and
  // encodes back to the very same bytes, so text is signed through one encoding with its prefix,
  // the fast path; bytes that are not UTF-8 are joined to it by a Blob as they are, so a
  // correctly signed body that is not text passes the signature and is then not an event.
  let text: string | undefined;
  try {
    text = isText(payload) ? payload : decoder.decode(payload);
  } catch {}
  const signed = text != null ? utf8(parsed.t + '.' + text) : await new Blob([parsed.t + '.', payload as BlobPart]).arrayBuffer();
  let matched = false;
  for (const s of secrets as string[]) {
    const key = await hmacKey(s);
    for (const candidate of parsed.v1) matched ||= await crypto.subtle.verify('HMAC', key, candidate, signed);
  }
  if (!matched) throw signatureError('invalid', 'wrong secret, or a re-serialized body: pass the raw body');
  // Written so that a clock or tolerance that is not a number (or NaN) counts as stale, never as fresh.
  if (!(Math.abs(+now / 1000 - +parsed.t) <= +toleranceSec)) throw signatureError('stale', 'timestamp out of tolerance');

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked field by field below
  let event: any;
  try {
    event = JSON.parse(text!);
  } catch {}
  // The shape every event has: `id` and `type` strings, `data` holding `object`, and
  // `occurredAt` and `accountId` strings where present (null counts as absent). `?.` also
  // rejects null and primitives.
  if (![event?.id, event?.type, event?.occurredAt ?? '', event?.accountId ?? ''].every(isText) || event.data?.object === undefined) {
    throw new PlugipayError({ status: 400, code: 'invalid_payload', message: 'signed body is not an event' });
  }
  return event;
}

/**
 * Verifies a Fetch API `Request` (Workers, Deno, Next.js route handlers) and resolves to its
 * event. Call it before anything reads the body, or pass `request.clone()`.
 */
export async function verifyWebhookRequest(request: Request, secret: WebhookSecret, options?: VerifyWebhookOptions): Promise<WebhookEvent> {
  let body: ArrayBuffer;
  try {
    body = await request.arrayBuffer();
  } catch {
    // Not a Request at all, or its body already read (or being read) by someone else.
    throw usageError('request: pass request.clone(), or the raw body to verifyWebhook()', 'body_consumed');
  }
  const { headers } = request;
  const header = headers.get('x-plugipay-signature') || headers.get('plugipay-signature');
  return verifyWebhook(body, header, secret, options);
}
