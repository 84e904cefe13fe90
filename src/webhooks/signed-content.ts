/** The raw body of a webhook and the bytes its signature covers (WIRE 7). */
import { fromUtf8, utf8 } from '../core/crypto';

/** A raw body as received: text, or bytes (any `ArrayBufferView`, e.g. a Node `Buffer`). */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** The body as text; `undefined` for anything that is not a raw body (a parsed object, `null`). */
export function rawBodyText(payload: unknown): string | undefined {
  if (typeof payload == 'string') return payload;
  // A view keeps its offset, so a pooled Node `Buffer` reads right.
  if (payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) return fromUtf8(payload);
}

/**
 * `"<t>."` followed by the body's bytes. Bytes are signed through their text: decoding keeps a
 * BOM and encoding gives back the same bytes for any valid UTF-8, which every JSON event is; a
 * body that is not valid UTF-8 cannot verify (it could not be an event either). One encoding
 * of one string is also the fastest way to build the signed bytes.
 */
export function signedContent(timestamp: string, text: string): Uint8Array<ArrayBuffer> {
  return utf8(timestamp + '.' + text);
}
