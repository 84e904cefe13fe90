/** Portal sessions (ENDPOINTS §2.6): a short-lived link to the customer self-service portal. */
import * as v from 'valibot';
import type { Id, Timestamp } from './shared-types';
import { json, route } from './route';
import { absoluteUrl, id, type Input } from './schemas';

/** Strict on the server too: an unknown field is refused, so nothing extra is ever sent. */
export const PortalSessionCreateInput = () =>
  v.strictObject({
    customerId: id(),
    returnUrl: absoluteUrl(true),
  });
export type PortalSessionCreateInput = Input<typeof PortalSessionCreateInput>;

export const portalSessionRoutes = {
  /** Redirect the customer to `url` right away; it expires within minutes. */
  create: route('POST', '/api/v1/portal-sessions', { body: PortalSessionCreateInput, returns: json<PortalSession>() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A link to the self-service customer portal (`portalSessions.create`). */
export interface PortalSession {
  id: Id;
  arn: string;
  accountId: Id;
  customerId: Id;
  /** Short-lived: redirect the customer right away and do not store it. */
  url: string;
  returnUrl: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}
