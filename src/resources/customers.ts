/** Customers (ENDPOINTS §2.1): no lifecycle states; delete answers 409 while money history exists. */
import * as v from 'valibot';
import type { Id, Timestamp, Metadata } from './shared-types';
import { json, none, page, route } from './route';
import { email, id, listParams, metadata, text, timestamp, type Input } from './schemas';

const customerFields = () => ({
  /** Your own id for the customer; unique per workspace and mode (duplicate → 409 `conflict`). */
  externalId: v.optional(text(1, 255)),
  email: v.optional(email()),
  name: v.optional(text(1, 255)),
  phone: v.optional(text(1, 64)),
  /** NPWP / VAT number. */
  taxId: v.optional(text(1, 64)),
  defaultPaymentTokenId: v.optional(id()),
});

/** What `customers.create` takes; every field is optional. */
export const CustomerCreateInput = () => v.optional(v.strictObject({ ...customerFields(), metadata: v.optional(metadata()) }), {});
export type CustomerCreateInput = Input<typeof CustomerCreateInput>;

/** What `customers.update` changes. */
export const CustomerUpdateInput = () =>
  v.strictObject({
    ...customerFields(),
    /** `null` clears the metadata. */
    metadata: v.optional(v.nullable(metadata())),
  });
export type CustomerUpdateInput = Input<typeof CustomerUpdateInput>;

/** Filters of `customers.list`. */
export const CustomerListParams = () =>
  listParams({
    email: v.optional(v.string()),
    externalId: v.optional(v.string()),
    createdAfter: v.optional(timestamp()),
  });
export type CustomerListParams = Input<typeof CustomerListParams>;

export const customerRoutes = {
  /** Create a customer; every field is optional. */
  create: route('POST', '/api/v1/customers', { body: CustomerCreateInput, returns: json<Customer>() }),
  /** Retrieves a customer by id. */
  get: route('GET', '/api/v1/customers/{id}', { returns: json<Customer>() }),
  /** Await for the first page, or `for await` over every customer. */
  list: route('GET', '/api/v1/customers', { query: CustomerListParams, returns: page<Customer>() }),
  /** Updates a customer; fields left out are unchanged. */
  update: route('PATCH', '/api/v1/customers/{id}', { body: CustomerUpdateInput, returns: json<Customer>() }),
  /** Fails with 409 while subscriptions, invoices, paid sessions or gift cards refer to the customer. */
  delete: route('DELETE', '/api/v1/customers/{id}', { returns: none() }),
};

// ---------------------------------------------------------------------------------------------
// Response objects: what these routes answer, as the server returns them (types only).

/** A customer of your workspace (`customers.*`). */
export interface Customer {
  id: Id;
  arn: string;
  accountId: Id;
  /** Your own id for the customer; unique per workspace and mode. */
  externalId: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  /** NPWP / VAT number. */
  taxId: string | null;
  defaultPaymentTokenId: Id | null;
  metadata: Metadata | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
