/**
 * Client-side input validation: a valibot schema's issues become one `PlugipayError`
 * (`invalid_request`, status 0) naming the first problem and listing all of them, thrown before
 * any request is made.
 */
import * as v from 'valibot';
import { PlugipayError, type FieldError } from './errors';

type Issue = v.BaseIssue<unknown>;

/** `lineItems[0].quantity`; the input itself is `input`. */
function fieldPath(issue: Issue): string {
  let out = '';
  for (const item of issue.path ?? []) {
    out += typeof item.key === 'number' ? `[${item.key}]` : out ? `.${String(item.key)}` : String(item.key);
  }
  return out || 'input';
}

const ARTICLE = /^[aeiou]/;

/** Messages for issues whose action or schema did not name its own problem. */
function defaultMessage(issue: Issue): string {
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') {
      return 'is not a known field: check its spelling, or send it with client.request()';
    }
    if (issue.received === 'undefined') return 'is required';
    return 'must be an object';
  }
  if (issue.type === 'picklist' || issue.type === 'literal') {
    return `must be one of ${String(issue.expected)
      .replace(/^\((.*)\)$/, '$1')
      .split(' | ')
      .join(', ')}`;
  }
  const expected = String(issue.expected ?? issue.type);
  return `must be ${ARTICLE.test(expected) ? 'an' : 'a'} ${expected}`;
}

const CONFIG = { message: defaultMessage, abortEarly: false } as const;

/** The schema's output for a valid input; a `PlugipayError` listing every problem otherwise. */
export function validateInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, CONFIG);
  if (result.success) return result.output;
  const fieldErrors: FieldError[] = result.issues.map((issue) => ({
    field: fieldPath(issue),
    message: issue.message,
  }));
  const first = fieldErrors[0]!;
  return invalidRequest(`${first.field}: ${first.message}`, fieldErrors);
}

export function invalidRequest(message: string, fieldErrors?: FieldError[]): never {
  throw new PlugipayError({ status: 0, code: 'invalid_request', message, fieldErrors });
}

/**
 * Runs `read` (validation of what the caller passed) so that nothing but a `PlugipayError`
 * comes out: a getter or a proxy trap that throws while the input is read becomes
 * `invalid_request`, and its own error (which may quote the value) stays out of the message.
 */
export function readingInput<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PlugipayError) throw error;
    return invalidRequest('input: could not be read (a getter or proxy threw while it was validated)', [
      { field: 'input', message: 'could not be read' },
    ]);
  }
}
