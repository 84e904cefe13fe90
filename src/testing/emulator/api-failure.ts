/**
 * The error answers handlers give. Thrown from deep inside validation and state
 * machines and turned into an envelope by the dispatcher. Deliberately not an `Error` subclass:
 * it is a response to send, not a failure of the SDK (src/core/errors.ts owns those).
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

const FAILURE = Symbol('emulator.api-failure');

export interface ApiFailure {
  readonly [FAILURE]: true;
  status: number;
  error: ApiErrorBody;
  headers?: Record<string, string>;
}

export function isApiFailure(value: unknown): value is ApiFailure {
  return typeof value === 'object' && value !== null && FAILURE in value;
}

export function apiFailure(
  status: number,
  code: string,
  message: string,
  extra: { field?: string; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
): ApiFailure {
  const error: ApiErrorBody = { code, message };
  if (extra.field !== undefined) error.field = extra.field;
  if (extra.details !== undefined) error.details = extra.details;
  const failure: ApiFailure = { [FAILURE]: true, status, error };
  if (extra.headers) failure.headers = extra.headers;
  return failure;
}

export function validationError(field: string, message: string): ApiFailure {
  return apiFailure(400, 'validation_error', `${field}: ${message}`, { field, details: { field, reason: message } });
}

export function notFound(what: string, id: string): ApiFailure {
  return apiFailure(404, 'not_found', `No such ${what}: '${id}'`, { details: { id } });
}

/**
 * An action the object's current state does not allow (the server answers 409). The code is
 * `conflict` where the server's is undocumented; payouts document `invalid_transition`.
 */
export function illegalTransition(what: string, id: string, status: string, action: string, code = 'conflict'): ApiFailure {
  return apiFailure(409, code, `Cannot ${action} ${what} '${id}' in status '${status}'`, {
    details: { id, status, action },
  });
}
