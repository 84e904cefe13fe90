/**
 * Redirect refusal. Every request is sent with `redirect: 'manual'`, so a 3xx comes back as it
 * is (a browser hands back an opaque redirect with status 0 instead). Following one would send
 * the body, the Idempotency-Key and the on-behalf-of header to wherever it points; a payment
 * API never redirects, so a redirect is a misconfigured base URL, a proxy, or an attack.
 */
import { unexpectedRedirectError, type PlugipayError, type PlugipayErrorInit } from './errors';

/** What every request is sent with: fetch hands a 3xx back instead of following it. */
export const REDIRECT_MODE: RequestRedirect = 'manual';

/** Only the origin of the Location is named: its path or query may carry a token. */
function locationOrigin(location: string | null, requestUrl: URL): string {
  if (!location) return 'no Location';
  try {
    return new URL(location, requestUrl).origin;
  } catch {
    return 'an unreadable Location';
  }
}

/**
 * The `unexpected_redirect` error a redirect response stands for (its body released), or
 * `undefined` when the response is not a redirect.
 */
export function redirectRefusal(
  response: Response,
  requestUrl: URL,
  extra: Omit<PlugipayErrorInit, 'code' | 'message' | 'status'> = {},
): PlugipayError | undefined {
  const opaque = response.type === 'opaqueredirect';
  if (!opaque && (response.status < 300 || response.status > 399)) return undefined;
  response.body?.cancel().catch(() => undefined);
  // An opaque redirect hides its status and headers from the page.
  const target = opaque ? 'a location the browser does not reveal' : locationOrigin(response.headers.get('location'), requestUrl);
  return unexpectedRedirectError(target, {
    ...extra,
    status: opaque ? 0 : response.status,
    headers: opaque ? undefined : response.headers,
  });
}

/**
 * Where a route that answers with a signed download link (`invoices.pdf`) points,
 * when it may be fetched: one hop, to an https URL (or the API's own origin, as the emulator
 * serves it), fetched with no credentials at all. `undefined` leaves the answer to `redirectRefusal`.
 */
export function signedRedirectTarget(response: Response, requestUrl: URL): URL | undefined {
  if (![301, 302, 303, 307, 308].includes(response.status)) return undefined;
  let target: URL;
  try {
    target = new URL(response.headers.get('location') ?? '', requestUrl);
  } catch {
    return undefined;
  }
  if (target.protocol !== 'https:' && target.origin !== requestUrl.origin) return undefined;
  response.body?.cancel().catch(() => undefined);
  return target;
}
