/**
 * Receipt, invoice and checkout templates (ENDPOINTS §2.16). `config` is replaced whole on
 * update; its keys differ by kind, so only the documented formats are checked.
 */
import * as v from 'valibot';
import type { Id, Timestamp, Open } from './shared-types';
import { json, none, route, text } from './route';
import { fraction, hexColor, nonEmptyText, type Input } from './schemas';

/** Kinds of template. */
export const TEMPLATE_KINDS = ['checkout', 'receipt', 'invoice'] as const;
const kind = () => v.picklist(TEMPLATE_KINDS);

/** Any keys; `accentColor` is always `#RRGGBB` and `taxRate` a fraction. */
const config = () => v.looseObject({ accentColor: v.optional(hexColor()), taxRate: v.optional(fraction()) });

/** Filters of `templates.list`. */
export const TemplateListParams = () => v.optional(v.strictObject({ kind: v.optional(kind()) }));
export type TemplateListParams = Input<typeof TemplateListParams>;

/** What `templates.create` takes. */
export const TemplateCreateInput = () =>
  v.strictObject({
    kind: kind(),
    name: nonEmptyText(),
    isDefault: v.optional(v.boolean()),
    config: config(),
  });
export type TemplateCreateInput = Input<typeof TemplateCreateInput>;

/** What `templates.update` changes. */
export const TemplateUpdateInput = () => v.strictObject({ name: v.optional(nonEmptyText()), config: v.optional(config()) });
export type TemplateUpdateInput = Input<typeof TemplateUpdateInput>;

/** What `templates.preview` renders. */
export const TemplatePreviewInput = () => v.strictObject({ kind: kind(), config: config() });
export type TemplatePreviewInput = Input<typeof TemplatePreviewInput>;

export const templateRoutes = {
  /** Not paginated. */
  list: route('GET', '/api/v1/templates', { query: TemplateListParams, returns: json<Template[]>() }),
  /** Retrieves a template by id. */
  get: route('GET', '/api/v1/templates/{id}', { returns: json<Template>() }),
  /** Creates a template for checkout pages, receipts or invoices. */
  create: route('POST', '/api/v1/templates', { body: TemplateCreateInput, returns: json<Template>() }),
  /** Updates a template; `config` is replaced whole. */
  update: route('PATCH', '/api/v1/templates/{id}', { body: TemplateUpdateInput, returns: json<Template>() }),
  /** Makes a template the default of its kind. */
  makeDefault: route('POST', '/api/v1/templates/{id}/make-default', { emptyBody: true, returns: json<Template>() }),
  /** The copy is named `"<name> (copy)"`; rename it with `update`. */
  duplicate: route('POST', '/api/v1/templates/{id}/duplicate', { emptyBody: true, returns: json<Template>() }),
  /** The rendered HTML. */
  preview: route('POST', '/api/v1/templates/preview', { body: TemplatePreviewInput, returns: text() }),
  /** Deletes a template. */
  delete: route('DELETE', '/api/v1/templates/{id}', { returns: none() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** Which document a template renders: checkout page, receipt or invoice. */
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** A template for a checkout page, receipt or invoice (`templates.*`). */
export interface Template {
  id: Id;
  accountId: Id;
  kind: Open<TemplateKind>;
  name: string;
  isDefault: boolean;
  config: Record<string, unknown>;
  /** Older servers' name for `config`. */
  document?: Record<string, unknown>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
