/**
 * The one registry of API namespaces: each line binds one resource table to `PlugipayClient`.
 * Adding a namespace is its resource file, one line here, and its emulator route (a route the
 * emulator does not serve answers 501 `not_emulated`); the list of exported types is generated
 * from the resource files (`scripts/public-types.mjs`).
 */
import { CoreClient, requesterOf } from '../core/client';
import type { ClientOptions } from '../core/options';
import { adapterRoutes } from './adapters';
import { adminRoutes } from './admin';
import { checkoutSessionRoutes } from './checkout-sessions';
import { checkoutSettingsRoutes } from './checkout-settings';
import { customerRoutes, type CustomersResource } from './customers';
import { dashboardRoutes } from './dashboard';
import { eventRoutes } from './events';
import { giftCardRoutes } from './gift-cards';
import { invoiceRoutes } from './invoices';
import { ledgerRoutes } from './ledger';
import { onboardingRoutes, type OnboardingResource } from './onboarding';
import { payoutRoutes } from './payouts';
import { planRoutes } from './plans';
import { portalSessionRoutes } from './portal-sessions';
import { receiptRoutes } from './receipts';
import { refundRoutes } from './refunds';
import { reportRoutes } from './reports';
import { subscriptionRoutes } from './subscriptions';
import { templateRoutes } from './templates';
import { testClockRoutes } from './test-clocks';
import { uploadRoutes } from './uploads';
import { webhookEndpointRoutes } from './webhook-endpoints';
import { workspaceRoutes, type WorkspacesResource } from './workspaces';
import { bindRoutes, type BoundRoutes, type Route, type RouteTable } from './route';

/**
 * The namespaces of `PlugipayClient`, declared: each is a documented `<Namespace>Resource`
 * interface from its resource file, which its route table must implement (`RouteTable`).
 * A namespace not yet declared is typed from its table (`BoundRoutes`) until it is.
 */
export interface Namespaces {
  /** The people and businesses you bill. */
  readonly customers: CustomersResource;
  readonly plans: BoundRoutes<typeof planRoutes>;
  readonly checkoutSessions: BoundRoutes<typeof checkoutSessionRoutes>;
  readonly invoices: BoundRoutes<typeof invoiceRoutes>;
  readonly subscriptions: BoundRoutes<typeof subscriptionRoutes>;
  readonly portalSessions: BoundRoutes<typeof portalSessionRoutes>;
  readonly receipts: BoundRoutes<typeof receiptRoutes>;
  readonly refunds: BoundRoutes<typeof refundRoutes>;
  readonly payouts: BoundRoutes<typeof payoutRoutes>;
  readonly ledger: BoundRoutes<typeof ledgerRoutes>;
  readonly reports: BoundRoutes<typeof reportRoutes>;
  readonly webhookEndpoints: BoundRoutes<typeof webhookEndpointRoutes>;
  readonly events: BoundRoutes<typeof eventRoutes>;
  readonly adapters: BoundRoutes<typeof adapterRoutes>;
  readonly giftCards: BoundRoutes<typeof giftCardRoutes>;
  readonly templates: BoundRoutes<typeof templateRoutes>;
  readonly checkoutSettings: BoundRoutes<typeof checkoutSettingsRoutes>;
  readonly uploads: BoundRoutes<typeof uploadRoutes>;
  readonly dashboard: BoundRoutes<typeof dashboardRoutes>;
  readonly testClocks: BoundRoutes<typeof testClockRoutes>;
  readonly admin: BoundRoutes<typeof adminRoutes>;
  /** Getting a workspace ready to take money: the managed payout sub-account. */
  readonly onboarding: OnboardingResource;
  /** The workspace the key acts in. */
  readonly workspaces: WorkspacesResource;
}

/** A declared namespace's table is its `RouteTable`; an undeclared one is its own table. */
type TableOf<N> = N extends BoundRoutes<infer T> ? T : RouteTable<N>;

/**
 * Every namespace's route table, by the property name it has on `PlugipayClient`.
 *
 * @internal
 */
export const namespaces: { readonly [K in keyof Namespaces]: TableOf<Namespaces[K]> } = {
  customers: customerRoutes,
  plans: planRoutes,
  checkoutSessions: checkoutSessionRoutes,
  invoices: invoiceRoutes,
  subscriptions: subscriptionRoutes,
  portalSessions: portalSessionRoutes,
  receipts: receiptRoutes,
  refunds: refundRoutes,
  payouts: payoutRoutes,
  ledger: ledgerRoutes,
  reports: reportRoutes,
  webhookEndpoints: webhookEndpointRoutes,
  events: eventRoutes,
  adapters: adapterRoutes,
  giftCards: giftCardRoutes,
  templates: templateRoutes,
  checkoutSettings: checkoutSettingsRoutes,
  uploads: uploadRoutes,
  dashboard: dashboardRoutes,
  testClocks: testClockRoutes,
  admin: adminRoutes,
  onboarding: onboardingRoutes,
  workspaces: workspaceRoutes,
};

/** `PlugipayClient` carries one property per namespace (declaration merging with the class below). */
export interface PlugipayClient extends Namespaces {}

/**
 * The Plugipay API client for server runtimes: HMAC-signed (or Bearer) requests, one typed
 * method per route, safe retries, and the shared errors.
 *
 * @example
 * ```ts
 * const client = new PlugipayClient({ keyId: 'pk_…', secret: 'sk_…' });
 * const customer = await client.customers.create({ email: 'budi@example.com' });
 * ```
 */
export class PlugipayClient extends CoreClient {
  constructor(options: ClientOptions) {
    super(options);
  }

  static {
    // One getter per namespace on the prototype, binding it on first access: constructing a
    // client (once per request in a Worker) costs no per-namespace work.
    for (const name of Object.keys(namespaces) as (keyof typeof namespaces)[]) {
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        enumerable: true,
        get(this: PlugipayClient) {
          const value = bindRoutes(requesterOf(this), namespaces[name] as Record<string, Route<unknown>>, this);
          Object.defineProperty(this, name, { value, enumerable: true });
          return value;
        },
      });
    }
  }
}
