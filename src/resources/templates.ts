/**
 * Receipt, invoice and checkout templates. `config` is replaced whole on update; its keys differ
 * by kind, so only the documented formats are checked.
 */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp, Open } from './shared-types';
import { json, none, route, text, type RouteTable } from './route';
import { accepts, fraction, hexColor, nonEmptyText } from './schemas';

/** Kinds of template. */
export const TEMPLATE_KINDS = ['checkout', 'receipt', 'invoice'] as const;

/**
 * How a template looks. Any keys are sent as given; the ones each kind reads are, for a
 * **receipt**: `thankYouText`, `footerText`, `showTax`, `taxLabel`, `taxRate`, `cashierLabel`,
 * `showBusinessDetails`, `accentColor`; an **invoice**: `termsText`, `footerText`, `showTax`,
 * `taxLabel`, `taxRate`, `showBusinessDetails`, `accentColor`; a **checkout** page:
 * `accentColor`, `successMessage`, `footerTagline`, `showBusinessDetails`.
 */
export interface TemplateConfig {
  /** The accent colour, as `#RRGGBB`. */
  accentColor?: string;
  /** The tax rate shown, a fraction from 0 to 1 (e.g. `0.11` for 11 %). */
  taxRate?: number;
  /** Any other key the kind reads (see above), sent as given. */
  [key: string]: unknown;
}

/** Filters of `templates.list`. */
export interface TemplateListParams {
  /** Only templates of this kind: `checkout`, `receipt` or `invoice`. */
  kind?: TemplateKind;
}

/** What `templates.create` takes. */
export interface TemplateCreateInput {
  /** What the template renders: `checkout` (the hosted page), `receipt` or `invoice`. */
  kind: TemplateKind;
  /** Your name for the template, non-empty. */
  name: string;
  /** Make it the default of its kind at once (as `makeDefault` does). */
  isDefault?: boolean;
  /** How it looks: the keys its kind reads. */
  config: TemplateConfig;
}

/** What `templates.update` changes; fields left out are unchanged. */
export interface TemplateUpdateInput {
  /** A new name, non-empty. */
  name?: string;
  /** The new config, which replaces the whole config (keys left out are gone). */
  config?: TemplateConfig;
}

/** What `templates.preview` renders: a config that need not be saved. */
export interface TemplatePreviewInput {
  /** What to render: `checkout`, `receipt` or `invoice`. */
  kind: TemplateKind;
  /** The config to render with. */
  config: TemplateConfig;
}

/** `client.templates`: how checkout pages, receipts and invoices look. */
export interface TemplatesResource {
  /** Lists templates, of one kind or all (one array, not paginated). */
  list(params?: TemplateListParams, options?: RequestOptions): APIPromise<Template[]>;
  /** Retrieves a template by id. */
  get(id: string, options?: RequestOptions): APIPromise<Template>;
  /**
   * Creates a template for checkout pages, receipts or invoices.
   *
   * @example
   * ```ts
   * const template = await client.templates.create({ kind: 'receipt', name: 'Store', config: { accentColor: '#0F766E', thankYouText: 'Terima kasih!' } });
   * ```
   */
  create(input: TemplateCreateInput, options?: RequestOptions): APIPromise<Template>;
  /** Updates a template; a new `config` replaces the whole config. */
  update(id: string, input: TemplateUpdateInput, options?: RequestOptions): APIPromise<Template>;
  /** Makes a template the default of its kind. */
  makeDefault(id: string, options?: RequestOptions): APIPromise<Template>;
  /** Copies a template; the copy is named `"<name> (copy)"` (rename it with `update`). */
  duplicate(id: string, options?: RequestOptions): APIPromise<Template>;
  /**
   * Renders a config as HTML without saving it: the page or document as it would look.
   *
   * @example
   * ```ts
   * const html = await client.templates.preview({ kind: 'invoice', config: { accentColor: '#1D4ED8', termsText: 'Net 14' } });
   * ```
   */
  preview(input: TemplatePreviewInput, options?: RequestOptions): APIPromise<string>;
  /** Deletes a template. */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
}

const kind = () => v.picklist(TEMPLATE_KINDS);

/** Any keys; `accentColor` is always `#RRGGBB` and `taxRate` a fraction. */
const config = () => v.looseObject({ accentColor: v.optional(hexColor()), taxRate: v.optional(fraction()) });

const listInput = accepts<TemplateListParams | undefined>()(() => v.optional(v.strictObject({ kind: v.optional(kind()) })));
const createInput = accepts<TemplateCreateInput>()(() =>
  v.strictObject({
    kind: kind(),
    name: nonEmptyText(),
    isDefault: v.optional(v.boolean()),
    config: config(),
  }),
);
const updateInput = accepts<TemplateUpdateInput>()(() =>
  v.strictObject({ name: v.optional(nonEmptyText()), config: v.optional(config()) }),
);
const previewInput = accepts<TemplatePreviewInput>()(() => v.strictObject({ kind: kind(), config: config() }));

/** @internal */
export const templateRoutes: RouteTable<TemplatesResource> = {
  list: route('GET', '/api/v1/templates', { query: listInput, returns: json<Template[]>() }),
  get: route('GET', '/api/v1/templates/{id}', { returns: json<Template>() }),
  create: route('POST', '/api/v1/templates', { body: createInput, returns: json<Template>() }),
  update: route('PATCH', '/api/v1/templates/{id}', { body: updateInput, returns: json<Template>() }),
  makeDefault: route('POST', '/api/v1/templates/{id}/make-default', { emptyBody: true, returns: json<Template>() }),
  duplicate: route('POST', '/api/v1/templates/{id}/duplicate', { emptyBody: true, returns: json<Template>() }),
  preview: route('POST', '/api/v1/templates/preview', { body: previewInput, returns: text() }),
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
