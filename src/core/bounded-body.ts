/**
 * Reading a response body within `maxResponseBytes`. The count is kept on the stream as the
 * bytes arrive, after the runtime has decompressed them, so neither an endless body nor a gzip
 * bomb can grow memory past the cap (plus one chunk); a declared `Content-Length` over the cap
 * is refused before a byte is read. Refusing cancels the stream, which releases the connection.
 */
import { responseTooLargeError, type PlugipayErrorInit } from './errors';

/** The default cap: 32 MiB, far above any Plugipay answer (CSV reports included). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const decoder = /* @__PURE__ */ new TextDecoder();

/**
 * The whole body as bytes, or `response_too_large` once more than `maxBytes` arrive. `extra`
 * (status, request id, idempotency key) is carried into the error.
 */
export async function readBoundedBytes(
  response: Response,
  maxBytes: number,
  extra: Omit<PlugipayErrorInit, 'code' | 'message'> = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { body } = response;
  // eslint-disable-next-line prefer-const -- assigned once below, after tooLarge (which reads it) is defined
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const tooLarge = (declared?: number) => {
    // Through the reader once there is one (a locked stream cannot be cancelled otherwise).
    // Cancelling may reject (the stream already errored); the refusal is what the caller gets.
    (reader ?? body)?.cancel().catch(() => undefined);
    return responseTooLargeError(maxBytes, declared, extra);
  };
  // `NaN` (no header, or a duplicated `10, 10`) is left to the count below.
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge(declared);
  const chunks: Uint8Array[] = [];
  let total = 0;
  reader = body?.getReader();
  for (let chunk; reader && !(chunk = await reader.read()).done; chunks.push(chunk.value)) {
    if ((total += chunk.value.byteLength) > maxBytes) throw tooLarge();
  }
  // One chunk that is its own buffer (the usual small answer) is returned as it is, not copied.
  const only = chunks.length === 1 ? chunks[0]! : undefined;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(total);
  total = 0;
  for (const chunk of chunks) bytes.set(chunk, (total += chunk.byteLength) - chunk.byteLength);
  return bytes;
}

/**
 * The body within `maxBytes`: as text (UTF-8, a BOM dropped, as `Response.text()` reads it), or
 * as an `ArrayBuffer` of exactly its bytes.
 */
export function readBoundedBody(
  response: Response,
  maxBytes: number,
  kind: 'text' | 'binary',
  extra?: Omit<PlugipayErrorInit, 'code' | 'message'>,
): Promise<string | ArrayBuffer> {
  return readBoundedBytes(response, maxBytes, extra).then<string | ArrayBuffer>(kind === 'text' ? asText : asBuffer);
}

const asText = (bytes: Uint8Array<ArrayBuffer>) => decoder.decode(bytes);
const asBuffer = (bytes: Uint8Array<ArrayBuffer>) => bytes.buffer;
