/** Onboarding: sets a workspace up for managed payouts (Plugipay holds the provider account for you). */
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Id } from './shared-types';
import { json, route, type RouteTable } from './route';

/** `client.onboarding`: getting a workspace ready to take money. */
export interface OnboardingResource {
  /**
   * Provisions the managed sub-account that collects and pays out for this workspace. Safe to
   * call again: the server answers with the same sub-account every time, so there is nothing
   * to check first.
   *
   * @example
   * ```ts
   * const { subAccountId } = await client.onboarding.provisionManaged();
   * ```
   */
  provisionManaged(options?: RequestOptions): APIPromise<ManagedProvisioning>;
}

/** @internal */
export const onboardingRoutes: RouteTable<OnboardingResource> = {
  // A bodiless action: the literal `{}`, as for the other actions without input.
  provisionManaged: route('POST', '/api/v1/onboarding/provision-managed', { emptyBody: true, returns: json<ManagedProvisioning>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** What `onboarding.provisionManaged` answers. */
export interface ManagedProvisioning {
  /** The managed sub-account of this workspace; the same one on every call. */
  subAccountId: Id;
}
