/** Webhook endpoints and deliveries. */
import { DELIVERY_STATUSES } from '../../../resources/webhook-endpoints';
import type { WebhookEndpoint, WebhookDelivery } from '../../../resources/webhook-endpoints';
import { apiFailure, notFound } from '../api-failure';
import { created, noContent, ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId, randomToken } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { id, listReply, queryOneOf, sameIfSet } from './common';

export function findEndpoint(account: AccountState, endpointId: string): WebhookEndpoint {
  const endpoint = account.webhookEndpoints.get(endpointId);
  if (!endpoint) throw notFound('webhook endpoint', endpointId);
  return endpoint;
}

function findDelivery(account: AccountState, deliveryId: string): WebhookDelivery {
  const delivery = account.deliveries.get(deliveryId);
  if (!delivery) throw notFound('webhook delivery', deliveryId);
  return delivery;
}

/** The state of an endpoint that delivers: a new one, and one re-enabled (its failure streak cleared). */
const DELIVERING = {
  active: true,
  status: 'active',
  consecutiveFailures: 0,
  failingSince: null,
  disabledAt: null,
  disabledReason: null,
} as const satisfies Partial<WebhookEndpoint>;

/** http is allowed (test mode), and so are localhost and private hosts: tests deliver to them. */
function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const url = fields.requiredUrl('url');
  const events = fields.stringArray('events', { min: 1 }) ?? ['*'];
  const description = fields.string('description', { max: 1024 });
  const endpointId = ctx.presetId ?? newId('whep');
  // The command's stable secret when it has one (a pasted PLUGIPAY_WEBHOOK_SECRET survives restarts).
  const secret = ctx.world.webhookSecret ?? `whsec_${randomToken(32)}`;
  const now = ctx.world.iso();
  const endpoint = ctx.account.webhookEndpoints.insert({
    id: endpointId,
    accountId: ctx.account.accountId,
    mode: 'test',
    url,
    events,
    description: description ?? null,
    ...DELIVERING,
    createdAt: now,
    updatedAt: now,
  });
  ctx.account.webhookSecrets.set(endpointId, secret);
  // The secret is shown once, in this response only.
  return created({ ...endpoint, secret });
}

function update(ctx: RouteContext) {
  const current = findEndpoint(ctx.account, id(ctx));
  const fields = Fields.of(ctx.body);
  const next: WebhookEndpoint = { ...current };
  const url = fields.url('url');
  if (url !== undefined) next.url = url;
  const events = fields.stringArray('events', { min: 1 });
  if (events !== undefined) next.events = events;
  if (fields.isNull('description')) next.description = null;
  const description = fields.string('description', { max: 1024 });
  if (description !== undefined) next.description = description;
  const active = fields.boolean('active');
  if (active === true) {
    // Re-enabling clears the failure streak.
    Object.assign(next, DELIVERING);
  } else if (active === false) {
    Object.assign(next, { active: false, status: 'disabled', disabledAt: ctx.world.iso(), disabledReason: 'disabled_by_user' });
  }
  next.updatedAt = ctx.world.iso();
  return ok(ctx.account.webhookEndpoints.replace(next));
}

function remove(ctx: RouteContext) {
  const endpoint = findEndpoint(ctx.account, id(ctx));
  ctx.account.webhookEndpoints.delete(endpoint.id);
  ctx.account.webhookSecrets.delete(endpoint.id);
  return noContent();
}

function listDeliveries(ctx: RouteContext) {
  const endpointId = ctx.query.get('endpointId') ?? undefined;
  const status = queryOneOf(ctx.query, 'status', DELIVERY_STATUSES);
  const type = ctx.query.get('type') ?? undefined;
  return listReply(
    ctx,
    ctx.account.deliveries,
    (d) => sameIfSet(endpointId, d.endpointId) && sameIfSet<string>(status, d.status) && sameIfSet(type, d.type),
  );
}

function retry(ctx: RouteContext) {
  const delivery = findDelivery(ctx.account, id(ctx));
  if (delivery.status === 'pending') {
    throw apiFailure(409, 'already_queued', `Delivery '${delivery.id}' is already queued`);
  }
  const endpoint = ctx.account.webhookEndpoints.get(delivery.endpointId);
  if (!endpoint || !endpoint.active) {
    throw apiFailure(409, 'endpoint_disabled', `Endpoint '${delivery.endpointId}' is disabled or deleted`);
  }
  ctx.world.requeueDelivery(ctx.account, delivery.id);
  return ok(findDelivery(ctx.account, delivery.id));
}

export const webhookRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/webhooks', handler: (ctx) => ok(ctx.account.webhookEndpoints.values()) },
  { method: 'POST', pattern: '/api/v1/webhooks', handler: create },
  { method: 'GET', pattern: '/api/v1/webhooks/deliveries', handler: listDeliveries },
  { method: 'GET', pattern: '/api/v1/webhooks/deliveries/:id', handler: (ctx) => ok(findDelivery(ctx.account, id(ctx))) },
  { method: 'POST', pattern: '/api/v1/webhooks/deliveries/:id/retry', handler: retry, idempotencyKey: 'optional' },
  { method: 'PATCH', pattern: '/api/v1/webhooks/:id', handler: update, idempotencyKey: 'optional' },
  { method: 'DELETE', pattern: '/api/v1/webhooks/:id', handler: remove, idempotencyKey: 'optional' },
];
