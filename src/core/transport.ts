/**
 * The one module that calls the network (the platform's `fetch`, or the one passed in). It builds the URL, signs exactly what goes on the
 * wire, adds the idempotency key, bounds the whole exchange (headers and body) by the timeout,
 * honours the caller's signal, and hands the decoded envelope back. It knows no resource names.
 */
import { explainClockSkew } from './clock-skew';
import { decodeResponse, type Decoded, type ResponseKind } from './envelope';
import { PlugipayError, PlugipayNetworkError, timeoutError } from './errors';
import { authorizationHeader, bodySha256, signWithKey } from './signing';
import { buildUrl, type Query } from './url';

/** How requests authenticate: HMAC-signed (server SDK), Bearer dashboard key, or not at all (public routes). */
export type Auth =
  | { kind: 'hmac'; keyId: string; key: () => Promise<CryptoKey> }
  | { kind: 'bearer'; apiKey: string }
  | { kind: 'none' };

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Extra `RequestInit` fields passed to every fetch, e.g. Next.js `next: { revalidate: 60 }`. */
export type FetchOptions = Omit<RequestInit, 'method' | 'body' | 'signal'> & Record<string, unknown>;

export interface TransportConfig {
  baseUrl: string;
  auth: Auth;
  fetch?: FetchLike;
  fetchOptions?: FetchOptions;
  timeoutMs: number;
  now: () => number;
  onBehalfOf?: string;
  /** Public routes send no Idempotency-Key (no custom headers from a browser page). */
  idempotency: boolean;
}

export interface RequestSpec {
  method: string;
  /** Path with its parameters already encoded, starting with `/`. */
  path: string;
  query?: Query;
  /** A JSON value, or `FormData` for a multipart upload (signed as an empty body). */
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  onBehalfOf?: string;
  responseKind: ResponseKind;
}

export interface Exchange extends Decoded {
  response: Response;
  idempotencyKey: string | null;
}

/** `idem_` + a v4 UUID, minted once per logical call and reused by every retry of it. */
export function newIdempotencyKey(): string {
  return `idem_${crypto.randomUUID()}`;
}

function encodeBody(body: unknown): { payload?: string | FormData; multipart: boolean } {
  if (body === undefined) return { multipart: false };
  if (typeof FormData !== 'undefined' && body instanceof FormData) return { payload: body, multipart: true };
  return { payload: JSON.stringify(body), multipart: false };
}

/** The message of the failure that fetch wrapped, e.g. `fetch failed: connect ECONNREFUSED …`. */
function transportMessage(error: unknown): string {
  const top = error instanceof Error ? error.message : String(error);
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return inner && inner !== top ? `${top}: ${inner}` : top || 'network error';
}

/** Each attempt's bound, reading the body included, unless the caller sets another. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Statuses whose response has no body by definition. */
const NULL_BODY = /^(101|204|205|304)$/;

export function createTransport(config: TransportConfig) {
  async function send(spec: RequestSpec): Promise<Exchange> {
    const method = spec.method.toUpperCase();
    const url = buildUrl(config.baseUrl, spec.path, spec.query);
    const { payload, multipart } = encodeBody(spec.body);
    const idempotencyKey =
      config.idempotency && method !== 'GET' ? (spec.idempotencyKey ?? newIdempotencyKey()) : null;

    const headers: Record<string, string> = { accept: 'application/json' };
    if (typeof payload === 'string') headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const onBehalfOf = spec.onBehalfOf ?? config.onBehalfOf;
    if (onBehalfOf) headers['x-plugipay-on-behalf-of'] = onBehalfOf;

    const { auth } = config;
    const signedAt = config.now();
    if (auth.kind === 'hmac') {
      const timestamp = String(Math.floor(signedAt / 1000));
      const signature = await signWithKey(await auth.key(), {
        method,
        path: url.pathname + url.search,
        timestamp,
        bodySha256: await bodySha256(typeof payload === 'string' ? payload : undefined, multipart),
        idempotencyKey,
      });
      headers['authorization'] = authorizationHeader(auth.keyId, signature);
      headers['x-plugipay-timestamp'] = timestamp;
    } else if (auth.kind === 'bearer') {
      headers['authorization'] = `Bearer ${auth.apiKey}`;
    }

    const timeoutMs = spec.timeoutMs ?? config.timeoutMs;
    const failure = { idempotencyKey: idempotencyKey ?? undefined };
    const callerSignal = spec.signal;
    if (callerSignal?.aborted) throw abortedError(failure, callerSignal.reason);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    try {
      // Looked up per call (a fetch patched after construction is used) and called as a plain
      // function: browsers and workerd reject a fetch invoked as a method of another object.
      const fetchImpl = config.fetch ?? globalThis.fetch;
      const response = await fetchImpl(url.href, {
        ...config.fetchOptions,
        headers: withExtraHeaders(config.fetchOptions?.headers, headers),
        method,
        body: payload,
        signal: controller.signal,
      });
      // Read under the same signal and timer: the timeout covers the body too.
      const body = NULL_BODY.test(String(response.status))
        ? undefined
        : spec.responseKind === 'binary'
          ? await response.arrayBuffer()
          : await response.text();
      const decoded = decodeResponse(
        { status: response.status, headers: response.headers, body, idempotencyKey: idempotencyKey ?? undefined },
        spec.responseKind,
      );
      return { ...decoded, response, idempotencyKey };
    } catch (error) {
      if (error instanceof PlugipayError) throw auth.kind === 'hmac' ? explainClockSkew(error, signedAt) : error;
      if (timedOut) throw timeoutError(timeoutMs, { ...failure, cause: error });
      if (callerSignal?.aborted) throw abortedError(failure, callerSignal.reason);
      throw new PlugipayNetworkError({ ...failure, status: 0, code: 'network_error', message: transportMessage(error), cause: error });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return { send };
}

export type Transport = ReturnType<typeof createTransport>;

/**
 * The caller's extra headers (a plain object, an array of pairs or a `Headers`) under the SDK's
 * own, which always win: a signed request must carry exactly the headers it was signed with.
 */
function withExtraHeaders(extra: HeadersInit | undefined, own: Record<string, string>): Headers {
  const merged = new Headers(extra);
  for (const [name, value] of Object.entries(own)) merged.set(name, value);
  return merged;
}

function abortedError(failure: { idempotencyKey?: string }, reason: unknown): PlugipayError {
  return new PlugipayError({
    ...failure,
    status: 0,
    code: 'aborted',
    message: 'Plugipay request aborted by the caller’s AbortSignal',
    cause: reason,
  });
}
