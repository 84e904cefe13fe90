/**
 * Every answer the emulator gives: the WIRE 2 envelope with a fresh `req_…` id. CORS headers are
 * not set here: the dispatcher adds them to API answers only (see `withCors`).
 */
import type { ApiErrorBody } from './api-failure';

/**
 * What lets a page on another origin call the API: the browser entry's public checkout client
 * and a private page that signs requests (the Chromium and happy-dom proofs do both). Only
 * `/api/v1/*` carries them; the dashboard, the hosted page and `/_emulator/*` carry none, so
 * another origin's page cannot read customer data or the key id from them (the hosted page
 * loads its scripts and calls the API from its own origin, which needs no CORS).
 */
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'X-Request-Id, Retry-After, Idempotent-Replayed, Content-Type',
};

/** `response` with the API's CORS headers (its headers are the emulator's own, so mutable). */
export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'authorization, content-type, accept, idempotency-key, x-plugipay-timestamp, x-plugipay-on-behalf-of',
  'Access-Control-Max-Age': '600',
};

// A type alias (not an interface) so it can carry the list fields (`hasMore`, `nextCursor`) beside it.
export type ReplyMeta = {
  requestId: string;
  /** ISO time of the emulator clock. */
  timestamp: string;
};

/**
 * The bytes of every body the emulator built itself, by response: a server in front of it
 * (node:http) writes them once with a Content-Length instead of reading the body back as a
 * stream. Responses not in here (faults that stall or truncate) are streamed.
 */
const KNOWN_BODIES = new WeakMap<Response, string | Uint8Array<ArrayBuffer>>();

/** The body `response` was built with, when the emulator built it; `undefined` otherwise. */
export function knownBody(response: Response): string | Uint8Array<ArrayBuffer> | undefined {
  return KNOWN_BODIES.get(response);
}

/** A response whose body is known up front (see `knownBody`). */
export function bodyResponse(body: string | Uint8Array<ArrayBuffer>, init: ResponseInit): Response {
  const response = new Response(body, init);
  KNOWN_BODIES.set(response, body);
  return response;
}

export function jsonResponse(status: number, envelope: unknown, requestId: string, extraHeaders: Record<string, string> = {}): Response {
  return bodyResponse(JSON.stringify(envelope), {
    status,
    headers: {
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

export function errorResponse(status: number, error: ApiErrorBody, meta: ReplyMeta, extraHeaders?: Record<string, string>): Response {
  return jsonResponse(status, { data: null, error, meta }, meta.requestId, extraHeaders);
}

/** `void (204)` routes: no body at all (a 204 cannot carry one). */
export function noContentResponse(requestId: string): Response {
  return new Response(null, { status: 204, headers: { 'X-Request-Id': requestId } });
}

/** The answer to a CORS preflight of an API path (`withCors` adds the origin headers). */
export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: { ...PREFLIGHT_HEADERS } });
}

/** A non-JSON answer (an image, a page, a script). */
export function rawResponse(
  status: number,
  contentType: string,
  body: string | Uint8Array<ArrayBuffer>,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return bodyResponse(body, {
    status,
    headers: { 'Content-Type': contentType, 'X-Request-Id': requestId, ...headers },
  });
}
