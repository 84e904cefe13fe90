/**
 * Every answer the emulator gives: the WIRE 2 envelope with a fresh `req_…` id, plus the CORS
 * headers that let a browser page on another origin call it (the browser entry's tests do).
 */
import type { ApiErrorBody } from './api-failure';

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'X-Request-Id, Retry-After, Idempotent-Replayed, Content-Type',
};

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'authorization, content-type, accept, idempotency-key, x-plugipay-timestamp, x-plugipay-on-behalf-of',
  'Access-Control-Max-Age': '600',
};

// A type alias (not an interface) so it can carry the list fields of §0.4 beside it.
export type ReplyMeta = {
  requestId: string;
  /** ISO time of the emulator clock. */
  timestamp: string;
};

export function jsonResponse(
  status: number,
  envelope: unknown,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(envelope), {
    status,
    headers: {
      ...CORS_HEADERS,
      'Content-Type': 'application/json',
      'X-Request-Id': requestId,
      ...extraHeaders,
    },
  });
}

export function dataResponse(
  status: number,
  data: unknown,
  meta: ReplyMeta & Record<string, unknown>,
  extraHeaders?: Record<string, string>,
): Response {
  return jsonResponse(status, { data, error: null, meta }, meta.requestId, extraHeaders);
}

export function errorResponse(
  status: number,
  error: ApiErrorBody,
  meta: ReplyMeta,
  extraHeaders?: Record<string, string>,
): Response {
  return jsonResponse(status, { data: null, error, meta }, meta.requestId, extraHeaders);
}

/** `void (204)` routes: no body at all (a 204 cannot carry one). */
export function noContentResponse(requestId: string): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS, 'X-Request-Id': requestId } });
}

export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS, ...PREFLIGHT_HEADERS } });
}

/** A copy of `response` with CORS headers added, for bodies the emulator did not build itself. */
export function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS_HEADERS)) if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
