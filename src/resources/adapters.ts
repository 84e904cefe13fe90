/**
 * Payment-provider connections (ENDPOINTS §2.14): one per kind, replaced whole by PUT; the server
 * smoke-tests credentials (bad ones: 400). Messages never echo a credential.
 */
import * as v from 'valibot';
import type { Id, Timestamp, Open } from './shared-types';
import { json, route } from './route';
import { absoluteUrl, email, nonEmptyText, optionalInput, type Input } from './schemas';

/** Settings of the Xendit adapter (`adapters.updateXendit`). */
export const XenditAdapterInput = () =>
  v.strictObject({
    secretKey: nonEmptyText(),
    callbackToken: v.optional(nonEmptyText()),
  });
export type XenditAdapterInput = Input<typeof XenditAdapterInput>;

/** Settings of the PayPal adapter (`adapters.updatePaypal`). */
export const PaypalAdapterInput = () =>
  v.strictObject({
    clientId: nonEmptyText(),
    secret: nonEmptyText(),
    mode: v.optional(v.picklist(['live', 'sandbox'])),
  });
export type PaypalAdapterInput = Input<typeof PaypalAdapterInput>;

/** Settings of the Midtrans adapter (`adapters.updateMidtrans`). */
export const MidtransAdapterInput = () =>
  v.strictObject({
    serverKey: nonEmptyText(),
    clientKey: nonEmptyText(),
    merchantId: nonEmptyText(),
    env: v.optional(v.picklist(['sandbox', 'production'])),
  });
export type MidtransAdapterInput = Input<typeof MidtransAdapterInput>;

/** Settings of the manual bank transfer adapter (`adapters.updateManual`). */
export const ManualAdapterInput = () =>
  optionalInput({
    bankAccounts: v.optional(
      v.array(v.strictObject({ bankName: nonEmptyText(), accountNumber: nonEmptyText(), accountHolder: nonEmptyText() })),
    ),
    /** e.g. a URL from `uploads.image`. */
    staticQrImageUrl: v.optional(absoluteUrl()),
    instructions: v.optional(v.string()),
  });
export type ManualAdapterInput = Input<typeof ManualAdapterInput>;

/** What `adapters.startManagedOnboarding` takes. */
export const ManagedOnboardingStartInput = () => v.strictObject({ email: email() });
export type ManagedOnboardingStartInput = Input<typeof ManagedOnboardingStartInput>;

/** Staging only (404 on plugipay.com). */
export const ManagedOnboardingSimulateInput = () =>
  optionalInput({
    kybStatus: v.optional(v.picklist(['not_started', 'invited', 'registered', 'live', 'rejected'])),
    capabilitiesStatus: v.optional(v.picklist(['pending', 'live', 'declined', 'resubmission_required'])),
    payoutsReady: v.optional(v.boolean()),
  });
export type ManagedOnboardingSimulateInput = Input<typeof ManagedOnboardingSimulateInput>;

export const adapterRoutes = {
  /** Keyed by kind; a kind never connected may be missing or show `status: 'unconfigured'`. */
  list: route('GET', '/api/v1/adapters', { returns: json<Record<AdapterKind, AdapterConfig>>() }),
  /** Connects or reconfigures Xendit as a payment provider. */
  updateXendit: route('PUT', '/api/v1/adapters/xendit', { body: XenditAdapterInput, returns: json<AdapterConfig>() }),
  /** Connects or reconfigures PayPal as a payment provider. */
  updatePaypal: route('PUT', '/api/v1/adapters/paypal', { body: PaypalAdapterInput, returns: json<AdapterConfig>() }),
  /** Connects or reconfigures Midtrans as a payment provider. */
  updateMidtrans: route('PUT', '/api/v1/adapters/midtrans', { body: MidtransAdapterInput, returns: json<AdapterConfig>() }),
  /** Configures manual bank transfer payments (the accounts buyers transfer to). */
  updateManual: route('PUT', '/api/v1/adapters/manual', { body: ManualAdapterInput, returns: json<AdapterConfig>() }),
  /** `null` until onboarding has started. */
  managedOnboardingState: route('GET', '/api/v1/adapters/managed/onboarding', { returns: json<ManagedOnboardingState | null>() }),
  /** Starts managed payment onboarding for the workspace. */
  startManagedOnboarding: route('POST', '/api/v1/adapters/managed/onboarding', {
    body: ManagedOnboardingStartInput,
    returns: json<ManagedOnboardingState>(),
  }),
  /** Moves managed onboarding to another state, in test mode only. */
  simulateManagedOnboarding: route('POST', '/api/v1/adapters/managed/onboarding/_simulate', {
    body: ManagedOnboardingSimulateInput,
    returns: json<ManagedOnboardingState>(),
  }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A payment provider that can be connected to the workspace. */
export type AdapterKind = 'xendit' | 'paypal' | 'midtrans' | 'manual' | 'managed';

/** A payment-provider connection; one per kind. Older servers send `configured` instead of `status`. */
export interface AdapterConfig {
  kind: Open<AdapterKind>;
  status?: Open<'unconfigured' | 'active' | 'error'>;
  secretKeyLast4?: string | null;
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
  subAccountId: Id;
  email: string | null;
  onboardingUrl: string | null;
  kybStatus: Open<'not_started' | 'invited' | 'registered' | 'live' | 'rejected'>;
  capabilitiesStatus: Open<'pending' | 'live' | 'declined' | 'resubmission_required'>;
  payoutsReady: boolean;
  lastWebhookAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
