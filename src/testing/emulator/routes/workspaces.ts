/**
 * The workspaces a caller can see: a key sees exactly its own (the one `X-Plugipay-On-Behalf-Of`
 * names, or the default), as a bare list of one. Creating, renaming and deleting workspaces are
 * person-only on the server; the emulator has no persons, so it has no such routes.
 */
import { ok, type RouteContext } from '../context';
import type { Route } from '../router';

/** The name every emulated workspace shows, as on its checkout sessions. */
export const WORKSPACE_NAME = 'Plugipay Emulator';

function list(ctx: RouteContext) {
  return ok([{ id: ctx.account.accountId, name: WORKSPACE_NAME, mode: 'test' }]);
}

export const workspaceRoutes: Route[] = [{ method: 'GET', pattern: '/api/v1/workspaces', handler: list }];
