/**
 * Client-side validation of resource inputs: one bad input per constrained field family fails
 * with `invalid_request`, names the field in `fieldErrors` and in the message, and sends nothing.
 */
import { describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError } from '../../src/entries/index';

let sent = 0;
const client = new PlugipayClient({
  keyId: 'pk_test_validation',
  secret: 'sk_test_validation',
  fetch: async () => {
    sent++;
    throw new Error('no request should be sent');
  },
});

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHECKOUT = {
  amount: 150000,
  currency: 'IDR',
  methods: ['qris' as const],
  successUrl: 'https://shop.example/ok',
  cancelUrl: 'https://shop.example/cancel',
};
const PLAN = { name: 'Pro', interval: 'month' as const };
const manyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));

/** [what is wrong, the call (inputs cast where the types already refuse them), the field named]. */
const CASES: [string, () => PromiseLike<unknown>, string][] = [
  // lengths
  ['a name over 255 characters', () => client.plans.create({ ...PLAN, name: 'x'.repeat(256), currency: 'IDR', amount: 1 }), 'name'],
  ['an empty name', () => client.customers.create({ name: '' }), 'name'],
  ['an empty failure reason', () => client.payouts.markFailed('po_1', { failureReason: '' }), 'failureReason'],
  ['an empty id', () => client.invoices.get(''), 'id'],
  // integer ranges
  ['negative trial days', () => client.plans.create({ ...PLAN, trialDays: -1, currency: 'IDR', amount: 1 }), 'trialDays'],
  ['a page size over 100', () => client.invoices.list({ limit: 101 }), 'limit'],
  ['zero days on a test clock', () => client.testClocks.advance({ subscriptionId: 'sub_1', days: 0 }), 'days'],
  [
    'a fractional line quantity',
    () => client.invoices.create({ customerId: 'c', currency: 'IDR', lines: [{ description: 'x', quantity: 1.5, unitAmount: 1 }] }),
    'lines[0].quantity',
  ],
  // money
  ['a fractional amount', () => client.checkoutSessions.create({ ...CHECKOUT, amount: 1500.5 }), 'amount'],
  ['a zero payout', () => client.payouts.create({ amount: 0, currency: 'IDR' }), 'amount'],
  [
    'a negative discount',
    () =>
      client.invoices.create({ customerId: 'c', currency: 'IDR', lines: [{ description: 'x', quantity: 1, unitAmount: 1 }], discount: -5 }),
    'discount',
  ],
  ['a lower-case currency', () => client.payouts.create({ amount: 10, currency: 'idr' }), 'currency'],
  // enums
  ['an unknown interval', () => client.plans.create({ ...PLAN, interval: 'fortnight' as 'month', currency: 'IDR', amount: 1 }), 'interval'],
  ['an unknown cancel moment', () => client.subscriptions.cancel('sub_1', { at: 'tomorrow' as 'now' }), 'at'],
  ['an unknown refund reason', () => client.refunds.create({ chargeId: 'pay_1', reason: 'changed_mind' as 'other' }), 'reason'],
  ['an unknown payout status filter', () => client.payouts.list({ status: 'canceled' as 'cancelled' }), 'status'],
  ['an unknown order', () => client.events.list({ order: 'newest' as 'desc' }), 'order'],
  // required fields
  ['a missing returnUrl', () => client.portalSessions.create({ customerId: 'cus_1' } as never), 'returnUrl'],
  [
    'a missing bank account holder',
    () => client.payouts.updateBankAccount({ bankName: 'BCA', bankAccountNumber: '1' } as never),
    'bankAccountHolder',
  ],
  ['a missing report period end', () => client.reports.ledgerCsv({ from: '2026-01-01T00:00:00Z' } as never), 'to'],
  ['no event ids', () => client.events.replay({ eventIds: [] }), 'eventIds'],
  ['no invoice lines', () => client.invoices.create({ customerId: 'c', currency: 'IDR', lines: [] }), 'lines'],
  // URLs
  [
    'a plain-http portal return URL',
    () => client.portalSessions.create({ customerId: 'cus_1', returnUrl: 'http://shop.example/account' }),
    'returnUrl',
  ],
  ['a relative webhook URL', () => client.webhookEndpoints.create({ url: '/hooks' }), 'url'],
  // emails
  ['an invalid onboarding email', () => client.adapters.startManagedOnboarding({ email: 'ops at toko' }), 'email'],
  ['an invalid receipt address', () => client.receipts.email('rcpt_1', { to: 'nobody' }), 'to'],
  // metadata
  ['51 metadata keys', () => client.subscriptions.update('sub_1', { metadata: manyKeys }), 'metadata'],
  [
    'a non-string metadata value',
    () => client.refunds.create({ chargeId: 'pay_1', metadata: { n: 1 as unknown as string } }),
    'metadata.n',
  ],
  // timestamps
  ['an impossible date', () => client.reports.pnl({ from: '2026-13-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }), 'from'],
  ['a date without a time', () => client.events.list({ occurredAfter: '2026-01-01' }), 'occurredAfter'],
  // formats
  ['a colour name', () => client.templates.create({ kind: 'receipt', name: 'R', config: { accentColor: 'red' } }), 'config.accentColor'],
  [
    'a discount rate above 1',
    () => client.admin.provisionWorkspace({ accountId: 'acc_1', partner: 'storlaunch', discountRate: 3 }),
    'discountRate',
  ],
  ['a misspelt field', () => client.customers.create({ nmae: 'Ada' } as never), 'nmae'],
  // refunds: exactly one way of naming the charge
  ['a refund naming no charge', () => client.refunds.create({ amount: 100 } as never), 'chargeId'],
  [
    'a refund naming the charge twice',
    () => client.refunds.create({ chargeId: 'pay_1', sourceType: 'invoice', sourceId: 'inv_1' } as never),
    'chargeId',
  ],
  ['a refund source without its id', () => client.refunds.create({ sourceType: 'invoice' } as never), 'chargeId'],
  // plans: prices, or the currency + amount shorthand
  ['a plan with neither prices nor shorthand', () => client.plans.create(PLAN as never), 'prices'],
  [
    'a plan with both prices and shorthand',
    () => client.plans.create({ ...PLAN, currency: 'IDR', amount: 1, prices: [{ currency: 'IDR', unitAmount: 1 }] } as never),
    'prices',
  ],
  ['a shorthand without amount', () => client.plans.create({ ...PLAN, currency: 'IDR' } as never), 'prices'],
  [
    'a tiered price without tiers',
    () => client.plans.create({ ...PLAN, prices: [{ currency: 'IDR', model: 'tiered' }] }),
    'prices[0].tiers',
  ],
  ['a flat price without an amount', () => client.plans.addPrice('plan_1', { currency: 'IDR' }), 'unitAmount'],
  [
    'a tier bound of zero',
    () => client.plans.addPrice('plan_1', { currency: 'IDR', model: 'volume', tiers: [{ upTo: 0, unitAmount: 1 }] }),
    'tiers[0].upTo',
  ],
  // uploads
  ['an upload that is not a file', () => client.uploads.image('logo.png' as never), 'input'],
  [
    'an upload over 5 MB',
    () => client.uploads.image(new Uint8Array(5 * 1024 * 1024 + 1).fill(0).map((b, i) => PNG_HEADER[i] ?? b)),
    'input',
  ],
  ['a text file', () => client.uploads.image(new Blob(['hello'], { type: 'text/plain' })), 'input'],
  ['bytes that are no image', () => client.uploads.image(new TextEncoder().encode('GIF89a')), 'input'],
];

describe('resource inputs are validated before any request', () => {
  it.each(CASES)('%s', async (_what, call, field) => {
    const before = sent;
    const error = await Promise.resolve(call()).then(
      () => expect.unreachable('the call should fail'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlugipayError);
    const failure = error as PlugipayError;
    expect(failure.code).toBe('invalid_request');
    expect(failure.status).toBe(0);
    expect(failure.fieldErrors?.map((f) => f.field)).toContain(field);
    expect(failure.message).toMatch(/^[\w.[\]]+: /);
    expect(sent).toBe(before);
  });

  it('names both ways of naming the charge when a refund gives neither', async () => {
    await expect(client.refunds.create({} as never)).rejects.toMatchObject({
      message: 'chargeId: give either chargeId, or sourceType with sourceId (exactly one of the two)',
    });
  });

  it('reports every problem at once, the first one in the message', async () => {
    const error = (await client.checkoutSessions.create({ ...CHECKOUT, amount: -1, successUrl: 'nope' }).catch((e) => e)) as PlugipayError;
    expect(error.fieldErrors?.map((f) => f.field)).toEqual(['amount', 'successUrl']);
    expect(error.message).toBe('amount: must be at least 1');
  });

  it('never quotes a credential in a message', async () => {
    const secret = 'xnd_development_SUPERSECRET';
    const error = (await client.adapters.updateXendit({ secretKey: secret, mode: 'live' } as never).catch((e) => e)) as PlugipayError;
    expect(error.code).toBe('invalid_request');
    expect(JSON.stringify(error.toJSON())).not.toContain(secret);
    expect(error.message).not.toContain(secret);
  });
});
