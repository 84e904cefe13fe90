/**
 * `emulator.trigger(type)` and `POST /_emulator/trigger`: for every type of the SDK's webhook
 * catalog, one event whose `data.object` is the object the API returns for it (a GET where the
 * emulator serves one), carrying the type's extras, delivered signed like any other event so
 * `verifyWebhook` accepts it and narrows it with `isEventType`.
 */
import { describe, expect, it } from 'vitest';
import { isEventType, verifyWebhook } from '../../src/entries/webhooks';
import { createEmulator } from '../../src/testing/emulator';
import type { WebhookEventCatalog, WebhookEventType } from '../../src/webhooks/events';
import { apiFor, BASE } from './helpers';

/**
 * The catalog, spelled out here (not read from the emulator) so a type the emulator forgets is
 * a failure; `satisfies` ties the list to the SDK's declared event types both ways.
 */
const CATALOG = {
  'plugipay.checkout_session.completed.v1': '/api/v1/checkout-sessions/',
  'plugipay.checkout_session.expired.v1': '/api/v1/checkout-sessions/',
  'plugipay.invoice.created.v1': '/api/v1/invoices/',
  'plugipay.invoice.finalized.v1': '/api/v1/invoices/',
  'plugipay.invoice.sent.v1': '/api/v1/invoices/',
  'plugipay.invoice.paid.v1': '/api/v1/invoices/',
  'plugipay.invoice.voided.v1': '/api/v1/invoices/',
  'plugipay.invoice.pending.v1': '/api/v1/invoices/',
  'plugipay.invoice.failed.v1': '/api/v1/invoices/',
  'plugipay.refund.issued.v1': '/api/v1/refunds/',
  'plugipay.refund.failed.v1': '/api/v1/refunds/',
  'plugipay.customer.created.v1': '/api/v1/customers/',
  'plugipay.customer.updated.v1': '/api/v1/customers/',
  'plugipay.customer.deleted.v1': null,
  'plugipay.plan.created.v1': '/api/v1/plans/',
  'plugipay.plan.updated.v1': '/api/v1/plans/',
  'plugipay.plan.archived.v1': '/api/v1/plans/',
  'plugipay.subscription.created.v1': '/api/v1/subscriptions/',
  'plugipay.subscription.updated.v1': '/api/v1/subscriptions/',
  'plugipay.subscription.paused.v1': '/api/v1/subscriptions/',
  'plugipay.subscription.resumed.v1': '/api/v1/subscriptions/',
  'plugipay.subscription.canceled.v1': '/api/v1/subscriptions/',
  'plugipay.subscription.renewed.v1': '/api/v1/subscriptions/',
  'plugipay.payout.created.v1': '/api/v1/payouts/',
  'plugipay.payout.in_transit.v1': '/api/v1/payouts/',
  'plugipay.payout.paid.v1': '/api/v1/payouts/',
  'plugipay.payout.failed.v1': '/api/v1/payouts/',
  'plugipay.payout.cancelled.v1': '/api/v1/payouts/',
  'plugipay.gift_card.issued.v1': null,
  'plugipay.gift_card.redeemed.v1': null,
  'plugipay.gift_card.topped_up.v1': null,
  'plugipay.gift_card.voided.v1': null,
  'plugipay.webhook_endpoint.disabled.v1': null,
} satisfies Record<WebhookEventType, string | null>;

/** The id prefix of each resource, as the official clients mint them. */
const ID_PREFIX: Record<string, RegExp> = {
  checkout_session: /^cs_/,
  invoice: /^inv_/,
  refund: /^re_/,
  customer: /^cus_/,
  plan: /^plan_|^pln_/,
  subscription: /^sub_/,
  payout: /^po_/,
  gift_card: /^gc_/,
  webhook_endpoint: /^wh/,
};

/** Status each action leaves its object in, where the name says it. */
const STATUS_AFTER: Partial<Record<WebhookEventType, string>> = {
  'plugipay.checkout_session.completed.v1': 'completed',
  'plugipay.checkout_session.expired.v1': 'expired',
  'plugipay.invoice.created.v1': 'draft',
  'plugipay.invoice.finalized.v1': 'open',
  'plugipay.invoice.paid.v1': 'paid',
  'plugipay.invoice.voided.v1': 'void',
  'plugipay.refund.issued.v1': 'succeeded',
  'plugipay.refund.failed.v1': 'failed',
  'plugipay.subscription.paused.v1': 'paused',
  'plugipay.subscription.resumed.v1': 'active',
  'plugipay.subscription.canceled.v1': 'canceled',
  'plugipay.payout.created.v1': 'pending',
  'plugipay.payout.in_transit.v1': 'in_transit',
  'plugipay.payout.paid.v1': 'paid',
  'plugipay.payout.failed.v1': 'failed',
  'plugipay.payout.cancelled.v1': 'cancelled',
  'plugipay.gift_card.voided.v1': 'voided',
  'plugipay.webhook_endpoint.disabled.v1': 'disabled',
};

/** The per-type extras of the catalog, by key. */
const EXTRAS: Partial<Record<WebhookEventType, (data: Record<string, unknown>) => void>> = {
  'plugipay.invoice.sent.v1': (data) => expect(data.to).toMatch(/@/),
  'plugipay.invoice.failed.v1': (data) => expect(typeof data.reason).toBe('string'),
  'plugipay.subscription.renewed.v1': (data) => expect(data.daysAdvanced).toBeGreaterThanOrEqual(1),
  'plugipay.gift_card.redeemed.v1': (data) => expect((data.entry as { delta: number }).delta).toBeLessThan(0),
  'plugipay.gift_card.topped_up.v1': (data) => expect((data.entry as { delta: number }).delta).toBeGreaterThan(0),
};

interface Received {
  body: string;
  signature: string;
}

function withEndpoint() {
  const received: Received[] = [];
  const emulator = createEmulator({
    seed: { webhookEndpoints: [{ url: 'https://shop.example/webhooks', events: ['*'], secret: 'whsec_trigger' }] },
    webhookFetch: async (_input, init) => {
      received.push({ body: String(init?.body), signature: new Headers(init?.headers).get('x-plugipay-signature')! });
      return new Response('ok');
    },
  });
  return { emulator, received };
}

describe('emulator.trigger: every catalog type', () => {
  it.each(Object.entries(CATALOG) as [WebhookEventType, string | null][])('%s', async (type, getPath) => {
    const { emulator, received } = withEndpoint();
    const api = apiFor(emulator);
    const { event, events, deliveries } = await emulator.trigger(type);

    expect(event.type).toBe(type);
    expect(event.id).toMatch(/^evt_/);
    expect(events.at(-1)!.id === event.id || events.some((e) => e.id === event.id)).toBe(true);
    const resource = type.split('.')[1]!;
    const object = event.data.object as { id: string; status?: string; accountId?: string };
    expect(object.id).toMatch(ID_PREFIX[resource]!);
    expect(event.data.aggregateId).toBe(object.id);
    if (STATUS_AFTER[type]) expect(object.status).toBe(STATUS_AFTER[type]);
    EXTRAS[type]?.(event.data as Record<string, unknown>);

    // The object is the API's own: what a GET answers now (or answered at that moment, for deletes).
    if (getPath) {
      const got = await api.get(`${getPath}${object.id}`);
      expect(got.status).toBe(200);
      expect(got.body.data).toMatchObject(JSON.parse(JSON.stringify(object)) as object);
    }

    // Delivered like any event: signed with the endpoint's secret, the catalog type narrows.
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'succeeded', responseCode: 200, eventId: event.id });
    const delivery = received.find((r) => (JSON.parse(r.body) as { id: string }).id === event.id)!;
    const verified = await verifyWebhook(delivery.body, delivery.signature, 'whsec_trigger');
    expect(verified.id).toBe(event.id);
    expect(isEventType(verified, type)).toBe(true);
    // Prerequisite events went out first, each once.
    expect(received.map((r) => (JSON.parse(r.body) as { id: string }).id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('the short form works; an unknown type is refused with the list of types', async () => {
    const { emulator } = withEndpoint();
    const { event } = await emulator.trigger('invoice.paid');
    expect(event.type).toBe('plugipay.invoice.paid.v1');
    await expect(emulator.trigger('invoice.exploded')).rejects.toThrow(/No event type 'invoice\.exploded'.*checkout_session\.completed/);
  });

  it('typed: the event of a catalog type carries that type’s object (compile-time check)', async () => {
    const { emulator } = withEndpoint();
    const { event } = await emulator.trigger('plugipay.invoice.sent.v1');
    const data = event.data as unknown as WebhookEventCatalog['plugipay.invoice.sent.v1'];
    expect(data.object.number).toMatch(/^EMU-/);
  });
});

describe('POST /_emulator/trigger', () => {
  const ACTION = { 'x-plugipay-emulator': '1', 'content-type': 'application/json' };

  it('makes the event in the named workspace and answers it; refuses without the header and for unknown types', async () => {
    const { emulator, received } = withEndpoint();
    const res = await emulator.fetch(`${BASE}/_emulator/trigger`, {
      method: 'POST',
      headers: ACTION,
      body: JSON.stringify({ type: 'checkout_session.completed' }),
    });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: { event: { id: string; type: string } } };
    expect(data.event.type).toBe('plugipay.checkout_session.completed.v1');
    await emulator.flushWebhooks();
    expect(received.some((r) => r.body.includes(data.event.id))).toBe(true);

    const unguarded = await emulator.fetch(`${BASE}/_emulator/trigger`, { method: 'POST', body: JSON.stringify({ type: 'invoice.paid' }) });
    expect(unguarded.status).toBe(403);
    const unknown = await emulator.fetch(`${BASE}/_emulator/trigger`, {
      method: 'POST',
      headers: ACTION,
      body: JSON.stringify({ type: 'nope.nope' }),
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'validation_error' });

    const types = (await (await emulator.fetch(`${BASE}/_emulator/event-types`)).json()) as { data: string[] };
    expect([...types.data].sort()).toEqual(Object.keys(CATALOG).sort());
  });
});
