/**
 * The one registry of API namespaces: each line binds one resource table to `PlugipayClient`.
 * Adding a namespace is its resource file, one line here, and its emulator route (a route the
 * emulator does not serve answers 501 `not_emulated`); the list of exported types is generated
 * from the resource files (`scripts/public-types.mjs`).
 */
import { CoreClient, requesterOf } from '../core/client';
import type { ClientOptions } from '../core/options';
import { adapterRoutes, type AdaptersResource } from './adapters';
import { adminRoutes, type AdminResource } from './admin';
import { checkoutSessionRoutes, type CheckoutSessionsResource } from './checkout-sessions';
import { checkoutSettingsRoutes, type CheckoutSettingsResource } from './checkout-settings';
import { customerRoutes, type CustomersResource } from './customers';
import { dashboardRoutes, type DashboardResource } from './dashboard';
import { eventRoutes, type EventsResource } from './events';
import { giftCardRoutes, type GiftCardsResource } from './gift-cards';
import { invoiceRoutes, type InvoicesResource } from './invoices';
import { ledgerRoutes, type LedgerResource } from './ledger';
import { onboardingRoutes, type OnboardingResource } from './onboarding';
import { payoutRoutes, type PayoutsResource } from './payouts';
import { planRoutes, type PlansResource } from './plans';
import { portalSessionRoutes, type PortalSessionsResource } from './portal-sessions';
import { receiptRoutes, type ReceiptsResource } from './receipts';
import { refundRoutes, type RefundsResource } from './refunds';
import { reportRoutes, type ReportsResource } from './reports';
import { subscriptionRoutes, type SubscriptionsResource } from './subscriptions';
import { templateRoutes, type TemplatesResource } from './templates';
import { testClockRoutes, type TestClocksResource } from './test-clocks';
import { uploadRoutes, type UploadsResource } from './uploads';
import { webhookEndpointRoutes, type WebhookEndpointsResource } from './webhook-endpoints';
import { workspaceRoutes, type WorkspacesResource } from './workspaces';
import { bindRoutes, type Route, type RouteTable } from './route';

/**
 * The namespaces of `PlugipayClient`, declared: each is a documented `<Namespace>Resource`
 * interface from its resource file, which its route table must implement (`RouteTable`).
 */
export interface Namespaces {
  /** The people and businesses you bill. */
  readonly customers: CustomersResource;
  /** What you bill for: plans and their prices, one per currency. */
  readonly plans: PlansResource;
  /** Hosted payment pages for one amount each, and the receipts of the paid ones. */
  readonly checkoutSessions: CheckoutSessionsResource;
  /** Bills for a customer, one-off or issued by a subscription, and their renderings. */
  readonly invoices: InvoicesResource;
  /** Customers billed for a plan every period. */
  readonly subscriptions: SubscriptionsResource;
  /** Short-lived links to the customer self-service portal. */
  readonly portalSessions: PortalSessionsResource;
  /** The receipts of paid checkout sessions and invoices: read, rendered, emailed. */
  readonly receipts: ReceiptsResource;
  /** Money given back against a captured payment. */
  readonly refunds: RefundsResource;
  /** Your available balance, paid out to your bank account. */
  readonly payouts: PayoutsResource;
  /** The double-entry book every money movement is posted to (read-only). */
  readonly ledger: LedgerResource;
  /** Profit and loss, cash flow, and the ledger as CSV, for a period. */
  readonly reports: ReportsResource;
  /** Where your events are delivered, and each delivery with its attempts. */
  readonly webhookEndpoints: WebhookEndpointsResource;
  /** Every state change of the workspace: the same ids and payloads its webhooks carry. */
  readonly events: EventsResource;
  /** The payment providers connected to the workspace, one per kind. */
  readonly adapters: AdaptersResource;
  /** Gift cards (bearer, by code) and store credit (a customer's). */
  readonly giftCards: GiftCardsResource;
  /** How checkout pages, receipts and invoices look. */
  readonly templates: TemplatesResource;
  /** The methods, branding and business details of the hosted checkout page. */
  readonly checkoutSettings: CheckoutSettingsResource;
  /** Image uploads (logos) for the hosted pages. */
  readonly uploads: UploadsResource;
  /** The dashboard's figures, as opaque JSON. */
  readonly dashboard: DashboardResource;
  /** Time travel for subscriptions, with a test key only. */
  readonly testClocks: TestClocksResource;
  /** Workspaces of platform partners, and their usage (platform admin keys only). */
  readonly admin: AdminResource;
  /** Getting a workspace ready to take money: the managed payout sub-account. */
  readonly onboarding: OnboardingResource;
  /** The workspace the key acts in. */
  readonly workspaces: WorkspacesResource;
}

/**
 * Every namespace's route table, by the property name it has on `PlugipayClient`.
 *
 * @internal
 */
export const namespaces: { readonly [K in keyof Namespaces]: RouteTable<Namespaces[K]> } = {
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
