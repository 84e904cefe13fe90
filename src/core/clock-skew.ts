/**
 * A `401 invalid_timestamp` / `timestamp_skew` means the local clock is more than 300 s away from
 * the server's. The response's `Date` header tells by how much, so the error can say it.
 */
import { PlugipayError, type PlugipayErrorInit } from './errors';

const SKEW_CODES = /^(invalid_timestamp|timestamp_skew)$/i;

/** The same error with the measured skew in its message and `details.clockSkewSeconds`. */
export function explainClockSkew(error: PlugipayError, signedAtMs: number): PlugipayError {
  const serverDate = SKEW_CODES.test(error.code) ? Date.parse(error.headers?.get('date') ?? '') : NaN;
  if (Number.isNaN(serverDate)) return error;
  const skew = Math.round((signedAtMs - serverDate) / 1000);
  const direction = skew >= 0 ? 'ahead of' : 'behind';
  return new PlugipayError({
    // Every field the error has (status, code, requestId, field, docUrl, idempotencyKey);
    // `headers` is not enumerable, so it is named.
    ...(error as PlugipayErrorInit),
    message: `${error.message} (the local clock is ${Math.abs(skew)} s ${direction} Plugipay's, which allows 300 s: sync it, e.g. with NTP, or pass a corrected \`now\`)`,
    details: { ...error.details, clockSkewSeconds: skew },
    headers: error.headers,
  });
}
