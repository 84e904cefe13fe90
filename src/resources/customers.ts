/** Customers: no lifecycle states; delete answers 409 while money history exists. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp, Metadata } from './shared-types';
import { json, none, page, route, type RouteTable } from './route';
import { accepts, email, id, listParams, metadata, text, timestamp } from './schemas';

/** The fields a customer is created and updated with. */
interface CustomerFields {
  /** Your own id for the customer, 1–255 characters; unique per workspace and mode (a duplicate is 409 `conflict`). */
  externalId?: string;
  /** Where receipts and invoices are emailed; at most 320 characters. */
  email?: string;
  /** Display name, 1–255 characters. */
  name?: string;
  /** Phone number as the customer gives it, 1–64 characters (not normalised). */
  phone?: string;
  /** NPWP / VAT number, 1–64 characters. */
  taxId?: string;
  /** A saved payment token to charge by default (subscriptions, invoices). */
  defaultPaymentTokenId?: string;
}

/** What `customers.create` takes; every field is optional. */
export interface CustomerCreateInput extends CustomerFields {
  /** Up to 50 string pairs, stored and returned as given. */
  metadata?: Record<string, string>;
}

/** What `customers.update` changes; fields left out are unchanged. */
export interface CustomerUpdateInput extends CustomerFields {
  /** Replaces the metadata (up to 50 string pairs); `null` clears it. */
  metadata?: Record<string, string> | null;
}

/** Filters and paging of `customers.list`. */
export interface CustomerListParams {
  /** Page size, 1–100 (the server's default is 20). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc';
  /** Exact email match. */
  email?: string;
  /** Exact match on your own id. */
  externalId?: string;
  /** Only customers created at or after this time (ISO-8601 string or `Date`). */
  createdAfter?: string | Date;
}

/** `client.customers`: the people and businesses you bill. */
export interface CustomersResource {
  /**
   * Creates a customer.
   *
   * @example
   * ```ts
   * const customer = await client.customers.create({ email: 'budi@example.com', name: 'Budi' });
   * ```
   */
  create(input?: CustomerCreateInput, options?: RequestOptions): APIPromise<Customer>;
  /** Retrieves a customer by id. */
  get(id: string, options?: RequestOptions): APIPromise<Customer>;
  /**
   * Lists customers: `await` it for the first page, or `for await` over every customer.
   *
   * @example
   * ```ts
   * for await (const customer of client.customers.list({ email: 'budi@example.com' })) console.log(customer.id);
   * ```
   */
  list(params?: CustomerListParams, options?: RequestOptions): PagePromise<Customer>;
  /** Updates a customer; fields left out are unchanged. */
  update(id: string, input: CustomerUpdateInput, options?: RequestOptions): APIPromise<Customer>;
  /** Deletes a customer; fails with 409 `conflict` while subscriptions, invoices, paid sessions or gift cards refer to it. */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
}

const customerFields = () => ({
  externalId: v.optional(text(1, 255)),
  email: v.optional(email()),
  name: v.optional(text(1, 255)),
  phone: v.optional(text(1, 64)),
  taxId: v.optional(text(1, 64)),
  defaultPaymentTokenId: v.optional(id()),
});

const createInput = accepts<CustomerCreateInput | undefined>()(() =>
  v.optional(v.strictObject({ ...customerFields(), metadata: v.optional(metadata()) }), {}),
);
const updateInput = accepts<CustomerUpdateInput>()(() =>
  v.strictObject({ ...customerFields(), metadata: v.optional(v.nullable(metadata())) }),
);
const listInput = accepts<CustomerListParams | undefined>()(() =>
  listParams({ email: v.optional(v.string()), externalId: v.optional(v.string()), createdAfter: v.optional(timestamp()) }),
);

/** @internal */
export const customerRoutes: RouteTable<CustomersResource> = {
  create: route('POST', '/api/v1/customers', { body: createInput, returns: json<Customer>() }),
  get: route('GET', '/api/v1/customers/{id}', { returns: json<Customer>() }),
  list: route('GET', '/api/v1/customers', { query: listInput, returns: page<Customer>() }),
  update: route('PATCH', '/api/v1/customers/{id}', { body: updateInput, returns: json<Customer>() }),
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
