/**
 * Scripted faults for tests (`emulator.inject`): error statuses, HTML bodies, `Retry-After`,
 * delays and hangs, connection resets, stalled and truncated bodies, and writes whose answer
 * was lost (`phase: 'after'`: the request is processed for real, then the response replaced).
 */
import type { ReplyMeta } from './reply';

/** Which requests a fault applies to: by method and path, or by a predicate. */
export type FaultMatch =
  { method?: string; /** A prefix of the pathname, or a RegExp tested on it. */ path?: string | RegExp } | ((request: Request) => boolean);

/** A fault for `emulator.inject`: a status and error body, a delay or hang, or a dropped connection, for some requests. */
export interface FaultSpec {
  /** Which requests: default every request except CORS preflights. */
  match?: FaultMatch;
  /** How many matching requests it affects (default 1; `Infinity` for all). */
  times?: number;
  /** Answer with this status instead of the real response. */
  status?: number;
  /**
   * With `status`: an object is sent as the envelope's `error` (or as is when it already has
   * `data`/`error`), a string is sent raw (an HTML page, say). Default: an error envelope.
   */
  body?: unknown;
  /** Added to the response (e.g. `{ 'Retry-After': '2' }`); can override Content-Type. */
  headers?: Record<string, string>;
  /** Wait this long first; `Infinity` hangs until the request's signal aborts. */
  delayMs?: number;
  /** Drop the connection: `fetch` rejects with `TypeError('fetch failed')`. */
  reset?: boolean;
  /** Send the headers and the first half of the body, then nothing until the client aborts. */
  stallBody?: boolean;
  /** Send only the first half of the body, then end it. */
  truncate?: boolean;
  /** `'before'` (default) answers instead of the server; `'after'` lets the write happen first. */
  phase?: 'before' | 'after';
}

/** What `emulator.inject` returns: how often the fault fired, and a way to remove it. */
export interface FaultHandle {
  /** Uses left. */
  readonly remaining: number;
  /** Requests it has affected so far. */
  readonly hits: number;
  /** Withdraws the fault. */
  cancel(): void;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

function matches(match: FaultMatch | undefined, request: Request): boolean {
  if (typeof match === 'function') return match(request);
  if (!match) return request.method !== 'OPTIONS';
  if (match.method && match.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (match.path !== undefined) {
    const pathname = new URL(request.url).pathname;
    if (typeof match.path === 'string') return pathname.startsWith(match.path);
    match.path.lastIndex = 0;
    return match.path.test(pathname);
  }
  return true;
}

export class FaultBook {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): FaultHandle {
    const fault: ActiveFault = { spec, remaining: spec.times ?? 1, hits: 0 };
    this.faults.push(fault);
    return {
      get remaining() {
        return fault.remaining;
      },
      get hits() {
        return fault.hits;
      },
      cancel: () => {
        fault.remaining = 0;
      },
    };
  }

  /** The first live fault of `phase` that matches, with one use consumed. */
  take(request: Request, phase: 'before' | 'after'): FaultSpec | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.spec.phase ?? 'before') === phase && matches(f.spec.match, request));
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.spec;
  }

  clear(): void {
    this.faults = [];
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Resolves after `ms` (never, for `Infinity`); rejects as fetch does when `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      if (timer !== undefined) clearTimeout(timer);
      reject(abortReason(signal));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** What fetch throws when the peer resets the connection (undici's shape, so clients see the real thing). */
export function connectionReset(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  return new TypeError('fetch failed', { cause });
}

function defaultErrorCode(status: number): string {
  if (status === 429) return 'rate_limited';
  if (status === 502) return 'upstream_error';
  if (status === 503) return 'service_unavailable';
  if (status >= 500) return 'internal_error';
  return 'injected_fault';
}

/** The response a fault with a `status` sends in place of the server's. */
export function syntheticResponse(spec: FaultSpec, meta: ReplyMeta): Response {
  const status = spec.status ?? 500;
  let body: string;
  let contentType = 'application/json';
  if (typeof spec.body === 'string') {
    body = spec.body;
    contentType = /^\s*</.test(spec.body) ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
  } else if (typeof spec.body === 'object' && spec.body !== null && ('data' in spec.body || 'error' in spec.body)) {
    body = JSON.stringify(spec.body);
  } else if (status >= 400) {
    const given = (spec.body ?? {}) as Record<string, unknown>;
    const error = { code: defaultErrorCode(status), message: `Injected fault: HTTP ${status}`, ...given };
    body = JSON.stringify({ data: null, error, meta });
  } else {
    body = JSON.stringify({ data: spec.body ?? null, error: null, meta });
  }
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : body, {
    status,
    headers: { 'Content-Type': contentType, 'X-Request-Id': meta.requestId },
  });
}

/** Applies the fault's headers and body damage (truncate, stall) to `response`. */
export async function shapeResponse(response: Response, spec: FaultSpec, signal: AbortSignal): Promise<Response> {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value);
  if (!spec.truncate && !spec.stallBody) {
    return new Response(response.body, { status: response.status, headers });
  }
  headers.delete('content-length');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const firstHalf = bytes.slice(0, Math.floor(bytes.length / 2));
  if (spec.truncate && !spec.stallBody) return new Response(firstHalf, { status: response.status, headers });

  let onAbort: (() => void) | undefined;
  const stalled = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(firstHalf);
      onAbort = () => controller.error(abortReason(signal));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    cancel() {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    },
  });
  return new Response(stalled, { status: response.status, headers });
}
