/**
 * The per-call pipeline shared by both clients: per-call options validated once, the
 * idempotency key minted (the one place it is), each attempt's timeout cut to what is left of
 * the call's deadline (the client's one clock), and the retry engine around the transport's
 * attempts. Routes and the clients describe a call as a `Call`; this turns it into attempts.
 */
import type { ResponseKind } from './envelope';
import type { retrying } from './retry';
import type { Exchange, Transport } from './transport';
import type { Query } from './url';

/** Per-call options every method takes last. */
export interface RequestOptions {
  /** Your own Idempotency-Key for a write (default: `idem_<uuid>` minted once per call). */
  idempotencyKey?: string;
  /** Cancels the request (and any retry wait): the call fails with code `aborted`. */
  signal?: AbortSignal;
  /** Bounds each attempt, reading the body included. */
  timeoutMs?: number;
  /** Act inside another workspace (platform keys). */
  onBehalfOf?: string;
  /** Retries of transient failures for this call, overriding the client's `maxRetries`. */
  maxRetries?: number;
  /** Bounds the whole call in ms, retries and their waits included: no attempt starts past it. */
  deadlineMs?: number;
  /** The most bytes of the response body read for this call, overriding the client's `maxResponseBytes`. */
  maxResponseBytes?: number;
}

/** What a route (or a client method) asks the pipeline to do. */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  responseKind: ResponseKind;
  options?: RequestOptions;
  /** A void route: 204, an empty body or `data: null` all resolve to `undefined`. */
  discardsData?: boolean;
  /** The route answers with a redirect to a signed download URL (`RouteSpec.followsSignedRedirect`). */
  followsSignedRedirect?: boolean;
}

/** `idem_` + a v4 UUID, minted once per logical call and reused by every retry of it. */
export function newIdempotencyKey(): string {
  return `idem_${crypto.randomUUID()}`;
}

/** What a pipeline is built from (the client's resolved options). */
export interface PipelineConfig {
  transport: Transport;
  timeoutMs: number;
  maxRetries: number;
  now: () => number;
  /** Public routes send no Idempotency-Key (no custom headers from a browser page). */
  idempotency: boolean;
  /** The retry engine (`retrying` of `./retry.ts`); without it every call is one attempt (the public routes: a charge is not safe to replay). */
  retry?: typeof retrying;
  /** Validates a call's options; the client's one validator. */
  checkOptions: (options: RequestOptions | undefined) => RequestOptions;
}

/** The pipeline of one client. */
export function createPipeline(config: PipelineConfig) {
  const { transport, now } = config;
  return function send(call: Call): Promise<Exchange> {
    const options = config.checkOptions(call.options);
    const idempotencyKey = config.idempotency && call.method !== 'GET' ? (options.idempotencyKey ?? newIdempotencyKey()) : null;
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const deadlineAt = options.deadlineMs === undefined ? Infinity : now() + options.deadlineMs;
    // Each attempt is signed anew by the transport, with a fresh timestamp and the same key; it
    // gets its own timeout, cut to what is left of the call's deadline.
    const attempt = (retry: number) =>
      transport.attempt({
        method: call.method,
        path: call.path,
        query: call.query,
        body: call.body,
        responseKind: call.responseKind,
        idempotencyKey,
        signal: options.signal,
        onBehalfOf: options.onBehalfOf,
        timeoutMs: Math.max(1, Math.min(timeoutMs, deadlineAt - now())),
        attempt: retry + 1,
        maxResponseBytes: options.maxResponseBytes,
        followsSignedRedirect: call.followsSignedRedirect,
      });
    if (!config.retry) return attempt(0);
    return config.retry(attempt, {
      maxRetries: options.maxRetries ?? config.maxRetries,
      signal: options.signal,
      deadlineMs: options.deadlineMs,
      now,
    });
  };
}

/** The pipeline of one client: one call in, one decoded exchange (or one error) out. */
export type Pipeline = ReturnType<typeof createPipeline>;
