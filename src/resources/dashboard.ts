/** Dashboard figures (ENDPOINTS §2.16); their JSON shape is undocumented, so it stays `unknown`. */
import * as v from 'valibot';
import { json, route } from './route';
import { nonEmptyText, type Input } from './schemas';

/** The window of `dashboard.metrics`. */
export const DashboardMetricsParams = () => v.optional(v.strictObject({ /** e.g. `'30d'`. */ window: v.optional(nonEmptyText()) }));
export type DashboardMetricsParams = Input<typeof DashboardMetricsParams>;

export const dashboardRoutes = {
  /** Dashboard figures for a time window (their shape is not documented, so `unknown`). */
  metrics: route('GET', '/api/v1/dashboard/metrics', { query: DashboardMetricsParams, returns: json<unknown>() }),
  /** The dashboard overview (its shape is not documented, so `unknown`). */
  overview: route('GET', '/api/v1/dashboard/overview', { returns: json<unknown>() }),
};
