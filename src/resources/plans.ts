/**
 * Plans and their prices (ENDPOINTS §2.2). Amounts live on nested prices, one per currency; the
 * older flat `{ currency, amount }` form is accepted and expanded here, never sent as is (§6.7).
 */
import * as v from 'valibot';
import type { Id, Money, Timestamp, Currency, Metadata, Open } from './shared-types';
import { json, none, page, route } from './route';
import { clearable, currency, id, integer, listParams, metadata, money, narrowInput, nonEmpty, ruleOn, text, type Input } from './schemas';

/** Whether a price includes tax. */
export const TAX_MODES = ['inclusive', 'exclusive'] as const;

/** Billing intervals of a price. */
export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
/** Pricing models of a price. */
export const PRICE_MODELS = ['flat', 'tiered', 'volume', 'usage'] as const;

/** The official Node SDK's default, filled in when `portalFeatures` is left out (the server requires it). */
const DEFAULT_PORTAL_FEATURES: PortalFeatures = {
  selfServeCancel: true,
  selfServePause: false,
  selfServeUpgrade: false,
  selfServeDowngrade: false,
  updatePaymentMethod: true,
};

const PortalFeaturesInput = () =>
  v.strictObject({
    selfServeCancel: v.boolean(),
    selfServePause: v.boolean(),
    selfServeUpgrade: v.boolean(),
    selfServeDowngrade: v.boolean(),
    updatePaymentMethod: v.boolean(),
  });

const PriceTierInput = () =>
  v.strictObject({
    /** Upper bound in units; `'inf'` for the last tier. */
    upTo: v.custom<number | 'inf'>(
      (value) => value === 'inf' || (Number.isSafeInteger(value) && (value as number) >= 1),
      "must be an integer ≥ 1 or 'inf'",
    ),
    unitAmount: v.optional(money(0)),
    flatAmount: v.optional(money(0)),
  });

const byUnit = (model: string) => model === 'flat' || model === 'usage';

/** A price of a plan: currency, model and amounts (`unitAmount` for flat and usage prices, `tiers` for tiered and volume). */
export const PriceInput = () =>
  v.pipe(
    v.strictObject({
      currency: currency(),
      /** Required on the wire; `'flat'` when left out. */
      model: v.optional(v.picklist(PRICE_MODELS), 'flat'),
      /** For `flat` and `usage` prices. */
      unitAmount: v.optional(money(0)),
      /** For `tiered` and `volume` prices. */
      tiers: v.optional(nonEmpty(PriceTierInput())),
      taxMode: v.optional(v.picklist(TAX_MODES)),
      active: v.optional(v.boolean()),
    }),
    ruleOn('unitAmount', (p) => !byUnit(p.model) || p.unitAmount !== undefined, 'is required for a flat or usage price'),
    ruleOn('tiers', (p) => byUnit(p.model) || p.tiers !== undefined, 'is required for a tiered or volume price'),
  );
export type PriceInput = Input<typeof PriceInput>;

/** Fields that create and update share. */
const planFields = () => ({
  description: v.optional(text(0, 1024)),
  trialDays: v.optional(integer(0)),
  dunningPolicyId: clearable(id()),
  active: v.optional(v.boolean()),
});

const PlanCreateFields = () =>
  v.strictObject({
    ...planFields(),
    name: text(1, 255),
    interval: v.picklist(INTERVALS),
    intervalCount: v.optional(integer(1)),
    portalFeatures: v.optional(PortalFeaturesInput(), DEFAULT_PORTAL_FEATURES),
    /** Needed when a price uses model `usage`. */
    usageAggregate: clearable(v.picklist(['sum', 'max', 'last'])),
    meteredUnit: clearable(v.string()),
    metadata: v.optional(metadata()),
    prices: v.optional(nonEmpty(PriceInput())),
    /** Shorthand for one flat price: with `amount`, instead of `prices`. */
    currency: v.optional(currency()),
    amount: v.optional(money(0)),
  });

type PlanCreateFields = Input<typeof PlanCreateFields>;

/** Either `prices`, or the shorthand `currency` + `amount` for a single flat price. */
export type PlanCreateInput = Omit<PlanCreateFields, 'prices' | 'currency' | 'amount'> &
  ({ prices: PriceInput[]; currency?: never; amount?: never } | { currency: string; amount: number; prices?: never });

export const PlanCreateInput = () =>
  narrowInput<PlanCreateInput>(
    v.pipe(
      PlanCreateFields(),
      ruleOn(
        'prices',
        (p) => (p.prices === undefined) === (p.currency !== undefined) && (p.currency === undefined) === (p.amount === undefined),
        'give prices, or currency with amount for a single flat price (not both)',
      ),
      v.transform(({ currency, amount, ...plan }) =>
        currency === undefined ? plan : { ...plan, prices: [{ currency, model: 'flat', unitAmount: amount }] },
      ),
    ),
  );

/** What `plans.update` changes. */
export const PlanUpdateInput = () =>
  v.strictObject({
    ...planFields(),
    name: v.optional(text(1, 255)),
    portalFeatures: v.optional(PortalFeaturesInput()),
    /** `null` clears the metadata. */
    metadata: clearable(metadata()),
  });
export type PlanUpdateInput = Input<typeof PlanUpdateInput>;

/** Price shapes are fixed once created: to change one, add a new price and turn this one off. */
export const PriceUpdateInput = () => v.strictObject({ active: v.boolean() });
export type PriceUpdateInput = Input<typeof PriceUpdateInput>;

/** Filters of `plans.list`. */
export const PlanListParams = () => listParams({ active: v.optional(v.boolean()) });
export type PlanListParams = Input<typeof PlanListParams>;

export const planRoutes = {
  /** Accepts `prices`, or the `{ currency, amount }` shorthand for one flat price. */
  create: route('POST', '/api/v1/plans', { body: PlanCreateInput, returns: json<Plan>() }),
  /** Retrieves a plan by id, with its prices. */
  get: route('GET', '/api/v1/plans/{id}', { returns: json<Plan>() }),
  /** Lists plans: await for the first page, or `for await` over every plan. */
  list: route('GET', '/api/v1/plans', { query: PlanListParams, returns: page<Plan>() }),
  /** Updates a plan; its prices change through `addPrice`, `updatePrice` and `deletePrice`. */
  update: route('PATCH', '/api/v1/plans/{id}', { body: PlanUpdateInput, returns: json<Plan>() }),
  /** A soft delete: existing subscriptions keep billing. */
  archive: route('POST', '/api/v1/plans/{id}/archive', { emptyBody: true, returns: json<Plan>() }),
  /** Adds a price to the plan whose id is given. */
  addPrice: route('POST', '/api/v1/plans/{id}/prices', { body: PriceInput, returns: json<Price>() }),
  /** Updates one price of a plan, by the price's id. */
  updatePrice: route('PATCH', '/api/v1/prices/{id}', { body: PriceUpdateInput, returns: json<Price>() }),
  /** Removes one price from its plan, by the price's id. */
  deletePrice: route('DELETE', '/api/v1/prices/{id}', { returns: none() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A billing period unit of a recurring price. */
export type Interval = (typeof INTERVALS)[number];

/** How a price turns quantity into an amount: one flat amount, tiers, volume tiers, or metered usage. */
export type PriceModel = (typeof PRICE_MODELS)[number];

/** Whether a price includes tax or has it added on top. */
export type TaxMode = (typeof TAX_MODES)[number];

/** What a customer may do in the self-service portal for a plan. */
export interface PortalFeatures {
  selfServeCancel: boolean;
  selfServePause: boolean;
  selfServeUpgrade: boolean;
  selfServeDowngrade: boolean;
  updatePaymentMethod: boolean;
}

/** One tier of a tiered or volume price. */
export interface PriceTier {
  /** Upper bound of the tier in units; `'inf'` for the last tier. */
  upTo: number | 'inf';
  unitAmount?: Money;
  flatAmount?: Money;
}

/** A price of a plan: currency, model, amounts and billing interval. */
export interface Price {
  id: Id;
  planId: Id;
  currency: Currency;
  model: Open<PriceModel>;
  /** Set for `flat` and `usage` prices. */
  unitAmount: Money | null;
  /** Set for `tiered` and `volume` prices. */
  tiers: PriceTier[] | null;
  taxMode: Open<TaxMode>;
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
  intervalCount: number;
  trialDays: number;
  /** One price per currency; amounts live here, not on the plan. */
  prices: Price[];
  usageAggregate: Open<'sum' | 'max' | 'last'> | null;
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
