/** The emulator's route table, one module per API namespace. */
import type { Route } from '../router';
import { checkoutSessionRoutes } from './checkout-sessions';
import { consoleRoutes } from './console';
import { controlRoutes } from './control';
import { customerRoutes } from './customers';
import { eventRoutes } from './events';
import { invoiceRoutes } from './invoices';
import { onboardingRoutes } from './onboarding';
import { payoutRoutes } from './payouts';
import { planRoutes } from './plans';
import { publicCheckoutRoutes } from './public-checkout';
import { refundRoutes } from './refunds';
import { subscriptionRoutes } from './subscriptions';
import { testClockRoutes } from './test-clocks';
import { webhookRoutes } from './webhooks';
import { workspaceRoutes } from './workspaces';

export const ROUTES: readonly Route[] = [
  ...customerRoutes,
  ...planRoutes,
  ...checkoutSessionRoutes,
  ...invoiceRoutes,
  ...subscriptionRoutes,
  ...testClockRoutes,
  ...refundRoutes,
  ...payoutRoutes,
  ...eventRoutes,
  ...webhookRoutes,
  ...onboardingRoutes,
  ...workspaceRoutes,
  ...publicCheckoutRoutes,
  ...consoleRoutes,
  ...controlRoutes,
];
