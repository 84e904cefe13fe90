/**
 * Type tests for the event union (checked by `npx tsc -p test/tsconfig.json`; inert under
 * vitest): comparing `event.type` narrows the whole event, `data.object` included, with no
 * `isEventType`, in a `switch` and in an `if`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Invoice, GiftCardEntry, Refund } from '../../src/entries/index';
import type { UnknownWebhookEvent, WebhookEvent } from '../../src/entries/webhooks';

// A value at run time too (where expectTypeOf does nothing); the types are what is tested.
const event = JSON.parse('{"id":"evt_1","type":"plugipay.invoice.paid.v1","data":{"object":{}}}') as WebhookEvent;

describe('WebhookEvent is a discriminated union on type', () => {
  it('a switch case narrows data.object to the catalog resource, and the extras with it', () => {
    switch (event.type) {
      case 'plugipay.invoice.paid.v1':
        expectTypeOf(event.data.object).toEqualTypeOf<Invoice>();
        expectTypeOf(event.data.object.id).toBeString();
        break;
      case 'plugipay.invoice.failed.v1':
        expectTypeOf(event.data.reason).toEqualTypeOf<string>();
        break;
      case 'plugipay.gift_card.redeemed.v1':
        expectTypeOf(event.data.entry).toEqualTypeOf<GiftCardEntry>();
        break;
      default: {
        // Types outside the catalog still arrive at run time: read them as UnknownWebhookEvent.
        const other = event as UnknownWebhookEvent;
        expectTypeOf(other.type).toBeString();
        expectTypeOf(other.data).toEqualTypeOf<{ object?: unknown; [extra: string]: unknown } | undefined>();
      }
    }
  });

  it('an if on type narrows as well', () => {
    if (event.type === 'plugipay.refund.issued.v1') expectTypeOf(event.data.object).toEqualTypeOf<Refund>();
  });
});
