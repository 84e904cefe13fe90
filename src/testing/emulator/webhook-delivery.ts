/**
 * Delivering recorded events to webhook endpoints (docs/wire.md, webhooks): a POST of the event
 * JSON signed in `X-Plugipay-Signature`, through the fetch the caller supplied. Deliveries run
 * in the background; `flush()` resolves once every queued attempt (and any event it caused, such
 * as an endpoint being disabled) has settled, so tests can wait deterministically.
 *
 * The emulator makes one attempt per queueing and no automatic retries (`nextRetryAt` stays
 * null); `POST /webhooks/deliveries/{id}/retry` queues another attempt.
 */
import type { EventRecord } from '../../resources/events';
import type { WebhookEndpoint, WebhookDelivery } from '../../resources/webhook-endpoints';
import { signWebhookPayload } from '../sign-webhook';
import { newId } from './ids';
import type { AccountState } from './state';
import type { EventInput } from './context';

/** A function with the signature of the global `fetch`, used to deliver webhooks. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** The server disables an endpoint after this many failures in a row spanning at least a day. */
const DISABLE_AFTER_FAILURES = 20;
const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;
const ATTEMPT_TIMEOUT_MS = 10_000;
/** How much of a handler's answer the dashboard shows: enough for an error message, bounded per delivery. */
export const RESPONSE_BODY_LIMIT = 4096;
/** Exchanges kept for the dashboard (the most recent deliveries); older ones show their recorded status only. */
const EXCHANGES_KEPT = 500;

/** The last attempt of a delivery as the handler saw it and answered it, for the dashboard. */
export interface DeliveryExchange {
  request: { url: string; headers: Record<string, string>; body: string };
  /** `null` when no answer came (a refused connection, a timeout). */
  response: { status: number; headers: Record<string, string>; body: string; truncated: boolean } | null;
}

/** Reads at most `limit` bytes of a body, then cancels the rest: a handler answering gigabytes costs nothing. */
async function boundedText(response: Response, limit: number): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return { body: new TextDecoder().decode(bytes), truncated };
}

export interface DeliveryDeps {
  fetch(): FetchLike;
  nowMs(): number;
  iso(): string;
  recordEvent(account: AccountState, input: EventInput): EventRecord;
}

export interface RedeliverOptions {
  /** How many deliveries of the event to send at once to each endpoint (default 1, at most 10). */
  copies?: number;
  /** Only this endpoint (it need not be subscribed to the event's type). */
  endpointId?: string;
}

export function wantsEvent(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.active && (endpoint.events.includes('*') || endpoint.events.includes(type));
}

/** The body Plugipay POSTs: the event envelope. */
export function webhookBody(event: EventRecord): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    accountId: event.accountId,
    occurredAt: event.occurredAt,
    data: event.data,
  });
}

export class WebhookDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  /** The last exchange of each recent delivery, oldest first (Map order), bounded by EXCHANGES_KEPT. */
  private readonly exchanges = new Map<string, DeliveryExchange>();

  constructor(private readonly deps: DeliveryDeps) {}

  /** Creates a delivery for every active endpoint subscribed to the event's type, and sends them. */
  fanOut(account: AccountState, event: EventRecord): WebhookDelivery[] {
    const deliveries: WebhookDelivery[] = [];
    for (const endpoint of account.webhookEndpoints.values()) {
      if (wantsEvent(endpoint, event.type)) deliveries.push(this.deliver(account, endpoint, event));
    }
    return deliveries;
  }

  /**
   * Delivers an existing event again, as Plugipay does when an attempt timed out: the same
   * event id and the same body, in a new delivery, to every active subscribed endpoint (or
   * only `endpointId`). With `copies` > 1 the copies are sent at the same moment, so two
   * deliveries of one event reach the handler concurrently, as they can from two isolates.
   */
  redeliver(account: AccountState, event: EventRecord, { copies = 1, endpointId }: RedeliverOptions = {}): WebhookDelivery[] {
    const deliveries: WebhookDelivery[] = [];
    for (const endpoint of account.webhookEndpoints.values()) {
      if (endpointId !== undefined ? endpoint.id !== endpointId : !wantsEvent(endpoint, event.type)) continue;
      for (let i = 0; i < copies; i++) deliveries.push(this.deliver(account, endpoint, event));
    }
    return deliveries;
  }

  private deliver(account: AccountState, endpoint: WebhookEndpoint, event: EventRecord): WebhookDelivery {
    const now = this.deps.iso();
    const delivery = account.deliveries.insert({
      id: newId('whdel'),
      endpointId: endpoint.id,
      eventId: event.id,
      type: event.type,
      body: webhookBody(event),
      status: 'pending',
      attempts: 0,
      nextRetryAt: null,
      lastAttemptAt: null,
      deliveredAt: null,
      responseCode: null,
      lastError: null,
      attemptLog: [],
      createdAt: now,
      updatedAt: now,
    });
    this.queue(account, delivery.id);
    return delivery;
  }

  /** Starts one more attempt of an existing delivery (marks it pending first). */
  requeue(account: AccountState, deliveryId: string): void {
    const delivery = account.deliveries.get(deliveryId);
    if (!delivery) return;
    account.deliveries.replace({ ...delivery, status: 'pending', updatedAt: this.deps.iso() });
    this.queue(account, deliveryId);
  }

  exchange(deliveryId: string): DeliveryExchange | undefined {
    return this.exchanges.get(deliveryId);
  }

  clearExchanges(): void {
    this.exchanges.clear();
  }

  private remember(deliveryId: string, exchange: DeliveryExchange): void {
    this.exchanges.delete(deliveryId);
    this.exchanges.set(deliveryId, exchange);
    if (this.exchanges.size > EXCHANGES_KEPT) this.exchanges.delete(this.exchanges.keys().next().value!);
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private queue(account: AccountState, deliveryId: string): void {
    // Not awaited by the request that caused the event: the API answers first, as the server does.
    const task: Promise<void> = Promise.resolve()
      .then(() => this.attempt(account, deliveryId))
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async attempt(account: AccountState, deliveryId: string): Promise<void> {
    const delivery = account.deliveries.get(deliveryId);
    const endpoint = delivery && account.webhookEndpoints.get(delivery.endpointId);
    const secret = endpoint && account.webhookSecrets.get(endpoint.id);
    if (!delivery || !endpoint || secret === undefined) return;

    const attemptedAt = this.deps.iso();
    const header = await signWebhookPayload(delivery.body, secret, {
      timestamp: Math.floor(this.deps.nowMs() / 1000),
    });
    const started = Date.now();
    let responseCode: number | null = null;
    let error: string | null = null;
    const requestHeaders = {
      'Content-Type': 'application/json',
      'User-Agent': 'Plugipay-Webhooks/emulator',
      'X-Plugipay-Signature': header,
    };
    const exchange: DeliveryExchange = { request: { url: endpoint.url, headers: requestHeaders, body: delivery.body }, response: null };
    try {
      const response = await this.deps.fetch()(endpoint.url, {
        method: 'POST',
        headers: requestHeaders,
        body: delivery.body,
        signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) : null,
      });
      responseCode = response.status;
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      const { body, truncated } = await boundedText(response, RESPONSE_BODY_LIMIT).catch(() => ({ body: '', truncated: false }));
      exchange.response = { status: response.status, headers, body, truncated };
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error =
        cause instanceof Error && cause.name === 'TimeoutError'
          ? `timed out after ${ATTEMPT_TIMEOUT_MS}ms`
          : cause instanceof Error
            ? cause.message
            : String(cause);
    }
    const durationMs = Date.now() - started;
    const succeeded = error === null;
    this.remember(deliveryId, exchange);

    const current = account.deliveries.get(deliveryId) ?? delivery;
    const attemptNumber = current.attempts + 1;
    account.deliveries.replace({
      ...current,
      status: succeeded ? 'succeeded' : 'failed',
      attempts: attemptNumber,
      lastAttemptAt: attemptedAt,
      deliveredAt: succeeded ? attemptedAt : current.deliveredAt,
      responseCode,
      lastError: error,
      attemptLog: [
        ...current.attemptLog,
        {
          attemptNumber,
          status: succeeded ? 'succeeded' : 'failed',
          responseCode,
          durationMs,
          error,
          nextRetryAt: null,
          attemptedAt,
        },
      ],
      updatedAt: attemptedAt,
    });
    this.updateEndpointHealth(account, endpoint.id, succeeded, {
      eventId: delivery.eventId,
      deliveredAt: attemptedAt,
      statusCode: responseCode ?? 0,
      durationMs,
    });
  }

  private updateEndpointHealth(
    account: AccountState,
    endpointId: string,
    succeeded: boolean,
    lastDelivery: NonNullable<WebhookEndpoint['lastDelivery']>,
  ): void {
    const endpoint = account.webhookEndpoints.get(endpointId);
    if (!endpoint) return;
    const now = this.deps.iso();
    if (succeeded) {
      account.webhookEndpoints.replace({
        ...endpoint,
        consecutiveFailures: 0,
        failingSince: null,
        lastDelivery,
        updatedAt: now,
      });
      return;
    }
    const failures = (endpoint.consecutiveFailures ?? 0) + 1;
    const failingSince = endpoint.failingSince ?? now;
    const disable =
      endpoint.active && failures >= DISABLE_AFTER_FAILURES && this.deps.nowMs() - Date.parse(failingSince) >= DISABLE_AFTER_MS;
    const updated = account.webhookEndpoints.replace({
      ...endpoint,
      consecutiveFailures: failures,
      failingSince,
      lastDelivery,
      ...(disable ? { active: false, status: 'disabled', disabledAt: now, disabledReason: 'too_many_failures' } : {}),
      updatedAt: now,
    });
    if (disable) {
      this.deps.recordEvent(account, {
        type: 'plugipay.webhook_endpoint.disabled.v1',
        object: updated,
        aggregateType: 'webhook_endpoint',
        aggregateId: updated.id,
      });
    }
  }
}
