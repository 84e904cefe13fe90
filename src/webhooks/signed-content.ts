/** The raw body of a webhook and the bytes its signature covers (WIRE 7). */
import { utf8 } from '../core/crypto';

/** A raw body as received: text, or bytes (any `ArrayBufferView`, e.g. a Node `Buffer`). */
export type RawBody = string | Uint8Array | ArrayBuffer;

/**
 * The body's bytes exactly as received (text as its UTF-8); `undefined` for anything that is
 * not a raw body (a parsed object, `null`). A view keeps its offset, so a pooled Node `Buffer`
 * reads right.
 */
export function rawBodyBytes(payload: unknown): Uint8Array | undefined {
  if (typeof payload == 'string') return utf8(payload);
  if (payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) return bytesOf(payload);
}

/** The bytes of a buffer or of a view at its offset (a pooled Node `Buffer` reads right). */
const bytesOf = (raw: ArrayBuffer | ArrayBufferView) => {
  const view = raw as Partial<ArrayBufferView>;
  return new Uint8Array(view.buffer ?? (raw as ArrayBuffer), view.byteOffset, view.byteLength);
};

/**
 * `"<t>."` followed by the body's bytes as received: no decoding and re-encoding, so what is
 * verified is exactly what arrived. Text is encoded once with its prefix (the common, fastest case).
 */
export function signedContent(timestamp: string, body: RawBody): Uint8Array<ArrayBuffer> {
  if (typeof body == 'string') return utf8(timestamp + '.' + body);
  const prefix = utf8(timestamp + '.');
  const bytes = bytesOf(body);
  const out = new Uint8Array(prefix.length + bytes.length);
  out.set(prefix);
  out.set(bytes, prefix.length);
  return out;
}
