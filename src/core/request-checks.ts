/**
 * What a call's query and body must be before they are sent (WIRE 1): nothing the encoder
 * would silently coerce or drop. Routes run these on what their schemas produced, and
 * `client.request()` on what it was given, so the typed surface and the escape hatch share one rule.
 */
import type { FieldError } from './errors';
import { describeValue, isPlainObject, jsonProblems } from './json-exact';
import { isWellFormed, LONE_SURROGATE_PROBLEM } from './unicode';
import { invalidRequest } from './validation';

const QUERY_VALUE = 'must be a string, finite number, boolean or valid Date, or an array of them';

function queryValueProblem(value: unknown): string | undefined {
  // `null` and `undefined` are dropped, as WIRE 1 says.
  if (value == null || typeof value === 'boolean') return;
  if (typeof value === 'string') return isWellFormed(value) ? undefined : LONE_SURROGATE_PROBLEM;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `is ${value}: ${QUERY_VALUE}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'is an invalid Date' : undefined;
  return `is ${describeValue(value)}: ${QUERY_VALUE}`;
}

/** Every query value that cannot be sent as it is, named `root.key` (or `key[1]` inside an array). */
export function queryProblems(query: unknown, root = ''): FieldError[] {
  if (query === undefined) return [];
  if (!isPlainObject(query)) return [{ field: root || 'input', message: `must be a plain object (got ${describeValue(query)})` }];
  const out: FieldError[] = [];
  for (const key of Object.keys(query)) {
    const field = root ? `${root}.${key}` : key;
    if (!isWellFormed(key)) {
      out.push({ field, message: `is a key that ${LONE_SURROGATE_PROBLEM}` });
      continue;
    }
    const raw = query[key];
    const values: unknown[] = Array.isArray(raw) ? raw : [raw];
    values.forEach((value, i) => {
      const message = Array.isArray(value) ? 'is a nested array: ' + QUERY_VALUE : queryValueProblem(value);
      if (message) out.push({ field: Array.isArray(raw) ? `${field}[${i}]` : field, message });
    });
  }
  return out;
}

/** The body must be a plain object of JSON-exact values, or `FormData` for an upload. */
export function bodyProblems(body: unknown, root = ''): FieldError[] {
  if (body === undefined || (typeof FormData !== 'undefined' && body instanceof FormData)) return [];
  if (!isPlainObject(body)) {
    return [{ field: root || 'input', message: `must be a plain object (got ${describeValue(body)})` }];
  }
  return jsonProblems(body, root);
}

/** Throws `invalid_request` naming every problem of the query and body; returns when both can be sent. */
export function assertSendable(
  call: { query?: unknown; body?: unknown },
  roots: { query: string; body: string } = { query: '', body: '' },
): void {
  const problems = [...queryProblems(call.query, roots.query), ...bodyProblems(call.body, roots.body)];
  const first = problems[0];
  if (first) invalidRequest(`${first.field}: ${first.message}`, problems);
}
