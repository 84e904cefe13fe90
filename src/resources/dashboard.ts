/** Dashboard figures; their JSON shape is not documented, so they stay `unknown`. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import { json, route, type RouteTable } from './route';
import { accepts, nonEmptyText } from './schemas';

/** The window of `dashboard.metrics`. */
export interface DashboardMetricsParams {
  /** The time window the figures cover, e.g. `'30d'`; the server's default when left out. */
  window?: string;
}

/** `client.dashboard`: the figures the Plugipay dashboard shows. */
export interface DashboardResource {
  /**
   * Dashboard figures for a time window (their shape is not documented, so `unknown`).
   *
   * @example
   * ```ts
   * const metrics = await client.dashboard.metrics({ window: '30d' });
   * ```
   */
  metrics(params?: DashboardMetricsParams, options?: RequestOptions): APIPromise<unknown>;
  /** The dashboard overview (its shape is not documented, so `unknown`). */
  overview(options?: RequestOptions): APIPromise<unknown>;
}

const metricsInput = accepts<DashboardMetricsParams | undefined>()(() =>
  v.optional(v.strictObject({ window: v.optional(nonEmptyText()) })),
);

/** @internal */
export const dashboardRoutes: RouteTable<DashboardResource> = {
  metrics: route('GET', '/api/v1/dashboard/metrics', { query: metricsInput, returns: json<unknown>() }),
  overview: route('GET', '/api/v1/dashboard/overview', { returns: json<unknown>() }),
};
