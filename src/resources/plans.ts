/**
 * Plans and their prices. Amounts live on nested prices, one per currency; the older flat
 * `{ currency, amount }` form is accepted and expanded here into one flat price, never sent as is.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Money, Timestamp, Currency, Metadata, Open } from './shared-types';
import { json, none, page, route, type RouteTable } from './route';
import { accepts, clearable, currency, id, integer, listParams, metadata, money, narrowInput, nonEmpty, ruleOn, text } from './schemas';

/** Whether a price includes tax. */
export const TAX_MODES = ['inclusive', 'exclusive'] as const;
/** Billing intervals of a plan. */
export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
/** Pricing models of a price. */
export const PRICE_MODELS = ['flat', 'tiered', 'volume', 'usage'] as const;
/** How a metered plan combines the usage reported over a period. */
export const USAGE_AGGREGATES = ['sum', 'max', 'last'] as const;

/** A billing period unit of a plan. */
export type Interval = (typeof INTERVALS)[number];

/** How a price turns quantity into an amount: one flat amount, tiers, volume tiers, or metered usage. */
export type PriceModel = (typeof PRICE_MODELS)[number];

/** Whether a price includes tax or has it added on top. */
export type TaxMode = (typeof TAX_MODES)[number];

/** How a metered plan combines a period's usage: the total, the highest value, or the last one reported. */
export type UsageAggregate = (typeof USAGE_AGGREGATES)[number];

/** A price as `plans.create` (in `prices`) and `plans.addPrice` take it. */
export interface PriceInput {
  /** ISO 4217 code in upper case, e.g. `IDR`; a plan has one price per currency. */
  currency: string;
  /** How the price turns quantity into an amount; `flat` when left out (the server requires one, so the SDK fills it in). */
  model?: PriceModel;
  /** Integer ≥ 0 in the currency's minor unit, per unit; required for `flat` and `usage` prices. */
  unitAmount?: number;
  /** At least one tier, the last with `upTo: 'inf'`; required for `tiered` and `volume` prices. */
  tiers?: PriceTier[];
  /** Whether the amounts include tax (`inclusive`) or have it added (`exclusive`). */
  taxMode?: TaxMode;
  /** Whether new subscriptions may use the price. */
  active?: boolean;
}

/** The fields a plan is created and updated with. */
interface PlanFields {
  /** Shown to customers; at most 1024 characters. */
  description?: string;
  /** Free days before the first charge, an integer ≥ 0 (the server's default is 0). */
  trialDays?: number;
  /** The dunning policy that retries failed payments; `null` detaches it. */
  dunningPolicyId?: string | null;
  /** Whether new subscriptions may start on the plan. */
  active?: boolean;
}

/** The fields of `plans.create` besides its prices. */
interface PlanCreateFields extends PlanFields {
  /** Display name, 1–255 characters. */
  name: string;
  /** The billing period unit: `day`, `week`, `month` or `year`. */
  interval: Interval;
  /** Intervals per billing period, an integer ≥ 1 (the server's default is 1): `interval: 'month', intervalCount: 3` bills quarterly. */
  intervalCount?: number;
  /** What customers may do in the self-service portal; when left out, cancel and payment-method updates only (the server requires it, so the SDK fills this in). */
  portalFeatures?: PortalFeatures;
  /** How reported usage is combined per period; needed when a price uses model `usage`. */
  usageAggregate?: UsageAggregate | null;
  /** The name of the metered unit, e.g. `"API call"`, for `usage` prices. */
  meteredUnit?: string | null;
  /** Up to 50 string pairs, stored and returned as given. */
  metadata?: Record<string, string>;
}

/** `plans.create` with its prices spelled out. */
export interface PlanCreateWithPrices extends PlanCreateFields {
  /** At least one price, one per currency. */
  prices: PriceInput[];
  /** Not with `prices`: the shorthand's currency. */
  currency?: never;
  /** Not with `prices`: the shorthand's amount. */
  amount?: never;
}

/** `plans.create` with the shorthand for one flat price, sent as `prices: [{ currency, model: 'flat', unitAmount: amount }]`. */
export interface PlanCreateWithAmount extends PlanCreateFields {
  /** The price's currency, an ISO 4217 code in upper case, e.g. `IDR`. */
  currency: string;
  /** The price per billing period, an integer ≥ 0 in the currency's minor unit. */
  amount: number;
  /** Not with `currency` and `amount`. */
  prices?: never;
}

/** What `plans.create` takes: either `prices`, or `currency` with `amount` for a single flat price. */
export type PlanCreateInput = PlanCreateWithPrices | PlanCreateWithAmount;

/** What `plans.update` changes; fields left out are unchanged. Prices change through `addPrice` and `updatePrice`. */
export interface PlanUpdateInput extends PlanFields {
  /** Display name, 1–255 characters. */
  name?: string;
  /** Replaces what customers may do in the self-service portal (all five flags). */
  portalFeatures?: PortalFeatures;
  /** Replaces the metadata (up to 50 string pairs); `null` clears it. */
  metadata?: Record<string, string> | null;
}

/** What `plans.updatePrice` changes: a price's shape is fixed once created, so only whether it is active. */
export interface PriceUpdateInput {
  /** `false` turns the price off for new subscriptions; existing ones keep it. */
  active: boolean;
}

/** Filters and paging of `plans.list`. */
export interface PlanListParams {
  /** Page size, 1–100 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Only active (`true`) or only inactive (`false`) plans. */
  active?: boolean;
}

/** `client.plans`: what you bill for, and its prices. */
export interface PlansResource {
  /**
   * Creates a plan, with `prices` or the `{ currency, amount }` shorthand for one flat price.
   * Creating a plan moves no money.
   *
   * @example
   * ```ts
   * const plan = await client.plans.create({ name: 'Pro', interval: 'month', currency: 'IDR', amount: 99000 });
   * ```
   */
  create(input: PlanCreateInput, options?: RequestOptions): APIPromise<Plan>;
  /** Retrieves a plan by id, with its prices. */
  get(id: string, options?: RequestOptions): APIPromise<Plan>;
  /**
   * Lists plans: `await` it for the first page, or `for await` over every plan.
   *
   * @example
   * ```ts
   * for await (const plan of client.plans.list({ active: true })) console.log(plan.name);
   * ```
   */
  list(params?: PlanListParams, options?: RequestOptions): PagePromise<Plan>;
  /** Updates a plan; fields left out are unchanged. Its prices change through `addPrice`, `updatePrice` and `deletePrice`. */
  update(id: string, input: PlanUpdateInput, options?: RequestOptions): APIPromise<Plan>;
  /** Archives a plan (a soft delete: existing subscriptions keep billing); an archived plan cannot be archived again. */
  archive(id: string, options?: RequestOptions): APIPromise<Plan>;
  /**
   * Adds a price to the plan whose id is given.
   *
   * @example
   * ```ts
   * const usd = await client.plans.addPrice(plan.id, { currency: 'USD', unitAmount: 900 });
   * ```
   */
  addPrice(id: string, input: PriceInput, options?: RequestOptions): APIPromise<Price>;
  /** Turns one price on or off, by the price's id; to change its amounts, add a new price and turn this one off. */
  updatePrice(id: string, input: PriceUpdateInput, options?: RequestOptions): APIPromise<Price>;
  /** Removes one price from its plan, by the price's id; a price still in use may be refused (the server's error is passed on). */
  deletePrice(id: string, options?: RequestOptions): APIPromise<void>;
}

/** The official Node SDK's default, filled in when `portalFeatures` is left out (the server requires it). */
const DEFAULT_PORTAL_FEATURES: PortalFeatures = {
  selfServeCancel: true,
  selfServePause: false,
  selfServeUpgrade: false,
  selfServeDowngrade: false,
  updatePaymentMethod: true,
};

const portalFeaturesInput = accepts<PortalFeatures>()(() =>
  v.strictObject({
    selfServeCancel: v.boolean(),
    selfServePause: v.boolean(),
    selfServeUpgrade: v.boolean(),
    selfServeDowngrade: v.boolean(),
    updatePaymentMethod: v.boolean(),
  }),
);

const priceTierInput = accepts<PriceTier>()(() =>
  v.strictObject({
    upTo: v.custom<number | 'inf'>(
      (value) => value === 'inf' || (Number.isSafeInteger(value) && (value as number) >= 1),
      "must be an integer ≥ 1 or 'inf'",
    ),
    unitAmount: v.optional(money(0)),
    flatAmount: v.optional(money(0)),
  }),
);

const byUnit = (model: string) => model === 'flat' || model === 'usage';

const priceInput = accepts<PriceInput>()(() =>
  v.pipe(
    v.strictObject({
      currency: currency(),
      model: v.optional(v.picklist(PRICE_MODELS), 'flat'),
      unitAmount: v.optional(money(0)),
      tiers: v.optional(nonEmpty(priceTierInput())),
      taxMode: v.optional(v.picklist(TAX_MODES)),
      active: v.optional(v.boolean()),
    }),
    ruleOn('unitAmount', (p) => !byUnit(p.model) || p.unitAmount !== undefined, 'is required for a flat or usage price'),
    ruleOn('tiers', (p) => byUnit(p.model) || p.tiers !== undefined, 'is required for a tiered or volume price'),
  ),
);

/** Fields that create and update share. */
const planFields = () => ({
  description: v.optional(text(0, 1024)),
  trialDays: v.optional(integer(0)),
  dunningPolicyId: clearable(id()),
  active: v.optional(v.boolean()),
});

/** Every field `plans.create` knows, before the either/or rule picks one of its two forms. */
type PlanCreateAnyForm = PlanCreateFields & { prices?: PriceInput[]; currency?: string; amount?: number };

const planCreateFields = accepts<PlanCreateAnyForm>()(() =>
  v.strictObject({
    ...planFields(),
    name: text(1, 255),
    interval: v.picklist(INTERVALS),
    intervalCount: v.optional(integer(1)),
    portalFeatures: v.optional(portalFeaturesInput(), DEFAULT_PORTAL_FEATURES),
    usageAggregate: clearable(v.picklist(USAGE_AGGREGATES)),
    meteredUnit: clearable(v.string()),
    metadata: v.optional(metadata()),
    prices: v.optional(nonEmpty(priceInput())),
    currency: v.optional(currency()),
    amount: v.optional(money(0)),
  }),
);

const createInput = accepts<PlanCreateInput>()(() =>
  narrowInput<PlanCreateInput>(
    v.pipe(
      planCreateFields(),
      ruleOn(
        'prices',
        (p) => (p.prices === undefined) === (p.currency !== undefined) && (p.currency === undefined) === (p.amount === undefined),
        'give prices, or currency with amount for a single flat price (not both)',
      ),
      v.transform(({ currency, amount, ...plan }) =>
        currency === undefined ? plan : { ...plan, prices: [{ currency, model: 'flat', unitAmount: amount }] },
      ),
    ),
  ),
);

const updateInput = accepts<PlanUpdateInput>()(() =>
  v.strictObject({
    ...planFields(),
    name: v.optional(text(1, 255)),
    portalFeatures: v.optional(portalFeaturesInput()),
    metadata: clearable(metadata()),
  }),
);

const priceUpdateInput = accepts<PriceUpdateInput>()(() => v.strictObject({ active: v.boolean() }));

const listInput = accepts<PlanListParams | undefined>()(() => listParams({ active: v.optional(v.boolean()) }));

/** @internal */
export const planRoutes: RouteTable<PlansResource> = {
  create: route('POST', '/api/v1/plans', { body: createInput, returns: json<Plan>() }),
  get: route('GET', '/api/v1/plans/{id}', { returns: json<Plan>() }),
  list: route('GET', '/api/v1/plans', { query: listInput, returns: page<Plan>() }),
  update: route('PATCH', '/api/v1/plans/{id}', { body: updateInput, returns: json<Plan>() }),
  archive: route('POST', '/api/v1/plans/{id}/archive', { emptyBody: true, returns: json<Plan>() }),
  addPrice: route('POST', '/api/v1/plans/{id}/prices', { body: priceInput, returns: json<Price>() }),
  updatePrice: route('PATCH', '/api/v1/prices/{id}', { body: priceUpdateInput, returns: json<Price>() }),
  deletePrice: route('DELETE', '/api/v1/prices/{id}', { returns: none() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** What a customer may do in the self-service portal for a plan (see `portalSessions.create`). */
export interface PortalFeatures {
  /** Cancel the subscription. */
  selfServeCancel: boolean;
  /** Pause and resume the subscription. */
  selfServePause: boolean;
  /** Move to a more expensive price. */
  selfServeUpgrade: boolean;
  /** Move to a cheaper price. */
  selfServeDowngrade: boolean;
  /** Replace the saved payment method. */
  updatePaymentMethod: boolean;
}

/** One tier of a tiered or volume price. */
export interface PriceTier {
  /** Upper bound of the tier in units, an integer ≥ 1; `'inf'` for the last tier. */
  upTo: number | 'inf';
  /** Per unit within the tier, an integer ≥ 0 in the currency's minor unit. */
  unitAmount?: Money;
  /** A fixed amount for reaching the tier, an integer ≥ 0 in the currency's minor unit. */
  flatAmount?: Money;
}

/** A price of a plan: currency, model and amounts. */
export interface Price {
  id: Id;
  /** The plan the price belongs to. */
  planId: Id;
  currency: Currency;
  model: Open<PriceModel>;
  /** Set for `flat` and `usage` prices. */
  unitAmount: Money | null;
  /** Set for `tiered` and `volume` prices. */
  tiers: PriceTier[] | null;
  taxMode: Open<TaxMode>;
  /** Whether new subscriptions may use the price. */
  active: boolean;
  createdAt: Timestamp;
}

/** A subscription plan with its prices (`plans.*`). */
export interface Plan {
  id: Id;
  arn: string;
  accountId: Id;
  name: string;
  description: string | null;
  interval: Open<Interval>;
  /** Intervals per billing period. */
  intervalCount: number;
  /** Free days before the first charge. */
  trialDays: number;
  /** One price per currency; amounts live here, not on the plan. */
  prices: Price[];
  usageAggregate: Open<UsageAggregate> | null;
  meteredUnit: string | null;
  portalFeatures: PortalFeatures;
  dunningPolicyId: Id | null;
  active: boolean;
  /** Set once archived (a soft delete; existing subscriptions keep billing). */
  archivedAt: Timestamp | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Older servers: a flat currency instead of `prices[]`. */
  currency?: Currency;
  /** Older servers: a flat amount instead of `prices[]`. */
  amount?: Money;
}
