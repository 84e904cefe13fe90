/**
 * valibot building blocks shared by every resource's input schemas, each with a message that
 * says what a valid value looks like. Inputs are strict objects: an unknown (misspelt) field is
 * reported, never silently dropped.
 */
import * as v from 'valibot';
import { isPlainObject } from '../core/json-exact';
import { isWellFormed, LONE_SURROGATE_PROBLEM } from '../core/unicode';
import type { EmailInput, EscposParams } from './shared-types';

/**
 * Every schema here and in the resource files is a factory: a route builds its schema at its
 * first call and keeps it, so importing the SDK (a new isolate's cold start) builds none.
 *
 * @internal
 */
export type SchemaFactory = () => v.GenericSchema;

/**
 * The input type of a schema factory: what a caller may pass.
 *
 * @internal
 */
export type Input<F extends SchemaFactory> = v.InferInput<ReturnType<F>>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The keys of every object in a union (`keyof` of a union would give only the shared ones). */
type KeysOf<T> = T extends object ? keyof T : never;
/** Mutually assignable and with the same keys: an optional field one side lacks is drift too. */
type Exact<A, B> = Same<A, B> extends true ? Same<KeysOf<A>, KeysOf<B>> : false;

/**
 * Ties a schema factory to the declared type it accepts, in both directions: the build fails
 * if the schema and the interface drift apart. `accepts<CustomerCreateInput | undefined>()(() => …)`.
 *
 * @internal
 */
export const accepts =
  <T>() =>
  <F extends SchemaFactory>(
    factory: F & (Exact<T, Input<F>> extends true ? unknown : { readonly schemaDriftedFrom: T; readonly schemaAccepts: Input<F> }),
  ): F =>
    factory;

/**
 * An opaque id: any non-empty string of valid Unicode (prefixes disagree between sources; never
 * parse them). `.` and `..` are refused: encoded as themselves, they would change the path.
 */
export const id = () =>
  v.pipe(
    v.string(),
    v.minLength(1, 'must be a non-empty id'),
    v.check(isWellFormed, LONE_SURROGATE_PROBLEM),
    v.check((value: string) => value !== '.' && value !== '..', 'must not be "." or "..", which would change the request path'),
  );

/** The path placeholder of a route, as an object so that a problem is reported under its name. */
export const pathParams = (name: string) => v.strictObject({ [name]: id() });

/** A non-empty string whose length the API does not document (bank names, secrets, codes). */
export const nonEmptyText = () => v.pipe(v.string(), v.minLength(1, 'must not be empty'));

/** A string of `min`–`max` characters. */
export const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.minLength(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );

export const email = () => v.pipe(v.string(), v.maxLength(320, 'must be at most 320 characters'), v.email('must be a valid email address'));

/** An integer amount in the currency's minor unit (sen, cents), at least `min`. */
export const money = (min: number) =>
  v.pipe(
    v.number(),
    v.safeInteger('must be an integer amount in the currency’s minor unit (e.g. 250000 for IDR 2,500.00)'),
    v.minValue(min, `must be at least ${min}`),
  );

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(
    v.number(),
    v.safeInteger('must be an integer'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

export const currency = () => v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in upper case, e.g. "IDR"'));

/**
 * Up to 50 string pairs, kept as given. Not `v.record`: it skips the keys `__proto__`,
 * `constructor` and `prototype` (to guard the object it builds), so they were silently dropped;
 * JSON allows them, and the object passed is sent as it is, never copied key by key.
 */
export const metadata = () =>
  v.pipe(
    v.custom<Record<string, string>>(isPlainObject, 'must be an object'),
    v.rawCheck(({ dataset: { value }, addIssue }) => {
      const pairs = value as Record<string, unknown>;
      // Only the key names the field (`metadata.plan`); the rest of a path item goes unread.
      for (const key in pairs)
        if (typeof pairs[key] != 'string') addIssue({ message: 'metadata values must be strings', path: [{ key } as never] });
    }),
    v.check((pairs) => Object.keys(pairs).length <= 50, 'must have at most 50 keys'),
  );

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp string or a `Date`; a `Date` goes out as its ISO string. */
export const timestamp = () =>
  v.custom<string | Date>(
    (value) =>
      value instanceof Date
        ? !Number.isNaN(value.getTime())
        : typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value)),
    'must be an ISO-8601 timestamp such as "2026-05-12T10:42:00Z", or a valid Date',
  );

/** An absolute http(s) URL; `https` only when `secure` (where the server refuses plain http). */
export const absoluteUrl = (secure?: true) =>
  v.pipe(
    v.string(),
    v.check(
      (value) => {
        try {
          return (secure ? /^https:$/ : /^https?:$/).test(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be an absolute ${secure ? 'https' : 'http(s)'} URL, e.g. "https://shop.example/thanks"`,
    ),
  );

const FRACTION = 'must be a fraction from 0 to 1';

/** A number from 0 to 1, e.g. a tax or discount rate of `0.11`. */
export const fraction = () => v.pipe(v.number(), v.minValue(0, FRACTION), v.maxValue(1, FRACTION));

/** `#RRGGBB`. */
export const hexColor = () => v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #RRGGBB colour'));

/** An array with at least one item. */
export const nonEmpty = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.minLength(1, 'must have at least one item'));

/** May be left out, or sent as `null` to clear the value. */
export const clearable = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));

/**
 * JSON whose shape the SDK leaves to the server (template configs, event data), passed on as it
 * is: like `metadata`, not `v.record`, which would drop `__proto__`, `constructor` and `prototype`.
 * Its values are checked by the JSON-exact rule every body goes through.
 */
export const jsonObject = () => v.custom<Record<string, unknown>>(isPlainObject, 'must be a plain object');

/**
 * A rule over several fields, reported on `field` so `fieldErrors` names it. It runs once the
 * fields themselves are valid.
 */
export const ruleOn = <T extends Record<string, unknown>>(field: string, rule: (input: T) => boolean, message: string) =>
  v.forward(v.check(rule, message), [field] as never);

/**
 * Gives a schema the input type valibot cannot express (either/or fields: one of two shapes);
 * the schema's `ruleOn` checks the same rule at run time.
 */
export const narrowInput = <I>(schema: v.GenericSchema) => schema as v.GenericSchema<I, unknown>;

/** An input whose every field is optional: `{}` is sent when it is left out. */
export const optionalInput = <E extends v.ObjectEntries>(entries: E) =>
  v.optional(v.strictObject(entries), {} as v.InferInput<v.StrictObjectSchema<E, undefined>>);

/** The paging fields of every list route; `order` only where the route declares it. */
const paging = () => ({
  limit: v.optional(integer(1, 100)),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1, 'must be a non-empty cursor'))),
});
const ordering = () => ({ order: v.optional(v.picklist(['asc', 'desc'])) });

/** The query of a list route: paging, `order`, and the route's filters. */
export const listParams = <E extends v.ObjectEntries>(filters: E) => v.optional(v.strictObject({ ...paging(), ...ordering(), ...filters }));

/** The query of a list route that declares no `order` (receipts, payouts, webhook deliveries). */
export const unorderedListParams = <E extends v.ObjectEntries>(filters: E) => v.optional(v.strictObject({ ...paging(), ...filters }));

// ---------------------------------------------------------------------------------------------
// Inputs shared by several namespaces (receipts of checkout sessions, invoices and receipts)

// (the types are declared in shared-types.ts, which the resource files' interfaces import: a type
// from here would bring this module, and valibot, into the published declarations).

/** The schema of an `EmailInput`. */
export const emailInput = accepts<EmailInput | undefined>()(() => optionalInput({ to: v.optional(email()) }));

/** The schema of `EscposParams`. */
export const escposParams = accepts<EscposParams | undefined>()(() => v.optional(v.strictObject({ width: v.optional(integer(1)) })));
