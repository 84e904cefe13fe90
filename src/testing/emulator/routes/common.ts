/** Small pieces every resource module uses: ARNs, query filters, list replies. */
import { validationError } from '../api-failure';
import { listed, type Reply, type RouteContext } from '../context';
import { paginate, readListQuery } from '../pagination';
import type { Table } from '../table';

export function arn(ctx: Pick<RouteContext, 'account'>, kind: string, id: string): string {
  return `arn:plugipay:${ctx.account.accountId}:${kind}/${id}`;
}

/** An ISO-8601 query filter as epoch ms; `undefined` when absent. */
export function queryTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw validationError(name, 'must be an ISO-8601 timestamp');
  return ms;
}

export function queryOneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!allowed.includes(raw as T)) throw validationError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  return raw as T;
}

export function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw validationError(name, "must be 'true' or 'false'");
  return raw === 'true';
}

/** A paginated reply over the rows of `table` that pass `keep`. */
export function listReply<T extends { id: string }>(ctx: RouteContext, table: Table<T>, keep: (value: T) => boolean): Reply {
  const list = readListQuery(ctx.query);
  return listed(paginate(table, list, keep));
}

/** Filters that are set must equal the object's field. */
export function sameIfSet<T>(filter: T | undefined, value: T): boolean {
  return filter === undefined || filter === value;
}

export function id(ctx: RouteContext, name = 'id'): string {
  return ctx.params[name]!;
}
