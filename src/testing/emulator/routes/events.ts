/** Events: the record of every state change, listable and replayable. */
import type { EventRecord } from '../../../resources/events';
import { notFound, validationError } from '../api-failure';
import { created, ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { id, listReply, queryTime, sameIfSet } from './common';

/** The catalog of event types the server emits. */
export const EVENT_TYPES = [
  'plugipay.checkout_session.completed.v1',
  'plugipay.checkout_session.expired.v1',
  'plugipay.invoice.created.v1',
  'plugipay.invoice.finalized.v1',
  'plugipay.invoice.sent.v1',
  'plugipay.invoice.paid.v1',
  'plugipay.invoice.voided.v1',
  'plugipay.invoice.pending.v1',
  'plugipay.invoice.failed.v1',
  'plugipay.refund.issued.v1',
  'plugipay.refund.failed.v1',
  'plugipay.customer.created.v1',
  'plugipay.customer.updated.v1',
  'plugipay.customer.deleted.v1',
  'plugipay.plan.created.v1',
  'plugipay.plan.updated.v1',
  'plugipay.plan.archived.v1',
  'plugipay.subscription.created.v1',
  'plugipay.subscription.updated.v1',
  'plugipay.subscription.paused.v1',
  'plugipay.subscription.resumed.v1',
  'plugipay.subscription.canceled.v1',
  'plugipay.subscription.renewed.v1',
  'plugipay.payout.created.v1',
  'plugipay.payout.in_transit.v1',
  'plugipay.payout.paid.v1',
  'plugipay.payout.failed.v1',
  'plugipay.payout.cancelled.v1',
  'plugipay.gift_card.issued.v1',
  'plugipay.gift_card.redeemed.v1',
  'plugipay.gift_card.topped_up.v1',
  'plugipay.gift_card.voided.v1',
  'plugipay.webhook_endpoint.disabled.v1',
] as const;

export function findEvent(account: AccountState, eventId: string): EventRecord {
  const event = account.events.get(eventId);
  if (!event) throw notFound('event', eventId);
  return event;
}

function list(ctx: RouteContext) {
  const type = ctx.query.get('type') ?? undefined;
  const after = queryTime(ctx.query, 'occurredAfter');
  const before = queryTime(ctx.query, 'occurredBefore');
  return listReply(ctx, ctx.account.events, (e) => {
    const at = Date.parse(e.occurredAt);
    // Half-open window [after, before), as documented.
    return sameIfSet(type, e.type) && (after === undefined || at >= after) && (before === undefined || at < before);
  });
}

/** Re-sends events as new records pointing at the original (`metadata.replayOf`). */
function replay(ctx: RouteContext) {
  const eventIds = Fields.of(ctx.body).stringArray('eventIds', { required: true, min: 1 })!;
  const originals = eventIds.map((eventId) => findEvent(ctx.account, eventId));
  const replays = originals.map((original) =>
    ctx.world.recordEvent(ctx.account, {
      type: original.type,
      object: original.data.object,
      extras: Object.fromEntries(Object.entries(original.data).filter(([k]) => k !== 'object')),
      metadata: { replayOf: original.id, requestId: ctx.requestId, source: 'replay' },
    }),
  );
  return ok({ replayed: replays.length, events: replays });
}

/** Test mode only on the server; every emulator key is a test key. */
function trigger(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const type = fields.requiredString('type');
  if (!/^[a-z0-9_.]+$/.test(type)) throw validationError('type', "must look like 'plugipay.<resource>.<action>.v1'");
  const aggregateId = fields.requiredString('aggregateId');
  // `object()` checks the shape; the raw value is what goes into the event.
  const data = fields.object('data') ? (ctx.body as { data: Record<string, unknown> }).data : {};
  const event = ctx.world.recordEvent(ctx.account, {
    type,
    object: data.object ?? { id: aggregateId },
    aggregateId,
    extras: Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'object')),
    metadata: { requestId: ctx.requestId, source: 'trigger' },
  });
  return created(event);
}

export const eventRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/events', handler: list },
  { method: 'GET', pattern: '/api/v1/events/types', handler: () => ok([...EVENT_TYPES]) },
  { method: 'POST', pattern: '/api/v1/events/replay', handler: replay },
  { method: 'POST', pattern: '/api/v1/events/trigger', handler: trigger },
  { method: 'GET', pattern: '/api/v1/events/:id', handler: (ctx) => ok(findEvent(ctx.account, id(ctx))) },
];
