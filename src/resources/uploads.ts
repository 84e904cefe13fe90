/**
 * Image uploads: one multipart field, `file`, signed as an empty body (docs/wire.md). The runtime
 * sets the multipart boundary; the returned `url` may be relative to the API host.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import { json, route, type RouteContext, type RouteTable } from './route';
import { accepts } from './schemas';

/** What `uploads.image` accepts: a `Blob` or `File`, or the raw bytes (PNG, JPEG or WEBP, at most 5 MB). */
export type UploadImageInput = Blob | Uint8Array | ArrayBuffer;

/** `client.uploads`: images for your hosted pages (logos). */
export interface UploadsResource {
  /**
   * Uploads a PNG, JPEG or WEBP image of at most 5 MB; the returned `url` is absolute. Raw bytes
   * are typed by their content; a `File` keeps its name.
   *
   * @example
   * ```ts
   * const logo = await client.uploads.image(await (await fetch('https://shop.example/logo.png')).blob());
   * await client.checkoutSettings.update({ brandLogoUrl: logo.url });
   * ```
   */
  image(input: UploadImageInput, options?: RequestOptions): APIPromise<UploadedFile>;
}

const MAX_BYTES = 5 * 1024 * 1024;
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** The image type of raw bytes from their magic numbers; bytes carry no type of their own. */
function sniffImageType(bytes: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(1, 4) === 'PNG' && bytes[0] === 0x89) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}

function asBlob(file: UploadImageInput): Blob {
  if (file instanceof Blob) return file;
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: sniffImageType(bytes) });
}

function asForm(blob: Blob): FormData {
  const form = new FormData();
  const name = typeof File !== 'undefined' && blob instanceof File ? blob.name : `image.${EXTENSIONS[blob.type] ?? 'bin'}`;
  form.append('file', blob, name);
  return form;
}

const imageInput = accepts<UploadImageInput>()(() =>
  v.pipe(
    v.custom<UploadImageInput>(
      (file) => file instanceof Blob || file instanceof Uint8Array || file instanceof ArrayBuffer,
      'must be a Blob, File, Uint8Array or ArrayBuffer',
    ),
    v.transform(asBlob),
    v.check((blob) => blob.size <= MAX_BYTES, 'must be at most 5 MB'),
    // A Blob without a type is left to the server to judge.
    v.check((blob) => !blob.type || Object.hasOwn(EXTENSIONS, blob.type), 'must be a PNG, JPEG or WEBP image'),
    v.transform(asForm),
  ),
);

/** `/api/v1/files/x.png` → `<baseUrl>/api/v1/files/x.png`, as request paths are built; absolute URLs stay. */
const resolveUrl = (file: UploadedFile, { baseUrl }: RouteContext): UploadedFile => ({
  ...file,
  url: /^\/(?!\/)/.test(file.url) ? baseUrl + file.url : new URL(file.url, `${baseUrl}/`).href,
});

/** @internal */
export const uploadRoutes: RouteTable<UploadsResource> = {
  image: route('POST', '/api/v1/uploads/image', { body: imageInput, returns: json<UploadedFile>(), transform: resolveUrl }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A file uploaded with `uploads.image`, and where it can be fetched. */
export interface UploadedFile {
  /** Absolute (the SDK resolves a relative `/api/v1/files/…` against the base URL). */
  url: string;
  /** The name the server stored the file under. */
  fileName: string;
  /** The stored file's size in bytes. */
  fileSize: number;
}
