/** Portal sessions: a short-lived link to the customer self-service portal. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp } from './shared-types';
import { json, route, type RouteTable } from './route';
import { absoluteUrl, accepts, id } from './schemas';

/** What `portalSessions.create` takes; the server refuses any other field, so nothing extra is ever sent. */
export interface PortalSessionCreateInput {
  /** The customer the portal opens for; must belong to this workspace. */
  customerId: string;
  /** Where the portal's back link goes: an absolute `https` URL (plain http is refused). */
  returnUrl: string;
}

/** `client.portalSessions`: links to the self-service portal, where a plan's `portalFeatures` decide what a customer may do. */
export interface PortalSessionsResource {
  /**
   * Creates a portal session: redirect the customer to its `url` right away (it expires within
   * minutes, and then answers 410 in the browser).
   *
   * @example
   * ```ts
   * const portal = await client.portalSessions.create({ customerId: customer.id, returnUrl: 'https://shop.example/account' });
   * return Response.redirect(portal.url, 303);
   * ```
   */
  create(input: PortalSessionCreateInput, options?: RequestOptions): APIPromise<PortalSession>;
}

const createInput = accepts<PortalSessionCreateInput>()(() =>
  v.strictObject({
    customerId: id(),
    returnUrl: absoluteUrl(true),
  }),
);

/** @internal */
export const portalSessionRoutes: RouteTable<PortalSessionsResource> = {
  create: route('POST', '/api/v1/portal-sessions', { body: createInput, returns: json<PortalSession>() }),
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
  /** When `url` stops working; use it as returned (sources disagree on the lifetime). */
  expiresAt: Timestamp;
  createdAt: Timestamp;
}
