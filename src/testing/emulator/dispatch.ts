/**
 * The request pipeline: CORS preflight → scripted faults → route lookup → authentication →
 * idempotency → handler → envelope, and CORS headers on API answers. Each step is its own module; this one only orders them.
 */
import { sha256Hex } from '../../core/crypto';
import { apiFailure, isApiFailure, type ApiFailure } from './api-failure';
import { isApiPath, isPublicApiPath, notEmulated } from './api-paths';
import { isMultipart, type RequestVerifier } from './auth';
import type { Reply, RouteContext, World } from './context';
import { connectionReset, delay, shapeResponse, syntheticResponse, type FaultBook, type FaultSpec } from './faults';
import { newRequestId } from './ids';
import { IdempotencyStore, replayResponse, storeResponse } from './idempotency';
import { listMetaFields } from './pagination';
import { dataResponse, errorResponse, noContentResponse, preflightResponse, rawResponse, withCors, type ReplyMeta } from './reply';
import type { RequestRing } from './request-log';
import type { Router } from './router';
import { expireDueSessions } from './routes/checkout-sessions';
import { eventEmitter } from './emit';
import type { AccountState } from './state';

/** One line of `emulator.requests`. */
export interface RequestLogEntry {
  method: string;
  /** pathname + search as received. */
  path: string;
  idempotencyKey: string | null;
  /** The workspace the request acted in, once authenticated. */
  accountId: string | null;
  /** HTTP status answered; `null` while pending, or when the connection was reset or the client aborted. */
  status: number | null;
  requestId: string | null;
  /** A scripted fault affected this request. */
  fault: boolean;
  /** Answered from the idempotency store. */
  replayed: boolean;
  /** What happened when no status was sent. */
  outcome?: 'reset' | 'aborted';
}

export interface DispatchDeps {
  world: World;
  router: Router;
  verifier: RequestVerifier;
  faults: FaultBook;
  idempotency: IdempotencyStore;
  defaultAccountId: string;
  log: RequestRing<RequestLogEntry>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The largest request body the emulator reads: larger ones are refused before they are read. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

function tooLarge(): ApiFailure {
  return apiFailure(413, 'payload_too_large', `Request body is over ${MAX_REQUEST_BODY_BYTES} bytes (1 MiB), the emulator's limit`);
}

/**
 * The body, read at most up to the limit: a declared Content-Length over it is refused without
 * reading a byte, and a chunked body is counted as it arrives and cancelled once over.
 */
async function readBoundedBody(request: Request): Promise<Uint8Array<ArrayBuffer> | ApiFailure> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > MAX_REQUEST_BODY_BYTES) return tooLarge();
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REQUEST_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export class Dispatcher {
  constructor(private readonly deps: DispatchDeps) {}

  /** `signal` (default `request.signal`): the client went away. */
  async handle(request: Request, rawTarget?: string, signal: AbortSignal = request.signal): Promise<Response> {
    const url = new URL(request.url);
    const entry: RequestLogEntry = {
      method: request.method,
      path: rawTarget ?? url.pathname + url.search,
      idempotencyKey: request.headers.get('idempotency-key'),
      accountId: null,
      status: null,
      requestId: null,
      fault: false,
      replayed: false,
    };
    this.deps.log.push(entry);
    try {
      const answered = await this.answer(request, url, entry, signal);
      // CORS on the API only: never on the dashboard, the hosted page or /_emulator/* (reply.ts says why).
      const response = isApiPath(url.pathname) ? withCors(answered) : answered;
      entry.status = response.status;
      entry.requestId ??= response.headers.get('x-request-id');
      return response;
    } catch (error) {
      entry.outcome = error instanceof TypeError ? 'reset' : 'aborted';
      throw error;
    }
  }

  private async answer(request: Request, url: URL, entry: RequestLogEntry, signal: AbortSignal): Promise<Response> {
    if (request.method === 'OPTIONS') {
      // A preflight elsewhere gets no CORS headers: the browser then refuses the cross-origin call.
      return isApiPath(url.pathname) ? preflightResponse() : new Response(null, { status: 204, headers: { Allow: 'GET, POST' } });
    }

    const before = this.deps.faults.take(request, 'before');
    if (before) {
      entry.fault = true;
      const synthetic = await this.startFault(before, signal);
      if (synthetic) return shapeResponse(synthetic, before, signal);
      return shapeResponse(await this.process(request, url, entry), before, signal);
    }

    const real = await this.process(request, url, entry);
    const after = this.deps.faults.take(request, 'after');
    if (!after) return real;
    entry.fault = true;
    const synthetic = await this.startFault(after, signal);
    return shapeResponse(synthetic ?? real, after, signal);
  }

  /** The fault's delay and reset; the response it substitutes, if it has a status. */
  private async startFault(spec: FaultSpec, signal: AbortSignal): Promise<Response | undefined> {
    if (spec.delayMs !== undefined && spec.delayMs > 0) await delay(spec.delayMs, signal);
    if (spec.reset) throw connectionReset();
    if (spec.status === undefined) return undefined;
    return syntheticResponse(spec, this.meta(newRequestId()));
  }

  private meta(requestId: string): ReplyMeta {
    return { requestId, timestamp: this.deps.world.iso() };
  }

  private fail(failure: ApiFailure, requestId = newRequestId()): Response {
    return errorResponse(failure.status, failure.error, this.meta(requestId), failure.headers);
  }

  /** What the server itself would answer. */
  private async process(request: Request, url: URL, entry: RequestLogEntry): Promise<Response> {
    const method = request.method.toUpperCase();
    const target = entry.path;
    const lookup = this.deps.router.lookup(method, url.pathname);
    const isPublic = lookup.kind === 'found' ? lookup.route.public === true : isPublicApiPath(url.pathname);

    // Headers first: an unsigned request is answered without reading its body.
    const claim = isPublic ? undefined : this.deps.verifier.authenticate(request.headers);
    if (claim !== undefined && isApiFailure(claim)) return this.fail(claim);
    const body = await readBoundedBody(request);
    if (isApiFailure(body)) return this.fail(body);

    let accountId = this.deps.defaultAccountId;
    if (claim !== undefined) {
      if (claim.kind === 'pending-hmac') {
        const principal = await this.deps.verifier.checkSignature(claim, { method, target, headers: request.headers, body });
        if (isApiFailure(principal)) return this.fail(principal);
      }
      accountId = request.headers.get('x-plugipay-on-behalf-of') || accountId;
    }
    entry.accountId = accountId;

    if (lookup.kind !== 'found') {
      // An API path (any method) the emulator has no handler for: 501, whatever the server has.
      if (isApiPath(url.pathname))
        return this.fail(notEmulated(method, url.pathname, lookup.kind === 'wrong_method' ? lookup.allowed : []));
      if (lookup.kind === 'wrong_method') {
        return this.fail(
          apiFailure(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname} (allowed: ${lookup.allowed.join(', ')})`, {
            headers: { Allow: lookup.allowed.join(', ') },
          }),
        );
      }
      return this.fail(apiFailure(404, 'not_found', `No route ${method} ${url.pathname}`));
    }

    const account = this.deps.world.accounts.get(accountId);
    const run = () => this.run(lookup.route.handler, { request, url, params: lookup.params, body, account, entry });
    if (isPublic || !WRITE_METHODS.has(method)) return run();

    const key = request.headers.get('idempotency-key');
    if (key === null || key === '') {
      if (lookup.route.idempotencyKey === 'optional') return run();
      return this.fail(
        apiFailure(400, 'idempotency_key_required', `${method} requests need an Idempotency-Key header`, { field: 'Idempotency-Key' }),
      );
    }
    // Multipart boundaries change on every attempt, so uploads are fingerprinted as signed: empty.
    const fingerprint = `${method} ${target} ${isMultipart(request.headers) ? '' : await sha256Hex(body)}`;
    for (;;) {
      const claim = this.deps.idempotency.claim(accountId, key, fingerprint);
      if (claim.kind === 'conflict') {
        return this.fail(
          apiFailure(409, 'idempotency_conflict', `Idempotency-Key '${key}' was already used with a different request`, {
            details: { idempotencyKey: key },
          }),
        );
      }
      if (claim.kind === 'duplicate') {
        const stored = await claim.result;
        if (stored === null) continue; // the first attempt failed without a stored answer: run again
        entry.replayed = true;
        return replayResponse(stored);
      }
      let response: Response | undefined;
      try {
        response = await run();
      } finally {
        // 5xx answers are not remembered: the request did not run to completion.
        claim.settle(response && response.status < 500 ? await storeResponse(response) : null);
      }
      return response;
    }
  }

  private async run(
    handler: (ctx: RouteContext) => Reply,
    input: {
      request: Request;
      url: URL;
      params: Record<string, string>;
      body: Uint8Array<ArrayBuffer>;
      account: AccountState;
      entry: RequestLogEntry;
    },
  ): Promise<Response> {
    const requestId = newRequestId();
    input.entry.requestId = requestId;
    const { world } = this.deps;
    const idempotencyKey = input.request.headers.get('idempotency-key');
    try {
      const ctx: RouteContext = {
        world,
        account: input.account,
        request: input.request,
        url: input.url,
        params: input.params,
        query: input.url.searchParams,
        body: parseBody(input.body, input.request.headers),
        requestId,
        idempotencyKey,
        origin: input.url.origin,
        emit: eventEmitter(world, input.account, {
          requestId,
          source: 'api',
          ...(idempotencyKey ? { idempotencyKey } : {}),
        }),
      };
      for (const account of world.accounts.each()) {
        expireDueSessions({ world, account, emit: eventEmitter(world, account, { source: 'expiry' }) });
      }
      return this.toResponse(handler(ctx), requestId);
    } catch (error) {
      if (isApiFailure(error)) return this.fail(error, requestId);
      const message = error instanceof Error ? error.message : String(error);
      return this.fail(apiFailure(500, 'internal_error', `Emulator error: ${message}`), requestId);
    }
  }

  private toResponse(reply: Reply, requestId: string): Response {
    const meta = this.meta(requestId);
    switch (reply.kind) {
      case 'data':
        return dataResponse(reply.status, reply.data, meta);
      case 'page':
        return dataResponse(200, reply.page.items, { ...meta, ...listMetaFields(this.deps.world.listMeta, reply.page) });
      case 'empty':
        return noContentResponse(requestId);
      case 'raw':
        return rawResponse(reply.status, reply.contentType, reply.body, requestId, reply.headers);
    }
  }
}

/** The JSON body; `{}` when there is none (bodiless actions) and for multipart. */
function parseBody(body: Uint8Array<ArrayBuffer>, headers: Headers): unknown {
  if (body.byteLength === 0 || isMultipart(headers)) return {};
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw apiFailure(400, 'invalid_request', 'Request body is not valid JSON');
  }
}
