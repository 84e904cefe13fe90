/** Parsing of the `X-Plugipay-Signature` header: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (WIRE 7 step 2). */
import { fromHex64 } from '../core/crypto';

export interface SignatureHeader {
  /** The timestamp exactly as sent: it is signed as text, so it is never reformatted. */
  t: string;
  /** Every well-formed `v1`, as bytes; several appear while a secret rotates. */
  v1: Uint8Array<ArrayBuffer>[];
}

/**
 * Split on `,`, trim each part, split it at its first `=`; `undefined` when there is no
 * all-digit `t` or no 64-hex `v1`, and for a header over 8 KiB or with more than 16 `v1`
 * values (a rotation has two or three): bounded before any HMAC work. Unknown keys are ignored.
 */
export function parseSignatureHeader(header: string): SignatureHeader | undefined {
  let t: string | undefined;
  const v1: Uint8Array<ArrayBuffer>[] = [];
  let count = 0;
  if (header.length > 8192) return;
  for (const part of header.split(',')) {
    // Split at the first `=` only: the value keeps any later `=`.
    const [key, value = ''] = part.trim().split(/=(.*)/s);
    if (key == 't') {
      if (!/^\d+$/.test(value)) return;
      t ??= value;
    } else if (key == 'v1') {
      if (++count > 16) return;
      const signature = fromHex64(value);
      if (signature) v1.push(signature);
    }
  }
  return t && v1[0] ? { t, v1 } : undefined;
}
