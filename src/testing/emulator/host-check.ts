/**
 * DNS rebinding: a page on `evil.example` whose name is made to resolve to 127.0.0.1 reaches a
 * local emulator as the same origin as itself, and could read the dashboard (customer data, the
 * key id) and use the unauthenticated actions. Its requests carry `Host: evil.example`, so a
 * server in front of the emulator answers only the names it is known by, and refuses the rest
 * with the envelope below (the server's answer, so it lives with the emulator's other answers).
 */
import { newRequestId } from './ids';

/** Whether `host` (the header, as received) is one of `allowed`: lowercase `name:port` values and bare names. */
export function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return allowed.has(value) || allowed.has(value.replace(/:\d+$/, ''));
}

/** The 421 for a refused Host: JSON, so a client reads it as an error with a code and a fix. */
export function hostRefusal(host: string | undefined, origin: string): { status: number; body: string; requestId: string } {
  const requestId = newRequestId();
  const shown = host === undefined ? '(none)' : JSON.stringify(host.slice(0, 100));
  const body = JSON.stringify({
    data: null,
    error: {
      code: 'host_not_allowed',
      message: `Host ${shown} is not this emulator's address: call it as ${origin} (a page reaching it under another name is refused, against DNS rebinding), or list the name in allowedHosts`,
    },
    meta: { requestId, timestamp: new Date().toISOString() },
  });
  return { status: 421, body, requestId };
}
