/**
 * Reading what the server answered (WIRE 2): the envelope is checked with valibot, never
 * trusted, and every failure becomes a `PlugipayError` carrying the request id when one exists.
 */
import * as v from 'valibot';
import { PlugipayError } from './errors';

/** `null` or absent: valibot's `nullish` as `optional(nullable)`, which every bundle has already. */
const nullish = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

const errorBodySchema = () =>
  v.looseObject({
    code: v.optional(v.string()),
    message: v.optional(v.string()),
    field: v.optional(v.string()),
    details: v.optional(v.record(v.string(), v.unknown())),
    docUrl: v.optional(v.string()),
  });

const metaSchema = () =>
  v.looseObject({
    requestId: v.optional(v.string()),
    // The docs' list form …
    page: v.optional(v.looseObject({ hasMore: v.optional(v.boolean()), nextCursor: nullish(v.string()) })),
    // … and the official SDKs' list form.
    hasMore: v.optional(v.boolean()),
    cursor: nullish(v.string()),
  });

const buildEnvelopeSchema = () =>
  v.looseObject({
    data: v.optional(v.unknown()),
    error: nullish(errorBodySchema()),
    meta: v.optional(metaSchema()),
  });

// Built at the first response, not at import (a cold start pays for every module-scope build).
let envelopeSchema: ReturnType<typeof buildEnvelopeSchema> | undefined;

export type Envelope = v.InferOutput<ReturnType<typeof buildEnvelopeSchema>>;

/** What a successful exchange yields before resources shape it. */
export interface Decoded {
  data: unknown;
  requestId: string | null;
  meta: Envelope['meta'];
}

/** How a route's successful body is read. */
export type ResponseKind = 'json' | 'text' | 'binary';

interface Received {
  status: number;
  headers: Headers;
  /** `text` for JSON and text routes; binary routes hand over bytes. */
  body: string | ArrayBuffer | undefined;
  idempotencyKey?: string;
}

const SNIPPET = 200;

function snippet(text: string): string {
  return text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
}

/**
 * The `X-Request-Id` header's first value: `Headers` joins a duplicated header as `a, b`, which
 * is no one's request id. (The envelope's `meta.requestId`, when there is one, wins over it.)
 */
export function headerRequestId(headers: Headers): string | null {
  const first = headers.get('x-request-id')?.split(',')[0]!.trim();
  return first || null;
}

function invalidResponse(received: Received, why: string, text: string): PlugipayError {
  return new PlugipayError({
    status: received.status,
    code: 'invalid_response',
    message: `${why} (HTTP ${received.status}): ${JSON.stringify(snippet(text))}`,
    requestId: headerRequestId(received.headers),
    idempotencyKey: received.idempotencyKey,
    headers: received.headers,
  });
}

function bodyText(body: string | ArrayBuffer | undefined): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isEnvelopeShaped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('data' in value || 'error' in value || 'meta' in value);
}

/**
 * Turns a received response into `{ data, requestId }`, or throws the `PlugipayError` it
 * stands for. Text and binary successes skip the envelope; their errors still go through it.
 */
export function decodeResponse(received: Received, kind: ResponseKind): Decoded {
  const isSuccess = received.status >= 200 && received.status < 300;
  if (isSuccess && kind !== 'json') {
    return {
      data: received.body ?? (kind === 'text' ? '' : new ArrayBuffer(0)),
      requestId: headerRequestId(received.headers),
      meta: undefined,
    };
  }
  const text = bodyText(received.body);
  if (text.trim() === '') {
    if (isSuccess) return { data: undefined, requestId: headerRequestId(received.headers), meta: undefined };
    throw new PlugipayError({
      status: received.status,
      code: 'unknown',
      message: `HTTP ${received.status}`,
      requestId: headerRequestId(received.headers),
      idempotencyKey: received.idempotencyKey,
      headers: received.headers,
    });
  }
  const json = parseJson(text);
  if (!json.ok) throw invalidResponse(received, 'Plugipay answered with a body that is not JSON', text);
  if (!isEnvelopeShaped(json.value)) throw invalidResponse(received, 'Plugipay answered with JSON that is not an envelope', text);
  const parsed = v.safeParse((envelopeSchema ??= buildEnvelopeSchema()), json.value);
  if (!parsed.success) throw invalidResponse(received, 'Plugipay answered with a malformed envelope', text);
  const envelope = parsed.output;
  const requestId = envelope.meta?.requestId ?? headerRequestId(received.headers);
  if (received.status >= 400 || envelope.error) {
    const error = envelope.error ?? {};
    throw new PlugipayError({
      status: received.status,
      code: error.code ?? 'unknown',
      message: error.message ?? `HTTP ${received.status}`,
      requestId,
      field: error.field,
      details: error.details,
      docUrl: error.docUrl,
      idempotencyKey: received.idempotencyKey,
      headers: received.headers,
    });
  }
  // `null` stays `null`: some routes answer it on purpose (no onboarding started yet).
  return { data: envelope.data, requestId, meta: envelope.meta };
}

export interface PageMeta {
  hasMore: boolean;
  nextCursor: string | null;
}

/** Both list-meta shapes of WIRE 2: `meta.page.{hasMore,nextCursor}` or `meta.{hasMore,cursor}`. */
export function readPageMeta(meta: Envelope['meta']): PageMeta {
  return {
    hasMore: meta?.page?.hasMore ?? meta?.hasMore ?? false,
    nextCursor: meta?.page?.nextCursor ?? meta?.cursor ?? null,
  };
}
