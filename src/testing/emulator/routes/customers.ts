/** Customers: CRUD, unique `externalId`, and no delete while money refers to them. */
import type { Customer } from '../../../resources/customers';
import { apiFailure, notFound, validationError } from '../api-failure';
import { created, noContent, ok, type RouteContext } from '../context';
import { Fields } from '../fields';
import { newId } from '../ids';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { arn, id, listReply, queryTime, sameIfSet } from './common';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function findCustomer(account: AccountState, customerId: string): Customer {
  const customer = account.customers.get(customerId);
  if (!customer) throw notFound('customer', customerId);
  return customer;
}

function readEmail(fields: Fields): string | undefined {
  const email = fields.string('email', { max: 320 });
  if (email !== undefined && !EMAIL.test(email)) throw validationError('email', 'must be an email address');
  return email;
}

function assertExternalIdFree(account: AccountState, externalId: string, exceptId?: string): void {
  const taken = account.customers.find('externalId', externalId).find((c) => c.id !== exceptId);
  if (taken) {
    throw apiFailure(409, 'conflict', `A customer with externalId '${externalId}' already exists (${taken.id})`, {
      field: 'externalId',
      details: { existingId: taken.id },
    });
  }
}

function create(ctx: RouteContext) {
  const fields = Fields.of(ctx.body);
  const externalId = fields.string('externalId', { max: 255 });
  const email = readEmail(fields);
  const name = fields.string('name', { max: 255 });
  const phone = fields.string('phone', { max: 64 });
  const taxId = fields.string('taxId', { max: 64 });
  const defaultPaymentTokenId = fields.string('defaultPaymentTokenId');
  const metadata = fields.metadata();
  if (externalId !== undefined) assertExternalIdFree(ctx.account, externalId);

  const customerId = ctx.presetId ?? newId('cus');
  const now = ctx.world.iso();
  const customer = ctx.account.customers.insert({
    id: customerId,
    arn: arn(ctx, 'customer', customerId),
    accountId: ctx.account.accountId,
    externalId: externalId ?? null,
    email: email ?? null,
    name: name ?? null,
    phone: phone ?? null,
    taxId: taxId ?? null,
    defaultPaymentTokenId: defaultPaymentTokenId ?? null,
    metadata: metadata ?? null,
    createdAt: now,
    updatedAt: now,
  });
  ctx.emit('plugipay.customer.created.v1', customer);
  return created(customer);
}

function list(ctx: RouteContext) {
  const email = ctx.query.get('email') ?? undefined;
  const externalId = ctx.query.get('externalId') ?? undefined;
  const createdAfter = queryTime(ctx.query, 'createdAfter');
  return listReply(
    ctx,
    ctx.account.customers,
    (c) =>
      sameIfSet(email, c.email ?? undefined) &&
      sameIfSet(externalId, c.externalId ?? undefined) &&
      (createdAfter === undefined || Date.parse(c.createdAt) >= createdAfter),
  );
}

function update(ctx: RouteContext) {
  const current = findCustomer(ctx.account, id(ctx));
  const fields = Fields.of(ctx.body);
  const next: Customer = { ...current };
  const externalId = fields.string('externalId', { max: 255 });
  if (externalId !== undefined) {
    assertExternalIdFree(ctx.account, externalId, current.id);
    next.externalId = externalId;
  }
  const email = readEmail(fields);
  if (email !== undefined) next.email = email;
  for (const [name, max] of [
    ['name', 255],
    ['phone', 64],
    ['taxId', 64],
    ['defaultPaymentTokenId', 255],
  ] as const) {
    const value = fields.string(name, { max });
    if (value !== undefined) next[name] = value;
  }
  const metadata = fields.metadata();
  if (metadata !== undefined) next.metadata = metadata;
  next.updatedAt = ctx.world.iso();
  ctx.account.customers.replace(next);
  ctx.emit('plugipay.customer.updated.v1', next);
  return ok(next);
}

/** What still refers to the customer: the server refuses to delete while money history exists. */
function references(account: AccountState, customerId: string): string[] {
  const found: string[] = [];
  if (account.subscriptions.has('customerId', customerId)) found.push('subscriptions');
  if (account.invoices.has('customerId', customerId)) found.push('invoices');
  const inFlight = ['completed', 'pending', 'pending_review'];
  if (account.checkoutSessions.find('customerId', customerId).some((s) => inFlight.includes(s.status))) {
    found.push('checkout sessions');
  }
  return found;
}

function remove(ctx: RouteContext) {
  const customer = findCustomer(ctx.account, id(ctx));
  const refs = references(ctx.account, customer.id);
  if (refs.length > 0) {
    throw apiFailure(409, 'conflict', `Customer '${customer.id}' cannot be deleted: referenced by ${refs.join(', ')}`, {
      details: { references: refs },
    });
  }
  ctx.account.customers.delete(customer.id);
  ctx.emit('plugipay.customer.deleted.v1', customer);
  return noContent();
}

export const customerRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/customers', handler: create },
  { method: 'GET', pattern: '/api/v1/customers', handler: list },
  { method: 'GET', pattern: '/api/v1/customers/:id', handler: (ctx) => ok(findCustomer(ctx.account, id(ctx))) },
  { method: 'PATCH', pattern: '/api/v1/customers/:id', handler: update },
  { method: 'DELETE', pattern: '/api/v1/customers/:id', handler: remove },
];
