/** Platform admin routes: for keys with the scope `plugipay:platform:admin` only. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Money, Timestamp, Currency } from './shared-types';
import { json, route, type RouteTable } from './route';
import { accepts, email, fraction, id, nonEmptyText, timestamp } from './schemas';

/** What a platform partner sends to provision a workspace (`admin.provisionWorkspace`). */
export interface AdminProvisionInput {
  /** The account id of the workspace to provision. */
  accountId: string;
  /** The partner the workspace belongs to, non-empty: an open set, e.g. `storlaunch`. */
  partner: string;
  /** The partner's discount on fees, a fraction from 0 to 1 (e.g. `0.003`). */
  discountRate: number;
  /** The brand shown to buyers, non-empty. */
  brandName?: string;
  /** The business's contact address; at most 320 characters. */
  businessEmail?: string;
}

/** The partner and period of `admin.partnerUsage`. */
export interface PartnerUsageParams {
  /** The partner whose workspaces are summed, non-empty, e.g. `storlaunch`. */
  partner: string;
  /** Start of the period: an ISO-8601 string or a `Date` (sent as its ISO string). */
  from: string | Date;
  /** End of the period: an ISO-8601 string or a `Date` (sent as its ISO string). */
  to: string | Date;
}

/** `client.admin`: workspaces of platform partners, and their usage (platform admin keys only). */
export interface AdminResource {
  /**
   * Provisions a workspace for a platform partner.
   *
   * @example
   * ```ts
   * const workspace = await client.admin.provisionWorkspace({ accountId: 'acc_1', partner: 'storlaunch', discountRate: 0.003 });
   * ```
   */
  provisionWorkspace(input: AdminProvisionInput, options?: RequestOptions): APIPromise<PartnerWorkspace>;
  /** Retrieves a partner workspace by its account id. */
  getWorkspace(accountId: string, options?: RequestOptions): APIPromise<PartnerWorkspace>;
  /** A platform partner's usage across its workspaces for a period: volume and fees per workspace. */
  partnerUsage(params: PartnerUsageParams, options?: RequestOptions): APIPromise<PartnerUsageSummary>;
}

const provisionInput = accepts<AdminProvisionInput>()(() =>
  v.strictObject({
    accountId: id(),
    partner: nonEmptyText(),
    discountRate: fraction(),
    brandName: v.optional(nonEmptyText()),
    businessEmail: v.optional(email()),
  }),
);
const usageInput = accepts<PartnerUsageParams>()(() => v.strictObject({ partner: nonEmptyText(), from: timestamp(), to: timestamp() }));

/** @internal */
export const adminRoutes: RouteTable<AdminResource> = {
  provisionWorkspace: route('POST', '/api/v1/admin/workspaces', { body: provisionInput, returns: json<PartnerWorkspace>() }),
  getWorkspace: route('GET', '/api/v1/admin/workspaces/{accountId}', { returns: json<PartnerWorkspace>() }),
  partnerUsage: route('GET', '/api/v1/admin/partner/usage', { query: usageInput, returns: json<PartnerUsageSummary>() }),
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
