/**
 * Managed onboarding's provisioning: one sub-account per workspace, created by the first call
 * and answered again by every later one (the server makes the route idempotent by itself, so
 * it takes no Idempotency-Key).
 */
import { ok, type RouteContext } from '../context';
import { newId } from '../ids';
import type { Route } from '../router';

function provisionManaged(ctx: RouteContext) {
  ctx.account.managedSubAccountId ??= newId('acct');
  return ok({ subAccountId: ctx.account.managedSubAccountId });
}

export const onboardingRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/onboarding/provision-managed', handler: provisionManaged, idempotencyKey: 'optional' },
];
