/**
 * Refusals by the host rather than the network: Deno without `--allow-net` for the API's host
 * throws `NotCapable` (Deno 2; `PermissionDenied` before it). That is a configuration to change,
 * not a transient failure, so it becomes `permission_denied`, never a retried `network_error`.
 *
 * workerd's equivalent (a network service whose allow list refuses the host: "connect()
 * blocked by restrictPeers()" in workerd's log) reaches JavaScript as a bare `Error: internal
 * error; reference = …`, the same error as any other internal failure (checked with miniflare
 * 4.20260426 and `outboundService: { network: { allow: ['public'] } }`), so nothing tells it
 * apart and it is left a `network_error`.
 */
import { permissionDeniedError, type PlugipayError, type PlugipayErrorInit } from './errors';

const DENO_REFUSALS = /^(NotCapable|PermissionDenied)$/;

/** The `permission_denied` error a fetch failure stands for, or `undefined` when it is another failure. */
export function hostRefusal(
  error: unknown,
  url: URL | undefined,
  extra: Omit<PlugipayErrorInit, 'code' | 'message'> = {},
): PlugipayError | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !DENO_REFUSALS.test(name)) return undefined;
  const host = url?.host ?? '<api host>';
  return permissionDeniedError(
    `Deno refused network access to ${host}: run with --allow-net=${host} (or add it to your --allow-net list)`,
    { ...extra, cause: error },
  );
}
