/**
 * Workspaces: the one a key belongs to. Creating, renaming and deleting workspaces are
 * dashboard actions (a person's session, not an API key), so they are not here.
 */
import type { APIPromise } from '../core/api-promise';
import { PlugipayError } from '../core/errors';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Mode, Timestamp } from './shared-types';
import { json, route, type RouteTable } from './route';

/** `client.workspaces`: the workspace the client's key acts in. */
export interface WorkspacesResource {
  /**
   * Retrieves the key's own workspace (with `onBehalfOf`, the merchant's).
   *
   * @example
   * ```ts
   * const workspace = await client.workspaces.get();
   * console.log(workspace.id, workspace.name);
   * ```
   */
  get(options?: RequestOptions): APIPromise<Workspace>;
}

/**
 * The server lists the workspaces its caller can see, and a key sees exactly its own: the list
 * of one is unwrapped. A bare object is taken as it is, and an empty list is no workspace at
 * all, which the server never sends for a valid key: `invalid_response` rather than `undefined`.
 */
function ownWorkspace(data: Workspace | Workspace[]): Workspace {
  if (!Array.isArray(data)) return data;
  const [own] = data;
  if (own === undefined) {
    throw new PlugipayError({
      status: 200,
      code: 'invalid_response',
      message: 'GET /api/v1/workspaces answered an empty list: no workspace for this key',
    });
  }
  return own;
}

/** @internal */
export const workspaceRoutes: RouteTable<WorkspacesResource> = {
  get: route('GET', '/api/v1/workspaces', { returns: json<Workspace>(), transform: ownWorkspace }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A workspace: one merchant's objects, keys and settings (`workspaces.get`). */
export interface Workspace {
  /** The workspace's account id, as in every object's `accountId`. */
  id: Id;
  /** Display name, as set in the dashboard. */
  name: string | null;
  /** Whether this key works on test data or live money. */
  mode?: Mode;
  createdAt?: Timestamp;
}
