/** Plans and their nested prices. Archiving is a soft delete. */
import type { PortalFeatures, PriceTier, Price, Plan } from '../../../resources/plans';
import { apiFailure, illegalTransition, notFound, validationError } from '../api-failure';
import { created, noContent, ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { arn, id, listReply, queryBoolean } from './common';

import { INTERVALS, PRICE_MODELS, TAX_MODES, USAGE_AGGREGATES } from '../../../resources/plans';
const MODELS = PRICE_MODELS;
const AGGREGATES = USAGE_AGGREGATES;
const PORTAL_FEATURES = ['selfServeCancel', 'selfServePause', 'selfServeUpgrade', 'selfServeDowngrade', 'updatePaymentMethod'] as const;

export function findPlan(account: AccountState, planId: string): Plan {
  const plan = account.plans.get(planId);
  if (!plan) throw notFound('plan', planId);
  return plan;
}

export function findPrice(account: AccountState, priceId: string): { plan: Plan; price: Price } {
  for (const plan of account.plans.values()) {
    const price = plan.prices.find((p) => p.id === priceId);
    if (price) return { plan, price };
  }
  throw notFound('price', priceId);
}

function readPortalFeatures(fields: Fields): PortalFeatures {
  const features = fields.object('portalFeatures');
  if (!features) throw validationError(fields.path('portalFeatures'), 'is required');
  return Object.fromEntries(PORTAL_FEATURES.map((name) => [name, features.requiredBoolean(name)])) as unknown as PortalFeatures;
}

function readTiers(price: Fields): PriceTier[] | undefined {
  return price.objects('tiers', { min: 1 })?.map((tier, i) => {
    const upTo = (price.array('tiers') as Record<string, unknown>[])[i]!.upTo;
    if (upTo !== 'inf' && !(typeof upTo === 'number' && Number.isSafeInteger(upTo) && upTo >= 1)) {
      throw validationError(tier.path('upTo'), "must be an integer ≥ 1 or 'inf'");
    }
    const out: PriceTier = { upTo: upTo as number | 'inf' };
    const unitAmount = tier.integer('unitAmount', { min: 0 });
    const flatAmount = tier.integer('flatAmount', { min: 0 });
    if (unitAmount !== undefined) out.unitAmount = unitAmount;
    if (flatAmount !== undefined) out.flatAmount = flatAmount;
    return out;
  });
}

function readPrice(ctx: RouteContext, planId: string, price: Fields): Price {
  const currency = price.requiredString('currency', { max: 8 });
  const model = price.requiredOneOf('model', MODELS);
  const unitAmount = price.integer('unitAmount', { min: 0 });
  const tiers = readTiers(price);
  if ((model === 'flat' || model === 'usage') && unitAmount === undefined) {
    throw validationError(price.path('unitAmount'), `is required for model '${model}'`);
  }
  if ((model === 'tiered' || model === 'volume') && tiers === undefined) {
    throw validationError(price.path('tiers'), `is required for model '${model}'`);
  }
  return {
    id: newId('price'),
    planId,
    currency,
    model,
    unitAmount: unitAmount ?? null,
    tiers: tiers ?? null,
    taxMode: price.oneOf('taxMode', TAX_MODES) ?? 'exclusive',
    active: price.boolean('active') ?? true,
    createdAt: ctx.world.iso(),
  };
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const planId = ctx.presetId ?? newId('plan');
  const name = fields.requiredString('name', { max: 255 });
  const description = fields.string('description', { max: 1024 });
  const interval = fields.requiredOneOf('interval', INTERVALS);
  const intervalCount = fields.integer('intervalCount', { min: 1 }) ?? 1;
  const trialDays = fields.integer('trialDays', { min: 0 }) ?? 0;
  const portalFeatures = readPortalFeatures(fields);
  const usageAggregate = fields.oneOf('usageAggregate', AGGREGATES);
  const prices = fields.objects('prices', { required: true, min: 1 })!.map((p) => readPrice(ctx, planId, p));
  if (prices.some((p) => p.model === 'usage') && usageAggregate === undefined) {
    throw validationError('usageAggregate', "is required when a price uses model 'usage'");
  }
  const now = ctx.world.iso();
  const plan = ctx.account.plans.insert({
    id: planId,
    arn: arn(ctx, 'plan', planId),
    accountId: ctx.account.accountId,
    name,
    description: description ?? null,
    interval,
    intervalCount,
    trialDays,
    prices,
    usageAggregate: usageAggregate ?? null,
    meteredUnit: fields.string('meteredUnit') ?? null,
    portalFeatures,
    dunningPolicyId: fields.string('dunningPolicyId') ?? null,
    active: fields.boolean('active') ?? true,
    archivedAt: null,
    metadata: fields.metadata() ?? null,
    createdAt: now,
    updatedAt: now,
  });
  ctx.emit('plugipay.plan.created.v1', plan);
  return created(plan);
}

function list(ctx: RouteContext) {
  const active = queryBoolean(ctx.query, 'active');
  return listReply(ctx, ctx.account.plans, (p) => active === undefined || p.active === active);
}

function savePlan(ctx: RouteContext, plan: Plan): Plan {
  const saved = ctx.account.plans.replace({ ...plan, updatedAt: ctx.world.iso() });
  ctx.emit('plugipay.plan.updated.v1', saved);
  return saved;
}

function update(ctx: RouteContext) {
  const plan = { ...findPlan(ctx.account, id(ctx)) };
  const fields = Fields.of(ctx.body);
  const name = fields.string('name', { max: 255 });
  if (name !== undefined) plan.name = name;
  if (fields.isNull('description')) plan.description = null;
  const description = fields.string('description', { max: 1024 });
  if (description !== undefined) plan.description = description;
  const trialDays = fields.integer('trialDays', { min: 0 });
  if (trialDays !== undefined) plan.trialDays = trialDays;
  if (fields.has('portalFeatures')) plan.portalFeatures = readPortalFeatures(fields);
  if (fields.isNull('dunningPolicyId')) plan.dunningPolicyId = null;
  const dunningPolicyId = fields.string('dunningPolicyId');
  if (dunningPolicyId !== undefined) plan.dunningPolicyId = dunningPolicyId;
  const active = fields.boolean('active');
  if (active !== undefined) plan.active = active;
  const metadata = fields.metadata();
  if (metadata !== undefined) plan.metadata = metadata;
  return ok(savePlan(ctx, plan));
}

function archive(ctx: RouteContext) {
  const plan = findPlan(ctx.account, id(ctx));
  if (plan.archivedAt !== null) throw illegalTransition('plan', plan.id, 'archived', 'archive');
  const now = ctx.world.iso();
  const archived = ctx.account.plans.replace({ ...plan, active: false, archivedAt: now, updatedAt: now });
  ctx.emit('plugipay.plan.archived.v1', archived);
  return ok(archived);
}

function addPrice(ctx: RouteContext) {
  const plan = findPlan(ctx.account, id(ctx));
  if (plan.archivedAt !== null) throw illegalTransition('plan', plan.id, 'archived', 'add a price to');
  const price = readPrice(ctx, plan.id, Fields.of(ctx.body));
  savePlan(ctx, { ...plan, prices: [...plan.prices, price] });
  return created(price);
}

function updatePrice(ctx: RouteContext) {
  const { plan, price } = findPrice(ctx.account, id(ctx));
  const updated: Price = { ...price, active: Fields.of(ctx.body).requiredBoolean('active') };
  savePlan(ctx, { ...plan, prices: plan.prices.map((p) => (p.id === price.id ? updated : p)) });
  return ok(updated);
}

/** Undocumented on the server for prices in use; the emulator refuses while a live subscription uses it. */
function deletePrice(ctx: RouteContext) {
  const { plan, price } = findPrice(ctx.account, id(ctx));
  const users = ctx.account.subscriptions.values().filter((s) => s.priceId === price.id && s.status !== 'canceled');
  if (users.length > 0) {
    throw apiFailure(409, 'conflict', `Price '${price.id}' is used by ${users.length} subscription(s)`, {
      details: { subscriptionIds: users.map((s) => s.id) },
    });
  }
  savePlan(ctx, { ...plan, prices: plan.prices.filter((p) => p.id !== price.id) });
  return noContent();
}

export const planRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/plans', handler: create },
  { method: 'GET', pattern: '/api/v1/plans', handler: list },
  { method: 'GET', pattern: '/api/v1/plans/:id', handler: (ctx) => ok(findPlan(ctx.account, id(ctx))) },
  { method: 'PATCH', pattern: '/api/v1/plans/:id', handler: update },
  { method: 'POST', pattern: '/api/v1/plans/:id/archive', handler: archive },
  { method: 'POST', pattern: '/api/v1/plans/:id/prices', handler: addPrice },
  { method: 'PATCH', pattern: '/api/v1/prices/:id', handler: updatePrice },
  { method: 'DELETE', pattern: '/api/v1/prices/:id', handler: deletePrice },
];
