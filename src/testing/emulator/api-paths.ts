/**
 * What the emulator answers for a Plugipay API path it has no handler for. Every signed
 * `/api/v1/*` request without a route answers `501 not_emulated` (after the signature check),
 * never a fake success and never a 404 or 405: the emulator cannot know which routes or methods
 * the server has, only which ones it emulates, so a test that strays there fails loudly and
 * truthfully. No list of namespaces to keep in step with the SDK: a new namespace is emulated
 * by adding its route module, and is `not_emulated` until then.
 */
import { apiFailure, type ApiFailure } from './api-failure';

const API_PREFIX = '/api/v1';

/** `/api/v1` and everything under it (the router ignores trailing slashes, so does this). */
export function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
}

/**
 * Routes the server answers without credentials (the buyer routes and `GET /config`):
 * a property of the API's layout, not of any one namespace.
 */
export function isPublicApiPath(pathname: string): boolean {
  return pathname === `${API_PREFIX}/config` || pathname.startsWith(`${API_PREFIX}/public/`);
}

/** The 501 for an API request the emulator has no handler for; `emulated` lists the methods it has on that path. */
export function notEmulated(method: string, pathname: string, emulated: readonly string[]): ApiFailure {
  const also = emulated.length > 0 ? ` (on this path it emulates ${emulated.join(', ')})` : '';
  return apiFailure(501, 'not_emulated', `${method} ${pathname} is not emulated: the emulator has no handler for it${also}`, {
    details: { method, path: pathname, emulatedMethods: [...emulated] },
  });
}
