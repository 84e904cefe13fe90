/**
 * The buyer-facing checkout client: the public routes a checkout page calls with
 * nothing but the session id the merchant's server created. Unsigned, no Idempotency-Key and no
 * custom header (any extra header forces a CORS preflight the server is not known to allow),
 * the same envelope decoding and the same errors as the server client.
 */
import { APIPromise, type APIResponse } from '../core/api-promise';
import { configError, PlugipayError } from '../core/errors';
import {
  checkClientOptions,
  checkPublicCallOptions,
  publicCheckoutSchema,
  resolveClientOptions,
  type PublicCheckoutOptions,
} from '../core/options';
import { createPipeline, type Call, type Pipeline } from '../core/pipeline';
import { createTransport } from '../core/transport';
import type { PublicCheckoutSession, ChargeResult } from './types';
import { isWellFormed, LONE_SURROGATE_PROBLEM } from '../core/unicode';
import { readingInput } from '../core/validation';
import { ChargeGuard } from './charge-guard';

export type { PublicCheckoutOptions };

/** Per-call options of the public routes: no idempotency key, no retries (a charge is not safe to replay). */
export interface PublicCallOptions {
  /** Aborts the request (`PlugipayError` `aborted`). */
  signal?: AbortSignal;
  /** Bounds this request, reading the body included; default: the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** What `charge` takes: the payment method the buyer chose, from the session's catalog. */
export interface ChargeInput {
  /** A `catalog[].id` of the session. */
  method: string;
}

/** What a buyer sends with `buyerClaim`: the proof that they paid by manual transfer. */
export interface BuyerClaimInput {
  /** Where the buyer's proof of payment is (e.g. what `uploadProof` returned). */
  proofUrl?: string;
}

const SECRET_OPTIONS = ['secret', 'apiKey', 'keyId'];

function checkOptions(options: PublicCheckoutOptions) {
  if (typeof options === 'object' && options !== null) {
    for (const name of SECRET_OPTIONS) {
      if (name in options) {
        throw configError(
          'PublicCheckoutClient',
          `${name}: the public checkout routes need no credentials, and one in a page is readable by every visitor; keep it on your server`,
          {},
          'browser_secret',
        );
      }
    }
  }
  return checkClientOptions('PublicCheckoutClient', publicCheckoutSchema(), options);
}

/** A session, receipt or invoice id: non-empty, valid Unicode, and not `.` or `..` (which would change the path). */
function pathId(name: string, value: unknown): string {
  const problem =
    typeof value !== 'string' || value === ''
      ? 'must be a non-empty string'
      : !isWellFormed(value)
        ? LONE_SURROGATE_PROBLEM
        : value === '.' || value === '..'
          ? 'must not be "." or ".."'
          : undefined;
  if (problem)
    throw new PlugipayError({ code: 'invalid_request', message: `${name}: ${problem}`, fieldErrors: [{ field: name, message: problem }] });
  return encodeURIComponent(value as string);
}

export class PublicCheckoutClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #send: Pipeline;
  readonly #charges = new ChargeGuard<APIPromise<ChargeResult>>();

  constructor(options: PublicCheckoutOptions = {}) {
    const resolved = resolveClientOptions(checkOptions(options) as never);
    this.baseUrl = resolved.baseUrl;
    this.timeoutMs = resolved.timeoutMs;
    // The same transport and pipeline as the server client: unsigned, no idempotency key, no retries.
    const transport = createTransport({ baseUrl: resolved.baseUrl, fetch: resolved.fetch, now: resolved.now, hooks: resolved.hooks });
    this.#send = createPipeline({
      transport,
      timeoutMs: resolved.timeoutMs,
      maxRetries: 0,
      now: resolved.now,
      idempotency: false,
      checkOptions: checkPublicCallOptions,
    });
  }

  /** The session as the buyer sees it: amount, line items, the methods to pick from, branding. */
  getSession(sessionId: string, options?: PublicCallOptions): APIPromise<PublicCheckoutSession> {
    return this.#call(() => ({ method: 'GET', path: `/sessions/${pathId('sessionId', sessionId)}` }), options);
  }

  /**
   * Starts paying with one of the session's methods: redirect the buyer, or show instructions.
   * One charge per session is in flight at a time: a second call with the same method while the
   * first is pending returns the same promise (a double click sends one request); a call with
   * another method fails with `charge_in_progress` until the first settles.
   */
  charge(sessionId: string, input: ChargeInput, options?: PublicCallOptions): APIPromise<ChargeResult> {
    try {
      // Read inside the try: a getter that throws rejects the promise like any bad input.
      const method = (input as ChargeInput | undefined)?.method;
      return this.#charges.run(String(sessionId), String(method), () =>
        this.#call(() => {
          const path = `/sessions/${pathId('sessionId', sessionId)}/charge`;
          if (typeof method !== 'string' || method === '') {
            throw new PlugipayError({ code: 'invalid_request', message: 'method: must be one of the session’s catalog ids, e.g. "qris"' });
          }
          return { method: 'POST', path, body: { method } };
        }, options),
      );
    } catch (error) {
      // `charge_in_progress` rejects the returned promise, like every other failure (and an id
      // that cannot even be turned into text is refused like any bad input).
      const refusal =
        error instanceof PlugipayError
          ? error
          : new PlugipayError({
              code: 'invalid_request',
              message: 'input: could not be read',
              fieldErrors: [{ field: 'input', message: 'could not be read' }],
            });
      return new APIPromise(Promise.reject(refusal));
    }
  }

  /** Manual transfers: the buyer says they have paid; the merchant then confirms. */
  buyerClaim(sessionId: string, input: BuyerClaimInput = {}, options?: PublicCallOptions): APIPromise<unknown> {
    return this.#call(() => {
      const path = `/sessions/${pathId('sessionId', sessionId)}/buyer-claim`;
      if (input.proofUrl !== undefined && typeof input.proofUrl !== 'string') {
        throw new PlugipayError({ code: 'invalid_request', message: 'proofUrl: must be a URL string' });
      }
      return { method: 'POST', path, body: input.proofUrl === undefined ? {} : { proofUrl: input.proofUrl } };
    }, options);
  }

  /** Uploads a proof-of-payment image (multipart field `file`; the field name is assumed). */
  uploadProof(sessionId: string, file: Blob, options?: PublicCallOptions): APIPromise<unknown> {
    return this.#call(() => {
      const path = `/sessions/${pathId('sessionId', sessionId)}/proof-image`;
      if (typeof Blob === 'undefined' || !(file instanceof Blob)) {
        throw new PlugipayError({ code: 'invalid_request', message: 'file: must be a Blob or File, e.g. from an <input type="file">' });
      }
      const form = new FormData();
      form.append('file', file);
      return { method: 'POST', path, body: form };
    }, options);
  }

  /** The public receipt of a completed session. */
  sessionReceipt(sessionId: string, options?: PublicCallOptions): APIPromise<unknown> {
    return this.#call(() => ({ method: 'GET', path: `/sessions/${pathId('sessionId', sessionId)}/receipt` }), options);
  }

  /** A public receipt by id (what `/r/:receiptId` shows). */
  receipt(receiptId: string, options?: PublicCallOptions): APIPromise<unknown> {
    return this.#call(() => ({ method: 'GET', path: `/receipts/${pathId('receiptId', receiptId)}` }), options);
  }

  /** A public invoice by id (what an invoice's `hostedInvoiceUrl` shows). */
  invoice(invoiceId: string, options?: PublicCallOptions): APIPromise<unknown> {
    return this.#call(() => ({ method: 'GET', path: `/invoices/${pathId('invoiceId', invoiceId)}` }), options);
  }

  /** `prepare` runs inside the promise, so bad input rejects it instead of throwing synchronously. */
  #call<T>(prepare: () => { method: 'GET' | 'POST'; path: string; body?: unknown }, options?: PublicCallOptions): APIPromise<T> {
    return new APIPromise(
      (async (): Promise<APIResponse<T>> => {
        const { method, path, body } = readingInput(prepare);
        const call: Call = {
          method,
          path: `/api/v1/public/checkout${path}`,
          body,
          responseKind: 'json',
          options,
        };
        const exchange = await this.#send(call);
        return { data: exchange.data as T, requestId: exchange.requestId, idempotencyKey: null, response: exchange.response };
      })(),
    );
  }
}
