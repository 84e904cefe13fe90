/** Checkout settings: the methods, branding and business details of the workspace's hosted checkout page. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import { json, route, type RouteTable } from './route';
import { absoluteUrl, accepts, clearable, email, hexColor, jsonObject, nonEmptyText } from './schemas';

/** What `checkoutSettings.update` changes: a partial update of the editable fields; fields left out are unchanged, `null` clears a text field. */
export interface CheckoutSettingsUpdateInput {
  /** The payment method ids the hosted page offers (e.g. `qris`, `va`); each non-empty. */
  enabledMethods?: string[];
  /** The order the hosted page lists the methods in, by method id. */
  methodOrder?: string[];
  /** Which adapter (payment provider) serves each method, by method id, e.g. `{ card: 'midtrans' }`. */
  methodAdapter?: Record<string, string>;
  /** The business name shown on the page. */
  brandName?: string | null;
  /** The logo shown on the page: an absolute http(s) URL (e.g. from `uploads.image`). */
  brandLogoUrl?: string | null;
  /** The accent colour of the page, `#RRGGBB`. */
  brandAccentColor?: string | null;
  /** A short tagline shown with the brand. */
  brandTagline?: string | null;
  /** The business's phone number. */
  businessPhone?: string | null;
  /** The business's email address; at most 320 characters. */
  businessEmail?: string | null;
  /** The business's postal address. */
  businessAddress?: string | null;
  /** The business's NPWP / VAT number. */
  businessTaxId?: string | null;
  /** The receipt template's settings, as JSON (the SDK leaves their shape to the server). */
  receiptTemplate?: Record<string, unknown>;
}

/** `client.checkoutSettings`: how the workspace's hosted checkout page looks and what it offers. */
export interface CheckoutSettingsResource {
  /** The workspace's hosted checkout settings: methods, branding, business details. */
  get(options?: RequestOptions): APIPromise<CheckoutSettings>;
  /**
   * Updates the hosted checkout settings; fields left out are unchanged, `null` clears a text field.
   *
   * @example
   * ```ts
   * await client.checkoutSettings.update({ brandName: 'Toko Budi', brandAccentColor: '#0a7cff', enabledMethods: ['qris', 'va'] });
   * ```
   */
  update(input: CheckoutSettingsUpdateInput, options?: RequestOptions): APIPromise<CheckoutSettings>;
}

const methodIds = () => v.optional(v.array(nonEmptyText()));
const detail = () => clearable(v.string());

const updateInput = accepts<CheckoutSettingsUpdateInput>()(() =>
  v.strictObject({
    enabledMethods: methodIds(),
    methodOrder: methodIds(),
    methodAdapter: v.optional(v.record(v.string(), v.string())),
    brandName: detail(),
    brandLogoUrl: clearable(absoluteUrl()),
    brandAccentColor: clearable(hexColor()),
    brandTagline: detail(),
    businessPhone: detail(),
    businessEmail: clearable(email()),
    businessAddress: detail(),
    businessTaxId: detail(),
    receiptTemplate: v.optional(jsonObject()),
  }),
);

/** @internal */
export const checkoutSettingsRoutes: RouteTable<CheckoutSettingsResource> = {
  get: route('GET', '/api/v1/checkout/settings', { returns: json<CheckoutSettings>() }),
  update: route('PATCH', '/api/v1/checkout/settings', { body: updateInput, returns: json<CheckoutSettings>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** The workspace's hosted checkout settings: branding and enabled methods (`checkoutSettings.*`). */
export interface CheckoutSettings {
  enabledMethods: string[];
  methodOrder: string[];
  /** Which adapter serves each method. */
  methodAdapter: Record<string, string>;
  brandName: string | null;
  brandLogoUrl: string | null;
  brandAccentColor: string | null;
  brandTagline: string | null;
  businessPhone: string | null;
  businessEmail: string | null;
  businessAddress: string | null;
  businessTaxId: string | null;
  receiptTemplate: Record<string, unknown>;
  /** Computed by the server; not editable. */
  availableMethods?: string[];
  /** Computed by the server; not editable. */
  methodSupport?: Record<string, unknown>;
}
