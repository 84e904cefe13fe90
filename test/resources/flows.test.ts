/**
 * End-to-end flows through the typed resources against the emulator (plugipay-edge/testing):
 * billing with a plan, a refund of a paid checkout, a payout lifecycle, events paged through.
 */
import { describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError } from '../../src/entries/index';
import { createEmulator } from '../../src/testing/emulator';

const NOW = Date.UTC(2026, 2, 1, 12);

function setup() {
  const now = () => NOW;
  const emulator = createEmulator({ now });
  const client = new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch, now });
  return { emulator, client };
}

const CHECKOUT = {
  amount: 150000,
  currency: 'IDR',
  methods: ['qris' as const],
  successUrl: 'https://shop.example/ok',
  cancelUrl: 'https://shop.example/cancel',
};

/** A checkout the buyer has paid: the money that refunds and payouts draw on. */
async function paidCheckout(setupResult: ReturnType<typeof setup>, amount = CHECKOUT.amount) {
  const session = await setupResult.client.checkoutSessions.create({ ...CHECKOUT, amount });
  return setupResult.emulator.completeCheckout(session.id);
}

describe('a subscription with a plan and its invoice', () => {
  it('creates a plan from the shorthand, subscribes, and settles the invoice', async () => {
    const { client, emulator } = setup();
    const customer = await client.customers.create({ email: 'ada@example.com', name: 'Ada' });
    const plan = await client.plans.create({ name: 'Pro', interval: 'month', currency: 'IDR', amount: 99000 });
    expect(plan.prices).toHaveLength(1);
    expect(plan.prices[0]).toMatchObject({ currency: 'IDR', model: 'flat', unitAmount: 99000, active: true });
    expect(plan.portalFeatures).toEqual({
      selfServeCancel: true,
      selfServePause: false,
      selfServeUpgrade: false,
      selfServeDowngrade: false,
      updatePaymentMethod: true,
    });

    const subscription = await client.subscriptions.create({ customerId: customer.id, planId: plan.id, priceId: plan.prices[0]!.id });
    expect(subscription).toMatchObject({ status: 'active', planId: plan.id, customerId: customer.id });

    const draft = await client.invoices.create({
      customerId: customer.id,
      currency: 'IDR',
      subscriptionId: subscription.id,
      lines: [{ description: 'Pro, March 2026', quantity: 1, unitAmount: 99000 }],
    });
    expect(draft).toMatchObject({ status: 'draft', total: 99000, amountDue: 99000 });
    const open = await client.invoices.finalize(draft.id);
    expect(open.status).toBe('open');
    const paid = await client.invoices.pay(draft.id);
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 99000, amountDue: 0 });

    const ofSubscription = await client.invoices.list({ subscriptionId: subscription.id });
    expect(ofSubscription.data.map((i) => i.id)).toEqual([draft.id]);

    // The cancel default is the period end: paid time is never cut short by surprise.
    const canceling = await client.subscriptions.cancel(subscription.id);
    expect(canceling).toMatchObject({ status: 'active', cancelAt: subscription.currentPeriodEnd });

    // A price is changed by adding a new one and turning the old one off.
    const yearly = await client.plans.addPrice(plan.id, { currency: 'USD', unitAmount: 900 });
    expect(yearly).toMatchObject({ planId: plan.id, model: 'flat', currency: 'USD' });
    expect(await client.plans.updatePrice(yearly.id, { active: false })).toMatchObject({ active: false });
    await expect(client.plans.deletePrice(yearly.id)).resolves.toBeUndefined();

    expect(emulator.events().map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'plugipay.plan.created.v1',
        'plugipay.subscription.created.v1',
        'plugipay.invoice.finalized.v1',
        'plugipay.invoice.paid.v1',
      ]),
    );
  });
});

describe('a refund of a paid checkout', () => {
  it('refunds part of the payment by charge id, then settles it with the provider', async () => {
    const context = setup();
    const { client, emulator } = context;
    const session = await paidCheckout(context);
    expect(session.paymentId).toBeTruthy();

    const refund = await client.refunds.create({ chargeId: session.paymentId!, amount: 50000, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ status: 'pending', amount: 50000, chargeId: session.paymentId, currency: 'IDR' });

    const settled = emulator.settleRefund(refund.id, 'succeeded');
    expect(settled.status).toBe('succeeded');
    expect(await client.refunds.get(refund.id)).toMatchObject({ status: 'succeeded' });
    expect((await client.refunds.list({ chargeId: session.paymentId! })).data).toHaveLength(1);
    expect(emulator.events({ type: 'plugipay.refund.issued.v1' })).toHaveLength(1);

    // What remains (100000) is the most a second refund may take: the server's 400 reaches the caller.
    await expect(client.refunds.create({ sourceType: 'checkout_session', sourceId: session.id, amount: 100001 })).rejects.toMatchObject({
      status: 400,
      code: 'validation_error',
      field: 'amount',
    });
  });
});

describe('deleting a checkout session', () => {
  it('deletes one that took no money, and answers 404 for it afterwards', async () => {
    const { client, emulator } = setup();
    const open = await client.checkoutSessions.create(CHECKOUT);
    const canceled = await client.checkoutSessions.cancel((await client.checkoutSessions.create(CHECKOUT)).id);

    await expect(client.checkoutSessions.delete(open.id)).resolves.toBeUndefined();
    await expect(client.checkoutSessions.delete(canceled.id)).resolves.toBeUndefined();
    await expect(client.checkoutSessions.get(open.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect((await client.checkoutSessions.list()).data).toEqual([]);
    // The buyer's page goes with it.
    expect((await emulator.fetch(open.hostedUrl)).status).toBe(404);
    await expect(client.checkoutSessions.delete(open.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses one that took a payment (409 conflict), and keeps it', async () => {
    const context = setup();
    const { client } = context;
    const paid = await paidCheckout(context);
    const error = await client.checkoutSessions.delete(paid.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugipayError);
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
    expect(await client.checkoutSessions.get(paid.id)).toMatchObject({ id: paid.id, status: 'completed' });
  });
});

describe('a payout lifecycle', () => {
  it('pays out the available balance: create → in transit → paid, and refuses an illegal transition', async () => {
    const context = setup();
    const { client, emulator } = context;
    expect(await client.payouts.getBankAccount()).toMatchObject({ configured: false, bankName: null });
    expect(await client.payouts.balance()).toEqual({ ledgerBalance: 0, locked: 0, available: 0, currency: null });

    const session = await paidCheckout(context, 200000);
    const refund = await client.refunds.create({ chargeId: session.paymentId!, amount: 20000 });
    emulator.settleRefund(refund.id, 'succeeded');
    expect(await client.payouts.balance()).toEqual({ ledgerBalance: 180000, locked: 0, available: 180000, currency: 'IDR' });

    await client.payouts.updateBankAccount({ bankName: 'BCA', bankAccountNumber: '1234567890', bankAccountHolder: 'Toko Ada' });
    expect(await client.payouts.getBankAccount()).toMatchObject({ configured: true, bankName: 'BCA', bankCode: null });

    await expect(client.payouts.create({ amount: 180001, currency: 'IDR' })).rejects.toMatchObject({ status: 400, field: 'amount' });
    const payout = await client.payouts.create({ amount: 150000, currency: 'IDR', note: 'March' });
    expect(payout).toMatchObject({ status: 'pending', bankName: 'BCA', bankAccountHolder: 'Toko Ada', reference: null, note: 'March' });
    expect(await client.payouts.balance()).toEqual({ ledgerBalance: 180000, locked: 150000, available: 30000, currency: 'IDR' });

    const inTransit = await client.payouts.markInTransit(payout.id, { reference: 'TRF-0001' });
    expect(inTransit).toMatchObject({ status: 'in_transit', reference: 'TRF-0001' });
    expect(inTransit.processedAt).toBe(new Date(NOW).toISOString());

    // Paid keeps the reference when none is given (the key goes out as `null`).
    const paid = await client.payouts.markPaid(payout.id);
    expect(paid).toMatchObject({ status: 'paid', reference: 'TRF-0001', completedAt: new Date(NOW).toISOString() });
    expect(await client.payouts.balance()).toEqual({ ledgerBalance: 30000, locked: 0, available: 30000, currency: 'IDR' });

    const illegal = await client.payouts.cancel(payout.id).catch((e: unknown) => e);
    expect(illegal).toBeInstanceOf(PlugipayError);
    expect(illegal).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((illegal as PlugipayError).message).toContain("status 'paid'");

    expect(
      emulator
        .events()
        .filter((e) => e.type.startsWith('plugipay.payout.'))
        .map((e) => e.type),
    ).toEqual(['plugipay.payout.created.v1', 'plugipay.payout.in_transit.v1', 'plugipay.payout.paid.v1']);
  });

  it('returns funds to the balance when a payout fails or is cancelled', async () => {
    const context = setup();
    const { client } = context;
    await paidCheckout(context, 100000);
    // No saved bank account and none given: the server names the missing field.
    await expect(client.payouts.create({ amount: 1000, currency: 'IDR' })).rejects.toMatchObject({ status: 400, field: 'bankName' });
    await expect(client.payouts.get('po_missing')).rejects.toMatchObject({ status: 404, code: 'not_found' });
    const bank = { bankName: 'BNI', bankAccountNumber: '42', bankAccountHolder: 'Ada' };
    const failing = await client.payouts.create({ amount: 60000, currency: 'IDR', ...bank });
    await expect(client.payouts.create({ amount: 50000, currency: 'IDR', ...bank })).rejects.toMatchObject({ field: 'amount' });
    await client.payouts.markInTransit(failing.id);
    const failed = await client.payouts.markFailed(failing.id, { failureReason: 'account closed' });
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'account closed' });

    const cancelled = await client.payouts.cancel((await client.payouts.create({ amount: 100000, currency: 'IDR', ...bank })).id);
    expect(cancelled.status).toBe('cancelled');
    expect((await client.payouts.balance()).available).toBe(100000);
    expect((await client.payouts.list({ status: 'failed' })).data.map((p) => p.id)).toEqual([failing.id]);
    await expect(client.payouts.markPaid(cancelled.id)).rejects.toMatchObject({ status: 409, code: 'invalid_transition' });
    await expect(client.payouts.create({ amount: 1, currency: 'USD', ...bank })).rejects.toMatchObject({ field: 'currency' });
  });
});

describe('events', () => {
  it('lists every event by iterating pages of two', async () => {
    const { client, emulator } = setup();
    for (const name of ['Ada', 'Grace', 'Edsger', 'Barbara', 'Alan']) await client.customers.create({ name });
    const expected = emulator.events().map((e) => e.id);
    expect(expected).toHaveLength(5);

    const seen: string[] = [];
    for await (const event of client.events.list({ limit: 2, order: 'asc' })) seen.push(event.id);
    expect(seen).toEqual(expected);

    const pages: number[] = [];
    for await (const page of client.events.list({ limit: 2, type: 'plugipay.customer.created.v1' }).pages()) pages.push(page.data.length);
    expect(pages).toEqual([2, 2, 1]);

    const one = await client.events.get(expected[0]!);
    expect(one).toMatchObject({ type: 'plugipay.customer.created.v1', data: { object: { name: 'Ada' } } });
  });

  it('names the event types the server can emit (events.types), each once, in the catalog form', async () => {
    const { client } = setup();
    const { data: types, requestId } = await client.events.types().withResponse();
    expect(requestId).toMatch(/^req_/);
    expect(types).toEqual(
      expect.arrayContaining([
        'plugipay.checkout_session.completed.v1',
        'plugipay.invoice.paid.v1',
        'plugipay.webhook_endpoint.disabled.v1',
      ]),
    );
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^plugipay\.[a-z_]+\.[a-z_]+\.v1$/);
  });
});

describe('routes the emulator does not emulate', () => {
  it('answer 501 not_emulated through the SDK, never a fake success', async () => {
    const { client } = setup();
    await expect(client.ledger.balances()).rejects.toMatchObject({ status: 501, code: 'not_emulated' });
    await expect(client.invoices.renderPdf('inv_1')).rejects.toMatchObject({ status: 501, code: 'not_emulated' });
  });
});

describe('test clocks: renewals', () => {
  async function subscribed(options: { trialDays?: number; collectionMethod?: 'charge_automatically' | 'send_invoice' } = {}) {
    const s = setup();
    const customer = await s.client.customers.create({ name: 'Grace' });
    const plan = await s.client.plans.create({ name: 'Pro', interval: 'month', currency: 'IDR', amount: 99000 });
    const subscription = await s.client.subscriptions.create({
      customerId: customer.id,
      planId: plan.id,
      priceId: plan.prices[0]!.id,
      ...options,
    });
    return { ...s, subscription };
  }

  it('each period end crossed renews the subscription with a collected invoice and subscription.renewed', async () => {
    const { client, emulator, subscription } = await subscribed();
    // From 1 March: period ends on 1 April and 1 May; 65 days reach 5 May.
    const result = (await client.testClocks.advance({ subscriptionId: subscription.id, days: 65 })) as { renewals: number };
    expect(result.renewals).toBe(2);
    const renewed = await client.subscriptions.get(subscription.id);
    expect(renewed).toMatchObject({
      status: 'active',
      currentPeriodStart: '2026-05-01T12:00:00.000Z',
      currentPeriodEnd: '2026-06-01T12:00:00.000Z',
    });
    const invoices = await client.invoices.list({ subscriptionId: subscription.id });
    expect(invoices.data.map((i) => [i.status, i.total])).toEqual([
      ['paid', 99000],
      ['paid', 99000],
    ]);
    const events = emulator.events({ type: 'plugipay.subscription.renewed.v1' });
    expect(events).toHaveLength(2);
    expect(events[0]!.data).toMatchObject({ daysAdvanced: 65, object: { id: subscription.id } });
    // The clock keeps its place: 30 more days cross 1 June only.
    expect(((await client.testClocks.advance({ subscriptionId: subscription.id, days: 30 })) as { renewals: number }).renewals).toBe(1);
  });

  it('a trial ends into an active period; send_invoice leaves the invoice open', async () => {
    const { client, subscription } = await subscribed({ trialDays: 14, collectionMethod: 'send_invoice' });
    expect(subscription.status).toBe('trialing');
    await client.testClocks.advance({ subscriptionId: subscription.id, days: 15 });
    expect((await client.subscriptions.get(subscription.id)).status).toBe('active');
    const [invoice] = (await client.invoices.list({ subscriptionId: subscription.id })).data;
    expect(invoice).toMatchObject({ status: 'open', amountDue: 99000 });
  });

  it('a cancellation at period end takes effect when the clock reaches it; ended subscriptions do not move', async () => {
    const { client, subscription } = await subscribed();
    await client.subscriptions.cancel(subscription.id, { at: 'period_end' });
    await client.testClocks.advance({ subscriptionId: subscription.id, days: 40 });
    expect((await client.subscriptions.get(subscription.id)).status).toBe('canceled');
    expect((await client.invoices.list({ subscriptionId: subscription.id })).data).toEqual([]);
    const err = await client.testClocks.advance({ subscriptionId: subscription.id, days: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlugipayError);
    expect(err).toMatchObject({ status: 409 });
  });
});
