/**
 * An independent implementation of the WIRE 1 signature on node:crypto, for tests: it shares
 * no code with src/, so a bug in the SDK's signing cannot hide behind the same bug here.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface NodeSignInput {
  secret: string;
  method: string;
  /** Raw request target as received or sent: pathname + search. */
  target: string;
  timestamp: string;
  /** Raw body bytes; `null` for no body, which is hashed as `""` like multipart. */
  body: Buffer | string | null;
  idempotencyKey: string | null;
}

export function nodeSign(input: NodeSignInput): string {
  const bodyHash = createHash('sha256')
    .update(input.body ?? '')
    .digest('hex');
  const lines = [input.method.toUpperCase(), input.target, input.timestamp, bodyHash];
  if (input.idempotencyKey !== null) lines.push(input.idempotencyKey);
  return createHmac('sha256', input.secret).update(lines.join('\n'), 'utf8').digest('hex');
}

const AUTH_RE = /^Plugipay-HMAC-SHA256 keyId=([^,]+), scope=\*, signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | null | undefined): { keyId: string; signature: string } | null {
  const m = header ? AUTH_RE.exec(header) : null;
  return m ? { keyId: m[1]!, signature: m[2]! } : null;
}

/** Checks a received request's signature with node:crypto; returns the reason when it fails. */
export function verifyReceived(opts: {
  secret: string;
  method: string;
  target: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | null;
  multipart?: boolean;
}): { ok: true } | { ok: false; reason: string } {
  const auth = parseAuthorization(String(opts.headers['authorization'] ?? ''));
  if (!auth) return { ok: false, reason: 'bad Authorization header' };
  const ts = opts.headers['x-plugipay-timestamp'];
  if (typeof ts !== 'string' || !/^\d+$/.test(ts)) return { ok: false, reason: 'bad timestamp header' };
  const idem = opts.headers['idempotency-key'];
  const body = opts.multipart ? '' : opts.body && opts.body.length > 0 ? opts.body : null;
  const expected = nodeSign({
    secret: opts.secret,
    method: opts.method,
    target: opts.target,
    timestamp: ts,
    body,
    idempotencyKey: typeof idem === 'string' ? idem : null,
  });
  const ok = timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(auth.signature, 'hex'));
  return ok ? { ok: true } : { ok: false, reason: `signature mismatch for ${opts.method} ${opts.target}` };
}
