/**
 * Payment-provider connections: one per kind, replaced whole by PUT; the server smoke-tests
 * credentials (bad ones: 400). Messages never echo a credential.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp, Open } from './shared-types';
import { json, route, type RouteTable } from './route';
import { absoluteUrl, accepts, email, nonEmptyText, optionalInput } from './schemas';

/** Payment providers that can be connected to a workspace. */
export const ADAPTER_KINDS = ['xendit', 'paypal', 'midtrans', 'manual', 'managed'] as const;
/** Which PayPal environment the credentials belong to. */
export const PAYPAL_MODES = ['live', 'sandbox'] as const;
/** Which Midtrans environment the keys belong to. */
export const MIDTRANS_ENVS = ['sandbox', 'production'] as const;
/** Where the business verification (KYB) of managed onboarding is. */
export const MANAGED_KYB_STATUSES = ['not_started', 'invited', 'registered', 'live', 'rejected'] as const;
/** Where the payment capabilities of managed onboarding are. */
export const MANAGED_CAPABILITIES_STATUSES = ['pending', 'live', 'declined', 'resubmission_required'] as const;

/** Settings of the Xendit adapter (`adapters.updateXendit`). */
export interface XenditAdapterInput {
  /** Your Xendit secret API key, non-empty; checked by the server, stored, and never returned (only its last 4 characters). */
  secretKey: string;
  /** The callback verification token from your Xendit dashboard, non-empty. */
  callbackToken?: string;
}

/** Settings of the PayPal adapter (`adapters.updatePaypal`). */
export interface PaypalAdapterInput {
  /** Your PayPal REST app's client id, non-empty. */
  clientId: string;
  /** Your PayPal REST app's secret, non-empty; checked by the server and never returned. */
  secret: string;
  /** Which PayPal environment the credentials belong to: `live` or `sandbox`. */
  mode?: PaypalMode;
}

/** Settings of the Midtrans adapter (`adapters.updateMidtrans`). */
export interface MidtransAdapterInput {
  /** Your Midtrans server key, non-empty; checked by the server and never returned. */
  serverKey: string;
  /** Your Midtrans client key, non-empty. */
  clientKey: string;
  /** Your Midtrans merchant id, non-empty. */
  merchantId: string;
  /** Which Midtrans environment the keys belong to: `sandbox` or `production`. */
  env?: MidtransEnv;
}

/** One bank account buyers may transfer to (`ManualAdapterInput.bankAccounts`). */
export interface ManualAdapterBankAccountInput {
  /** The bank's name, non-empty, e.g. `BCA`. */
  bankName: string;
  /** The account number, non-empty, as buyers should type it. */
  accountNumber: string;
  /** The account holder's name as the bank has it, non-empty. */
  accountHolder: string;
}

/** Settings of the manual bank transfer adapter (`adapters.updateManual`); the whole config is replaced. */
export interface ManualAdapterInput {
  /** The bank accounts buyers may transfer to, shown at checkout. */
  bankAccounts?: ManualAdapterBankAccountInput[];
  /** An absolute http(s) URL of a static QR code image to show at checkout (e.g. one from `uploads.image`). */
  staticQrImageUrl?: string;
  /** Free-text payment instructions shown to buyers. */
  instructions?: string;
}

/** What `adapters.startManagedOnboarding` takes. */
export interface ManagedOnboardingStartInput {
  /** Where the provider sends the onboarding invitation; at most 320 characters. */
  email: string;
}

/** The state to move managed onboarding to (`adapters.simulateManagedOnboarding`, staging only). */
export interface ManagedOnboardingSimulateInput {
  /** The business verification state: `not_started`, `invited`, `registered`, `live` or `rejected`. */
  kybStatus?: ManagedKybStatus;
  /** The payment capabilities state: `pending`, `live`, `declined` or `resubmission_required`. */
  capabilitiesStatus?: ManagedCapabilitiesStatus;
  /** Whether payouts are ready. */
  payoutsReady?: boolean;
}

/**
 * `client.adapters`: the payment providers connected to the workspace, one per kind. Each
 * `update*` replaces that kind's whole config; the server checks the credentials first (bad
 * ones: 400 `validation_error`).
 */
export interface AdaptersResource {
  /**
   * The connection of each kind, keyed by kind; a kind never connected may be missing or show
   * `status: 'unconfigured'`.
   *
   * @example
   * ```ts
   * const adapters = await client.adapters.list();
   * if (adapters.xendit?.status === 'active') console.log('Xendit is connected');
   * ```
   */
  list(options?: RequestOptions): APIPromise<Record<AdapterKind, AdapterConfig>>;
  /**
   * Connects or reconfigures Xendit as a payment provider.
   *
   * @example
   * ```ts
   * await client.adapters.updateXendit({ secretKey: env.XENDIT_SECRET_KEY, callbackToken: env.XENDIT_CALLBACK_TOKEN });
   * ```
   */
  updateXendit(input: XenditAdapterInput, options?: RequestOptions): APIPromise<AdapterConfig>;
  /** Connects or reconfigures PayPal as a payment provider. */
  updatePaypal(input: PaypalAdapterInput, options?: RequestOptions): APIPromise<AdapterConfig>;
  /** Connects or reconfigures Midtrans as a payment provider. */
  updateMidtrans(input: MidtransAdapterInput, options?: RequestOptions): APIPromise<AdapterConfig>;
  /** Configures manual bank transfer payments: the accounts buyers transfer to, a QR image, instructions. */
  updateManual(input?: ManualAdapterInput, options?: RequestOptions): APIPromise<AdapterConfig>;
  /** Where managed payment onboarding is; `null` until it has started. */
  managedOnboardingState(options?: RequestOptions): APIPromise<ManagedOnboardingState | null>;
  /** Starts managed payment onboarding for the workspace: the provider invites the given email. */
  startManagedOnboarding(input: ManagedOnboardingStartInput, options?: RequestOptions): APIPromise<ManagedOnboardingState>;
  /** Moves managed onboarding to another state, to test your handling of it: staging only (404 on plugipay.com). */
  simulateManagedOnboarding(input?: ManagedOnboardingSimulateInput, options?: RequestOptions): APIPromise<ManagedOnboardingState>;
}

const xenditInput = accepts<XenditAdapterInput>()(() =>
  v.strictObject({
    secretKey: nonEmptyText(),
    callbackToken: v.optional(nonEmptyText()),
  }),
);
const paypalInput = accepts<PaypalAdapterInput>()(() =>
  v.strictObject({
    clientId: nonEmptyText(),
    secret: nonEmptyText(),
    mode: v.optional(v.picklist(PAYPAL_MODES)),
  }),
);
const midtransInput = accepts<MidtransAdapterInput>()(() =>
  v.strictObject({
    serverKey: nonEmptyText(),
    clientKey: nonEmptyText(),
    merchantId: nonEmptyText(),
    env: v.optional(v.picklist(MIDTRANS_ENVS)),
  }),
);
const manualInput = accepts<ManualAdapterInput | undefined>()(() =>
  optionalInput({
    bankAccounts: v.optional(
      v.array(v.strictObject({ bankName: nonEmptyText(), accountNumber: nonEmptyText(), accountHolder: nonEmptyText() })),
    ),
    staticQrImageUrl: v.optional(absoluteUrl()),
    instructions: v.optional(v.string()),
  }),
);
const onboardingStartInput = accepts<ManagedOnboardingStartInput>()(() => v.strictObject({ email: email() }));
const onboardingSimulateInput = accepts<ManagedOnboardingSimulateInput | undefined>()(() =>
  optionalInput({
    kybStatus: v.optional(v.picklist(MANAGED_KYB_STATUSES)),
    capabilitiesStatus: v.optional(v.picklist(MANAGED_CAPABILITIES_STATUSES)),
    payoutsReady: v.optional(v.boolean()),
  }),
);

/** @internal */
export const adapterRoutes: RouteTable<AdaptersResource> = {
  list: route('GET', '/api/v1/adapters', { returns: json<Record<AdapterKind, AdapterConfig>>() }),
  updateXendit: route('PUT', '/api/v1/adapters/xendit', { body: xenditInput, returns: json<AdapterConfig>() }),
  updatePaypal: route('PUT', '/api/v1/adapters/paypal', { body: paypalInput, returns: json<AdapterConfig>() }),
  updateMidtrans: route('PUT', '/api/v1/adapters/midtrans', { body: midtransInput, returns: json<AdapterConfig>() }),
  updateManual: route('PUT', '/api/v1/adapters/manual', { body: manualInput, returns: json<AdapterConfig>() }),
  managedOnboardingState: route('GET', '/api/v1/adapters/managed/onboarding', { returns: json<ManagedOnboardingState | null>() }),
  startManagedOnboarding: route('POST', '/api/v1/adapters/managed/onboarding', {
    body: onboardingStartInput,
    returns: json<ManagedOnboardingState>(),
  }),
  simulateManagedOnboarding: route('POST', '/api/v1/adapters/managed/onboarding/_simulate', {
    body: onboardingSimulateInput,
    returns: json<ManagedOnboardingState>(),
  }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A payment provider that can be connected to the workspace. */
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** Which PayPal environment: `live` or `sandbox`. */
export type PaypalMode = (typeof PAYPAL_MODES)[number];

/** Which Midtrans environment: `sandbox` or `production`. */
export type MidtransEnv = (typeof MIDTRANS_ENVS)[number];

/** Where the business verification (KYB) of managed onboarding is. */
export type ManagedKybStatus = (typeof MANAGED_KYB_STATUSES)[number];

/** Where the payment capabilities of managed onboarding are. */
export type ManagedCapabilitiesStatus = (typeof MANAGED_CAPABILITIES_STATUSES)[number];

/** A payment-provider connection; one per kind. Older servers send `configured` instead of `status`. */
export interface AdapterConfig {
  kind: Open<AdapterKind>;
  /** `active` once connected; on `error`, see `lastErrorCode`. */
  status?: Open<'unconfigured' | 'active' | 'error'>;
  /** The last 4 characters of the secret credential: the secret itself is never returned. */
  secretKeyLast4?: string | null;
  /** The settings that are not secret, as the server shows them. */
  publicConfig?: Record<string, unknown> | null;
  configuredAt?: Timestamp | null;
  lastErrorAt?: Timestamp | null;
  lastErrorCode?: string | null;
  /** Older servers. */
  configured?: boolean;
  /** Older servers. */
  updatedAt?: Timestamp;
}

/** Progress of managed payment onboarding (`adapters.managedOnboardingState`). */
export interface ManagedOnboardingState {
  /** The provider's sub-account of the workspace. */
  subAccountId: Id;
  /** Where the onboarding invitation went. */
  email: string | null;
  /** Where the business completes onboarding with the provider. */
  onboardingUrl: string | null;
  kybStatus: Open<ManagedKybStatus>;
  capabilitiesStatus: Open<ManagedCapabilitiesStatus>;
  payoutsReady: boolean;
  /** When the provider last reported progress. */
  lastWebhookAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
