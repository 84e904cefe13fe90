/**
 * valibot building blocks shared by every resource's input schemas, each with a message that
 * says what a valid value looks like. Inputs are strict objects: an unknown (misspelt) field is
 * reported, never silently dropped.
 */
import * as v from 'valibot';

/** An opaque id: any non-empty string (prefixes disagree between sources; never parse them). */
export const id = () => v.pipe(v.string(), v.minLength(1, 'must be a non-empty id'));

/** A string of `min`–`max` characters. */
export const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.minLength(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );

export const email = () =>
  v.pipe(
    v.string(),
    v.maxLength(320, 'must be at most 320 characters'),
    v.email('must be a valid email address'),
  );

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

export const currency = () =>
  v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in upper case, e.g. "IDR"'));

/** Up to 50 string pairs. */
export const metadata = () =>
  v.pipe(
    v.record(v.string(), v.string('metadata values must be strings')),
    v.maxEntries(50, 'must have at most 50 keys'),
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

/** An absolute http(s) URL. */
export const absoluteUrl = () =>
  v.pipe(
    v.string(),
    v.check((value) => {
      try {
        return /^https?:$/.test(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL, e.g. "https://shop.example/thanks"'),
  );

/** The paging fields of every list route; `order` only where the route declares it. */
export const paging = {
  limit: v.optional(integer(1, 100)),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1, 'must be a non-empty cursor'))),
};
export const ordering = { order: v.optional(v.picklist(['asc', 'desc'])) };
