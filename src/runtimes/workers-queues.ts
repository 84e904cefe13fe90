/**
 * The Cloudflare Queues hand-off: a `fetch` handler that verifies each webhook and puts the
 * parsed event on a Queue (answering Plugipay at once), and the Worker's `queue` handler that
 * runs each message's event through `handleOnce`. Only the producer knows the signing secret;
 * the queue carries events that were already verified.
 */
import { PlugipayError, webhookHandlingError } from '../core/errors';
import type { WebhookEvent } from '../webhooks/events';
import { checkStoreTimeoutMs, checkTtlSec, handleOnce } from '../webhooks/handle-once';
import type { VerifyWebhookOptions } from '../webhooks/verify';
import { checkMaxBodyBytes, verifyOrReject } from './webhook-response';
import { checkDedupeOption, dedupeFor, webhookSecretFromEnv, type DedupeOption, type PlugipayEnv } from './workers';

/** What `enqueueWebhooks` sends and `createQueueConsumer` reads: the verified event and when it arrived (ISO 8601). */
export interface QueuedWebhook {
  /** The verified, parsed event. */
  event: WebhookEvent;
  /** When `enqueueWebhooks` received it (ISO 8601). */
  receivedAt: string;
}

/** The part of a Queue producer binding (`env.WEBHOOKS`) the hand-off uses (declared here: the package compiles with `types: []`). */
export interface QueueLike<Body = QueuedWebhook> {
  /** Puts one message on the queue. */
  send(body: Body): Promise<unknown>;
}

/** The part of a Queue message the consumer uses. */
export interface QueueMessageLike<Body = unknown> {
  /** The message id. */
  readonly id: string;
  /** What was sent: a `QueuedWebhook` when `enqueueWebhooks` sent it. */
  readonly body: Body;
  /** Deliveries of this message so far, this one included. */
  readonly attempts: number;
  /** Settles the message: it is not delivered again. */
  ack(): void;
  /** Delivers the message again later (after `delaySeconds`, or the queue's retry delay). */
  retry(options?: { delaySeconds?: number }): void;
}

/** The part of a Queue `MessageBatch` the consumer uses. */
export interface MessageBatchLike<Body = unknown> {
  /** The queue's name. */
  readonly queue: string;
  /** The messages of this batch. */
  readonly messages: readonly QueueMessageLike<Body>[];
}

/** Where a queued event came from, for the consumer's handler. */
export interface QueuedDelivery {
  /** When `enqueueWebhooks` received the webhook (ISO 8601). */
  receivedAt: string;
  /** The Queue message id. */
  messageId: string;
  /** How many times the Queue has delivered this message, this one included. */
  attempts: number;
}

/**
 * A Worker `fetch` handler that verifies each Plugipay webhook against
 * `PLUGIPAY_WEBHOOK_SECRET`, sends `{ event, receivedAt }` to the Queue `getQueue(env)` returns
 * and answers 202 at once, so a slow handler never makes Plugipay time out and redeliver. A bad
 * signature or payload gets the same 401/400 as `createWebhookHandler`, and nothing is queued.
 * A failed `send` throws `queue_send_failed` (a 500: Plugipay delivers again later).
 *
 * @example
 * ```ts
 * import { createQueueConsumer, d1Dedupe, enqueueWebhooks } from 'plugipay-edge/workers';
 * import type { D1DatabaseLike, QueueLike } from 'plugipay-edge/workers';
 *
 * interface Env { WEBHOOKS: QueueLike; DB: D1DatabaseLike; PLUGIPAY_WEBHOOK_SECRET: string }
 *
 * export default {
 *   fetch: enqueueWebhooks<Env>((env) => env.WEBHOOKS),
 *   queue: createQueueConsumer<Env>(
 *     async (event) => {
 *       console.log('fulfilling', event.id); // once per event id; a throw retries the message
 *     },
 *     { dedupe: (env) => d1Dedupe(env.DB) },
 *   ),
 * };
 * ```
 */
export function enqueueWebhooks<Env extends object = PlugipayEnv, Ctx = unknown>(
  getQueue: (env: Env) => QueueLike,
  options?: VerifyWebhookOptions,
): (request: Request, env: Env, ctx: Ctx) => Promise<Response> {
  if (typeof getQueue != 'function') {
    throw webhookHandlingError(
      'invalid_request',
      'enqueueWebhooks(getQueue): pass a function of env that returns the Queue binding, e.g. (env) => env.WEBHOOKS',
    );
  }
  checkMaxBodyBytes(options?.maxBodyBytes, 'enqueueWebhooks');
  return async (request, env) => {
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    const { event, rejection } = await verifyOrReject(request, webhookSecretFromEnv(env), options);
    if (rejection) return rejection;
    const queue = getQueue(env);
    if (typeof queue?.send != 'function') {
      throw webhookHandlingError(
        'invalid_config',
        'enqueueWebhooks: getQueue(env) did not return a Queue: bind one under [[queues.producers]] in wrangler.toml',
      );
    }
    try {
      await queue.send({ event, receivedAt: new Date().toISOString() } satisfies QueuedWebhook);
    } catch (error) {
      throw webhookHandlingError('queue_send_failed', `enqueueWebhooks: Queue.send failed for event ${event.id}; see cause`, error);
    }
    return Response.json({ received: true, queued: true, id: event.id }, { status: 202 });
  };
}

/** What `createQueueConsumer` calls with each queued event, once per event id. */
export type QueuedEventHandler<Env, Ctx> = (event: WebhookEvent, env: Env, ctx: Ctx, delivery: QueuedDelivery) => unknown;

/** Options of `createQueueConsumer`. */
export interface QueueConsumerOptions<Env> {
  /** The store that makes `fn` run once per event id: a store, or `(env) => d1Dedupe(env.DB)`. */
  dedupe: DedupeOption<Env>;
  /** Claim lifetime passed to `handleOnce` (whole seconds, default 300). */
  ttlSec?: number;
  /** Bound on each dedupe store call, passed to `handleOnce` (ms, default 10,000). */
  storeTimeoutMs?: number;
  /** `delaySeconds` of each `retry()`; default: the queue's own retry delay. */
  retryDelaySec?: number;
  /**
   * Told about each message that is retried because of an error (`fn` threw, the store failed,
   * the body is not a `QueuedWebhook`). Default: `console.error`, so nothing fails silently.
   */
  onError?: (error: unknown, message: QueueMessageLike) => void;
}

function isQueuedWebhook(body: unknown): body is QueuedWebhook {
  const b = body as Partial<QueuedWebhook> | null;
  return typeof b?.event?.id == 'string' && typeof b.event.type == 'string' && typeof b.receivedAt == 'string';
}

/**
 * The Worker's `queue` handler for what `enqueueWebhooks` sends: each message's event goes
 * through `handleOnce`, so `fn` runs once per event id however often the event was delivered
 * or queued. Each message is settled on its own: `ack()` when it was processed or is a
 * duplicate; `retry()` when `fn` throws (its claim released), when the store fails, or when
 * another consumer is handling the same event right now (it comes back as a duplicate). A body
 * that is not `{ event, receivedAt }` is retried too, so it ends in your dead-letter queue
 * rather than vanishing. The consumer never needs the signing secret.
 */
export function createQueueConsumer<Env extends object = PlugipayEnv, Ctx = unknown>(
  fn: QueuedEventHandler<Env, Ctx>,
  options: QueueConsumerOptions<Env>,
): (batch: MessageBatchLike, env: Env, ctx: Ctx) => Promise<void> {
  if (typeof fn != 'function') throw webhookHandlingError('invalid_request', 'createQueueConsumer(fn): fn must be a function');
  if (options?.dedupe === undefined) {
    throw webhookHandlingError(
      'invalid_request',
      'createQueueConsumer(fn, { dedupe }): pass a store, e.g. { dedupe: (env) => d1Dedupe(env.DB) }: queues deliver at least once',
    );
  }
  const {
    dedupe,
    ttlSec,
    storeTimeoutMs,
    retryDelaySec,
    onError = (error, message) => console.error(`plugipay-edge: queue message ${message.id} will be retried:`, error),
  } = options;
  checkDedupeOption(dedupe, 'createQueueConsumer');
  if (ttlSec !== undefined) checkTtlSec(ttlSec, 'createQueueConsumer');
  if (storeTimeoutMs !== undefined) checkStoreTimeoutMs(storeTimeoutMs, 'createQueueConsumer');
  if (retryDelaySec !== undefined && !(Number.isSafeInteger(retryDelaySec) && retryDelaySec >= 0)) {
    throw webhookHandlingError(
      'invalid_request',
      `createQueueConsumer: retryDelaySec must be a whole number of seconds ≥ 0 (got ${String(retryDelaySec)})`,
    );
  }
  const retry = (message: QueueMessageLike) => message.retry(retryDelaySec === undefined ? undefined : { delaySeconds: retryDelaySec });

  return async (batch, env, ctx) => {
    await Promise.all(
      batch.messages.map(async (message) => {
        try {
          const { body } = message;
          if (!isQueuedWebhook(body)) {
            throw new PlugipayError({
              code: 'invalid_payload',
              message: `queue message ${message.id} is not { event, receivedAt } as enqueueWebhooks sends it`,
            });
          }
          const store = dedupeFor(dedupe, env, 'createQueueConsumer')!;
          const delivery: QueuedDelivery = { receivedAt: body.receivedAt, messageId: message.id, attempts: message.attempts };
          const outcome = await handleOnce(store, body.event, (event) => fn(event, env, ctx, delivery), { ttlSec, storeTimeoutMs });
          if (outcome.status === 'in_progress') retry(message);
          else message.ack();
        } catch (error) {
          try {
            onError(error, message);
          } finally {
            retry(message);
          }
        }
      }),
    );
  };
}
