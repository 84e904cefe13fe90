/**
 * Request URLs of WIRE 1. The URL is built once here; the transport signs
 * `pathname + search` of exactly this object and sends exactly its `href`, so nothing can
 * re-encode or reorder the query between signing and sending.
 */

export type QueryValue = string | number | boolean | Date | null | undefined;
/** Query parameters: each value is sent as text in the given key order; an array repeats its key; `null` and `undefined` are left out. */
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

/** Where the API lives unless `baseUrl` says otherwise. */
export const DEFAULT_BASE_URL = 'https://plugipay.com';

/** What `URL` silently trims, drops or rewrites (`\` becomes `/` in http(s) URLs). */
// eslint-disable-next-line no-control-regex -- control characters are what is refused here
const UNPARSED = /[\x00-\x20\x7f\\]/;

const BASE_URL_SHAPE = 'must be an absolute http(s) URL without query or fragment, e.g. "https://plugipay.com"';

/**
 * Why `value` cannot be a base URL, or `undefined` when it can: an absolute http(s) URL with no
 * query, no fragment and no credentials (paths are appended to it as text). A username or
 * password in it would be sent to every proxy and log on the way; the message never repeats it.
 */
export function baseUrlProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && value === lastGoodBaseUrl) return undefined;
  if (typeof value !== 'string' || /[?#]/.test(value)) return BASE_URL_SHAPE;
  // `URL` trims surrounding spaces and drops tabs and newlines, so the value would pass here and
  // then fail every call once a path is appended to it (a space before the path).
  if (UNPARSED.test(value)) {
    return 'must not hold spaces, tabs, newlines or "\\": trim it';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return BASE_URL_SHAPE;
  }
  if (!/^https?:$/.test(url.protocol)) return BASE_URL_SHAPE;
  if (url.username || url.password) {
    return 'must not hold a username or password (https://user:…@host): authenticate with keyId and secret, or apiKey';
  }
  lastGoodBaseUrl = value;
  return undefined;
}

// The last base URL found good. A Worker builds a client per request, always with the same
// baseUrl: this spares that client a URL parse (about a sixth of its construction).
let lastGoodBaseUrl: string | undefined;

/** True for a valid base URL (see `baseUrlProblem`). */
export function isBaseUrl(value: unknown): boolean {
  return baseUrlProblem(value) === undefined;
}

/** `https://plugipay.com/` → `https://plugipay.com`: paths are appended to it as they are. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** A route path split once around its one `{name}` placeholder (see `pathTemplate`). */
export interface PathTemplate {
  /** The placeholder's name (`id`, `code`, `accountId`), or `undefined` for a path without one. */
  readonly param: string | undefined;
  /** The path with `value` percent-encoded in the placeholder (`cus 1/x` → `cus%201%2Fx`). */
  fill(value: string): string;
}

/** Splits a route path once, so that filling its placeholder on every call is one concatenation. */
export function pathTemplate(template: string): PathTemplate {
  const placeholder = /\{(\w+)\}/.exec(template);
  if (!placeholder) return { param: undefined, fill: () => template };
  const before = template.slice(0, placeholder.index);
  const after = template.slice(placeholder.index + placeholder[0].length);
  return { param: placeholder[1], fill: (value) => before + encodeURIComponent(value) + after };
}

function queryString(value: Exclude<QueryValue, null | undefined>): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * `baseUrl + path` with the query appended in insertion order: `undefined`/`null` dropped,
 * booleans as `true`/`false`, numbers in decimal, dates as ISO-8601, arrays as repeated keys.
 */
export function buildUrl(baseUrl: string, path: string, query?: Query): URL {
  const url = new URL(baseUrl + path);
  if (query) {
    for (const [key, raw] of Object.entries(query)) {
      const values = Array.isArray(raw) ? raw : [raw];
      for (const value of values as QueryValue[]) {
        if (value != null) url.searchParams.append(key, queryString(value));
      }
    }
  }
  return url;
}
