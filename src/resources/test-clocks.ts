/** Test clocks: move a subscription forward in test mode; each renewal emits `subscription.renewed`. */
import * as v from 'valibot';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/pipeline';
import type { Id, Timestamp } from './shared-types';
import type { Subscription } from './subscriptions';
import { json, route, type RouteTable } from './route';
import { accepts, id, integer } from './schemas';

/** How far `testClocks.advance` moves a subscription's clock. */
export interface TestClockAdvanceInput {
  /** The subscription whose own clock moves (a test-mode subscription). */
  subscriptionId: string;
  /** How many days to move it forward: a whole number, at least 1. */
  days: number;
}

/**
 * What `testClocks.advance` answers. The API documents this answer only loosely, so every field
 * may be missing (and others may be present); these are the fields the emulator in
 * `plugipay-edge/testing` sends.
 */
export interface TestClockAdvanceResult {
  /** The subscription whose clock moved. */
  subscriptionId?: Id;
  /** The days the clock moved, as given; each `subscription.renewed` event carries it too. */
  daysAdvanced?: number;
  /** Where the subscription's clock is now. */
  clock?: Timestamp;
  /** How many period ends the move crossed, each one a renewal. */
  renewals?: number;
  /** The ids of the renewal invoices the move created, oldest first. */
  invoices?: Id[];
  /** The subscription after the move. */
  subscription?: Subscription;
  [extra: string]: unknown;
}

/** `client.testClocks`: time travel for subscriptions, with a test key only. */
export interface TestClocksResource {
  /**
   * Moves a subscription's clock forward, in test mode: renewals, trial ends and cancellations
   * scheduled for the period end happen as they would, each renewal with its invoice and a
   * `subscription.renewed` event carrying `daysAdvanced`.
   *
   * @example
   * ```ts
   * const { renewals } = await client.testClocks.advance({ subscriptionId: subscription.id, days: 31 });
   * ```
   */
  advance(input: TestClockAdvanceInput, options?: RequestOptions): APIPromise<TestClockAdvanceResult>;
}

const advanceInput = accepts<TestClockAdvanceInput>()(() => v.strictObject({ subscriptionId: id(), days: integer(1) }));

/** @internal */
export const testClockRoutes: RouteTable<TestClocksResource> = {
  advance: route('POST', '/api/v1/test/clocks/advance', { body: advanceInput, returns: json<TestClockAdvanceResult>() }),
};
