/** Platform admin routes (ENDPOINTS §2.16): keys with scope `plugipay:platform:admin` only. */
import * as v from 'valibot';
import type { Id, Money, Timestamp, Currency } from './shared-types';
import { json, route } from './route';
import { email, fraction, id, nonEmptyText, timestamp, type Input } from './schemas';

/** What a platform partner sends to provision a workspace (`admin.provisionWorkspace`). */
export const AdminProvisionInput = () =>
  v.strictObject({
    accountId: id(),
    /** An open set, e.g. `storlaunch`. */
    partner: nonEmptyText(),
    /** A fraction, e.g. `0.003`. */
    discountRate: fraction(),
    brandName: v.optional(nonEmptyText()),
    businessEmail: v.optional(email()),
  });
export type AdminProvisionInput = Input<typeof AdminProvisionInput>;

/** The period of `admin.partnerUsage`. */
export const PartnerUsageParams = () => v.strictObject({ partner: nonEmptyText(), from: timestamp(), to: timestamp() });
export type PartnerUsageParams = Input<typeof PartnerUsageParams>;

export const adminRoutes = {
  /** Provisions a workspace for a platform partner (platform admin keys only). */
  provisionWorkspace: route('POST', '/api/v1/admin/workspaces', { body: AdminProvisionInput, returns: json<PartnerWorkspace>() }),
  /** Retrieves a partner workspace by its account id (platform admin keys only). */
  getWorkspace: route('GET', '/api/v1/admin/workspaces/{accountId}', { returns: json<PartnerWorkspace>() }),
  /** A platform partner's usage across its workspaces for a period (platform admin keys only). */
  partnerUsage: route('GET', '/api/v1/admin/partner/usage', { query: PartnerUsageParams, returns: json<PartnerUsageSummary>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A workspace provisioned by a platform partner (`admin.provisionWorkspace`). */
export interface PartnerWorkspace {
  accountId: Id;
  partner: string;
  /** A fraction, e.g. `0.003`. */
  discountRate: number;
  brandName: string | null;
  businessEmail: string | null;
  createdAt: Timestamp;
}

/** A platform partner's usage across its workspaces (`admin.partnerUsage`). */
export interface PartnerUsageSummary {
  partner: string;
  from: Timestamp;
  to: Timestamp;
  currency: Currency;
  total: Money;
  lines: {
    accountId: Id;
    brandName: string | null;
    transactionCount: number;
    grossVolume: Money;
    discountRate: number;
    fee: Money;
  }[];
}
