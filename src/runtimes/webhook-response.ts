/**
 * The HTTP side of a webhook endpoint, shared by every host's handler (Workers'
 * `createWebhookHandler`, the Queues hand-off, Next's `createWebhookRoute`): verify the request,
 * answer a failed verification with its status and code, then (with a dedupe store) run the
 * handler once per event id and answer duplicates so that Plugipay stops, or comes back later.
 * It takes a Fetch API `Request` and a secret, nothing host-specific.
 */
import { PlugipayError, PlugipaySignatureError, webhookHandlingError } from '../core/errors';
import type { WebhookEvent } from '../webhooks/events';
import { checkDedupeStore, checkStoreTimeoutMs, checkTtlSec, handleOnce, type WebhookDedupeStore } from '../webhooks/handle-once';
import { verifyWebhookRequest, type VerifyWebhookOptions, type WebhookSecret } from '../webhooks/verify';

/** Options of a webhook endpoint: verification, plus exactly-once handling when `dedupe` is set. */
export interface WebhookResponseOptions extends VerifyWebhookOptions {
  /** A store that makes the handler run once per event id (`d1Dedupe`, `denoKvDedupe`, `memoryDedupe`, your own). */
  dedupe?: WebhookDedupeStore;
  /** Claim lifetime passed to `handleOnce` (whole seconds, default 300). */
  ttlSec?: number;
  /** Bound on each dedupe store call, passed to `handleOnce` (ms, default 10,000). */
  storeTimeoutMs?: number;
  /** `Retry-After` of the 409 sent for an event that is being handled right now, in seconds. Default 30. */
  retryAfterSec?: number;
}

/** The 409's default `Retry-After`: long enough for most handlers to finish, short against Plugipay's schedule. */
const DEFAULT_RETRY_AFTER_SEC = 30;

/** Throws `invalid_request` (naming the option) unless the dedupe options are usable; call it when a handler is built. */
export function checkWebhookResponseOptions(options: WebhookResponseOptions | undefined, where: string): void {
  if (options?.dedupe !== undefined) checkDedupeStore(options.dedupe, `${where} option dedupe`);
  if (options?.ttlSec !== undefined) checkTtlSec(options.ttlSec, where);
  if (options?.storeTimeoutMs !== undefined) checkStoreTimeoutMs(options.storeTimeoutMs, where);
  if (options?.retryAfterSec !== undefined) checkTtlSec(options.retryAfterSec, `${where} retryAfterSec`);
  checkMaxBodyBytes(options?.maxBodyBytes, where);
}

/** Throws `invalid_request` unless `maxBodyBytes` is absent or a whole number of bytes ≥ 1; call it when a handler is built. */
export function checkMaxBodyBytes(maxBodyBytes: unknown, where: string): void {
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && (maxBodyBytes as number) > 0)) {
    throw webhookHandlingError(
      'invalid_request',
      `${where}: maxBodyBytes must be a whole number of bytes ≥ 1 (got ${String(maxBodyBytes)}); omit it for 1 MiB`,
    );
  }
}

/**
 * Carries a handler's answer that is not 2xx out of `handleOnce`, which releases the claim on
 * anything thrown: the event was not handled, so the next delivery must claim it again.
 */
class NotHandled extends Error {
  constructor(readonly response: Response) {
    super(`handler answered ${response.status}`);
  }
}

/**
 * Verifies a webhook request: the event, or the response to send when it is not one (401 with a
 * `signature_*` code, before the body is read; 413 `payload_too_large`; 400 `invalid_payload`). Anything else thrown (no secret, a consumed body)
 * is a mistake in the endpoint's setup and propagates, so it shows in the host's logs.
 */
export async function verifyOrReject(
  request: Request,
  secret: WebhookSecret,
  options?: VerifyWebhookOptions,
): Promise<{ event: WebhookEvent; rejection?: undefined } | { event?: undefined; rejection: Response }> {
  try {
    return { event: await verifyWebhookRequest(request, secret, options) };
  } catch (error) {
    const rejected =
      error instanceof PlugipaySignatureError ||
      (error instanceof PlugipayError && (error.code === 'invalid_payload' || error.code === 'payload_too_large'));
    if (!rejected) throw error;
    return { rejection: Response.json({ error: { code: error.code, message: error.message } }, { status: error.status }) };
  }
}

/**
 * Answers one webhook request: 405 to anything but POST; the verification's 401/400; then
 * `handle(event)`'s response (204 when it returns nothing). With `dedupe`, `handle` runs only
 * for the first delivery of an event id: a delivery of an event already handled gets 200
 * `{"received":true,"duplicate":true,"id":…}`, one that arrives while another is being handled
 * gets 409 `event_in_progress` with `Retry-After`, so Plugipay delivers it again later. What
 * `handle` or the store throws propagates (the host answers 500 and Plugipay retries); a throwing
 * `handle` releases its claim first. A `handle` that answers anything but 2xx has not handled
 * the event either: its claim is released and its response passed through, so Plugipay retries.
 */
export async function respondToWebhook(
  request: Request,
  secret: WebhookSecret,
  handle: (event: WebhookEvent) => Response | void | Promise<Response | void>,
  options: WebhookResponseOptions = {},
): Promise<Response> {
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
  const { dedupe, ttlSec, storeTimeoutMs, retryAfterSec = DEFAULT_RETRY_AFTER_SEC, ...verify } = options;
  const { event, rejection } = await verifyOrReject(request, secret, verify);
  if (rejection) return rejection;
  if (!dedupe) return (await handle(event)) ?? new Response(null, { status: 204 });

  let outcome;
  try {
    outcome = await handleOnce(
      dedupe,
      event,
      async (e) => {
        const response = await handle(e);
        if (response && !(response.status >= 200 && response.status < 300)) throw new NotHandled(response);
        return response;
      },
      { ttlSec, storeTimeoutMs },
    );
  } catch (error) {
    // Passed through as the handler answered it, so Plugipay retries; the claim is released.
    if (error instanceof NotHandled) return error.response;
    throw error;
  }
  if (outcome.status === 'processed') return outcome.result ?? new Response(null, { status: 204 });
  if (outcome.status === 'duplicate') return Response.json({ received: true, duplicate: true, id: event.id });
  return Response.json(
    { error: { code: 'event_in_progress', message: `event ${event.id} is being handled by another delivery; deliver it again later` } },
    { status: 409, headers: { 'retry-after': String(retryAfterSec) } },
  );
}
