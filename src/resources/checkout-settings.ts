/** Checkout settings (ENDPOINTS §2.16): methods, branding and business details of the hosted page. */
import * as v from 'valibot';
import { json, route } from './route';
import { absoluteUrl, clearable, email, hexColor, jsonObject, nonEmptyText, type Input } from './schemas';

const methodIds = () => v.optional(v.array(nonEmptyText()));
const detail = () => clearable(v.string());

/** A partial update of the editable fields; `null` clears a text field. */
export const CheckoutSettingsUpdateInput = () =>
  v.strictObject({
    enabledMethods: methodIds(),
    methodOrder: methodIds(),
    /** Which adapter serves each method. */
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
  });
export type CheckoutSettingsUpdateInput = Input<typeof CheckoutSettingsUpdateInput>;

export const checkoutSettingsRoutes = {
  /** The workspace's hosted checkout settings: methods, branding, business details. */
  get: route('GET', '/api/v1/checkout/settings', { returns: json<CheckoutSettings>() }),
  /** Updates the hosted checkout settings; fields left out are unchanged. */
  update: route('PATCH', '/api/v1/checkout/settings', { body: CheckoutSettingsUpdateInput, returns: json<CheckoutSettings>() }),
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
