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
import { rawBodyText, signedContent, type RawBody } from './signed-content';

export interface VerifyWebhookOptions {
  /** Largest allowed distance between the signature's timestamp and `now`, either way. Default 300. */
  toleranceSec?: number;
  /** The clock to judge freshness against: a `Date` or milliseconds. Default: the current time. */
  now?: Date | number;
}

/** A webhook's signing secret (`whsec_…`), or several while one is being rotated. */
export type WebhookSecret = string | readonly string[];

const signatureError = (code: string, message: string) =>
  new PlugipaySignatureError({ status: 401, code: 'signature_' + code, message });

/** A mistake in how a function is called: never a verdict on the webhook. */
const usageError = (message: string) => new PlugipayError({ code: 'invalid_request', message });

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
  if (!secrets[0] || secrets.some((s) => !s || typeof s != 'string')) {
    throw usageError('secret: pass your whsec_… secret');
  }
  const text = rawBodyText(payload);
  if (text == null) throw usageError('payload: pass the raw body (text or bytes)');
  const { toleranceSec = 300, now = Date.now() } = options || {};

  if (!header) throw signatureError('missing', 'no X-Plugipay-Signature header');
  const parsed = typeof header == 'string' && parseSignatureHeader(header);
  if (!parsed) throw signatureError('malformed', 'header is not t=…,v1=…');

  const signed = signedContent(parsed.t, text);
  let matched = false;
  for (const s of secrets as string[]) {
    const key = await hmacKey(s);
    for (const candidate of parsed.v1) matched ||= await crypto.subtle.verify('HMAC', key, candidate, signed);
  }
  // Plugipay sends compact JSON: a space after `:`, indented lines or "[object Object]" mean
  // the body was rebuilt from a parsed object, the usual cause of a mismatch.
  if (!matched) throw signatureError('invalid', (/^\[object |": |\n\s*"/.test(text) ? 'body looks re-serialized' : 'check the secret') + ': pass the raw body');
  // Written so that a clock or tolerance that is not a number (or NaN) counts as stale, never as fresh.
  if (!(Math.abs(+now / 1000 - +parsed.t) <= +toleranceSec)) throw signatureError('stale', 'timestamp out of tolerance');

  let event: WebhookEvent | undefined;
  try {
    event = JSON.parse(text);
  } catch {}
  // `?.` also rejects null, primitives and arrays: none has a string `id`.
  if (typeof event?.id != 'string' || typeof event.type != 'string') {
    throw new PlugipayError({ status: 400, code: 'invalid_payload', message: 'signed body is not a JSON event' });
  }
  return event;
}

/**
 * Verifies a Fetch API `Request` (Workers, Deno, Next.js route handlers) and resolves to its
 * event. Call it before anything reads the body, or pass `request.clone()`.
 */
export async function verifyWebhookRequest(
  request: Request,
  secret: WebhookSecret,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent> {
  // A consumed body (or something that is not a Request at all) cannot be verified.
  if (request?.bodyUsed !== false) {
    throw new PlugipayError({ code: 'body_consumed', message: 'body already read: pass request.clone()' });
  }
  const { headers } = request;
  const header = headers.get('x-plugipay-signature') || headers.get('plugipay-signature');
  return verifyWebhook(await request.arrayBuffer(), header, secret, options);
}
