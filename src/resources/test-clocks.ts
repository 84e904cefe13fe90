/** Test clocks (ENDPOINTS §2.16): move a subscription forward in test mode; emits `subscription.renewed`. */
import * as v from 'valibot';
import { json, route } from './route';
import { id, integer, type Input } from './schemas';

/** How far `testClocks.advance` moves a subscription's clock. */
export const TestClockAdvanceInput = () => v.strictObject({ subscriptionId: id(), days: integer(1) });
export type TestClockAdvanceInput = Input<typeof TestClockAdvanceInput>;

export const testClockRoutes = {
  /** Moves a subscription's clock forward, in test mode: renewals, trial ends and scheduled cancellations happen as they would. */
  advance: route('POST', '/api/v1/test/clocks/advance', { body: TestClockAdvanceInput, returns: json<unknown>() }),
};
