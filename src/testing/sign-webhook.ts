/**
 * Signs a webhook body the way Plugipay does (WIRE 7), for tests of your own webhook handler:
 * the header it returns is what `verifyWebhook` expects in `X-Plugipay-Signature`.
 */
import { toHex } from '../core/crypto';
import { PlugipayError } from '../core/errors';
import { hmacKey } from '../webhooks/key-cache';
import { rawBodyBytes, signedContent, type RawBody } from '../webhooks/signed-content';

/** Options of {@link signWebhookPayload}. */
export interface SignWebhookOptions {
  /** Unix seconds, or a `Date`; default: now. */
  timestamp?: number | Date;
}

/** The `t=<unix seconds>,v1=<hex>` header value for `payload` under `secret`. */
export async function signWebhookPayload(
  payload: RawBody,
  secret: string,
  { timestamp = new Date() }: SignWebhookOptions = {},
): Promise<string> {
  const bytes = rawBodyBytes(payload);
  if (!bytes) {
    throw new PlugipayError({ code: 'invalid_request', message: 'payload: expected a string, Uint8Array or ArrayBuffer' });
  }
  if (typeof secret != 'string' || !secret) {
    throw new PlugipayError({ code: 'invalid_request', message: 'secret: expected a non-empty string' });
  }
  const t = String(timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp);
  if (!/^\d+$/.test(t)) {
    throw new PlugipayError({ code: 'invalid_request', message: 'timestamp: expected unix seconds or a Date' });
  }
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), signedContent(t, bytes as RawBody));
  return `t=${t},v1=${toHex(mac)}`;
}
