/**
 * Type tests: what every namespace's methods take and return. They run under vitest (where
 * `expectTypeOf` is inert) and are checked by `npx tsc -p test/tsconfig.json`, which also checks
 * every `@ts-expect-error` below still marks an input the types refuse.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  APIPromise,
  AdapterConfig,
  AdapterKind,
  AdminProvisionInput,
  BankAccount,
  BankAccountUpdateInput,
  CashFlowReport,
  CheckoutSession,
  CheckoutSettings,
  CheckoutSettingsUpdateInput,
  Customer,
  EmailInput,
  EmailResult,
  EscposParams,
  EventListParams,
  EventRecord,
  EventReplayResult,
  EventTriggerResult,
  GiftCard,
  GiftCardBalance,
  GiftCardMutation,
  GiftCardRedeemInput,
  Invoice,
  InvoiceCreateInput,
  LedgerBalance,
  LedgerCsvParams,
  LedgerEntry,
  ManagedOnboardingState,
  PagePromise,
  PartnerUsageSummary,
  PartnerWorkspace,
  Payout,
  PayoutBalance,
  PayoutCreateInput,
  PayoutReferenceInput,
  Plan,
  PlanCreateInput,
  PnlReport,
  PortalSession,
  PortalSessionCreateInput,
  Price,
  PriceInput,
  ReceiptDocument,
  ReceiptListParams,
  ReceiptSummary,
  Refund,
  RefundCreateInput,
  RequestOptions,
  Subscription,
  SubscriptionCancelInput,
  Template,
  TemplateCreateInput,
  TestClockAdvanceInput,
  TestClockAdvanceResult,
  UploadedFile,
  UploadImageInput,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreateInput,
  XenditAdapterInput,
} from '../../src/entries/index';
import { PlugipayClient } from '../../src/entries/index';

const client = new PlugipayClient({ keyId: 'pk_test_types', secret: 'sk_test_types' });
type Input<F extends (...args: never[]) => unknown> = Parameters<F>;

describe('result types', () => {
  it('customers and plans', () => {
    expectTypeOf(client.customers.create).returns.toEqualTypeOf<APIPromise<Customer>>();
    expectTypeOf(client.customers.delete).returns.toEqualTypeOf<APIPromise<void>>();
    expectTypeOf(client.plans.create).returns.toEqualTypeOf<APIPromise<Plan>>();
    expectTypeOf(client.plans.get).returns.toEqualTypeOf<APIPromise<Plan>>();
    expectTypeOf(client.plans.list).returns.toEqualTypeOf<PagePromise<Plan>>();
    expectTypeOf(client.plans.archive).returns.toEqualTypeOf<APIPromise<Plan>>();
    expectTypeOf(client.plans.addPrice).returns.toEqualTypeOf<APIPromise<Price>>();
    expectTypeOf(client.plans.updatePrice).returns.toEqualTypeOf<APIPromise<Price>>();
    expectTypeOf(client.plans.deletePrice).returns.toEqualTypeOf<APIPromise<void>>();
  });

  it('checkout sessions, invoices and receipts: JSON, text and binary', () => {
    expectTypeOf(client.checkoutSessions.list).returns.toEqualTypeOf<PagePromise<CheckoutSession>>();
    expectTypeOf(client.checkoutSessions.delete).returns.toEqualTypeOf<APIPromise<void>>();
    expectTypeOf(client.checkoutSessions.receipt).returns.toEqualTypeOf<APIPromise<ReceiptDocument>>();
    expectTypeOf(client.checkoutSessions.receiptLink).returns.toEqualTypeOf<APIPromise<ReceiptSummary>>();
    expectTypeOf(client.checkoutSessions.receiptPdf).returns.toEqualTypeOf<APIPromise<ArrayBuffer>>();
    expectTypeOf(client.checkoutSessions.receiptHtml).returns.toEqualTypeOf<APIPromise<string>>();
    expectTypeOf(client.checkoutSessions.receiptEscpos).returns.toEqualTypeOf<APIPromise<ArrayBuffer>>();
    expectTypeOf(client.checkoutSessions.emailReceipt).returns.toEqualTypeOf<APIPromise<EmailResult>>();

    expectTypeOf(client.invoices.create).returns.toEqualTypeOf<APIPromise<Invoice>>();
    expectTypeOf(client.invoices.list).returns.toEqualTypeOf<PagePromise<Invoice>>();
    expectTypeOf(client.invoices.void).returns.toEqualTypeOf<APIPromise<Invoice>>();
    expectTypeOf(client.invoices.sendEmail).returns.toEqualTypeOf<APIPromise<EmailResult>>();
    expectTypeOf(client.invoices.send).returns.toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf(client.invoices.pdf).returns.toEqualTypeOf<APIPromise<ArrayBuffer>>();
    expectTypeOf(client.invoices.renderPdf).returns.toEqualTypeOf<APIPromise<ArrayBuffer>>();
    expectTypeOf(client.invoices.renderHtml).returns.toEqualTypeOf<APIPromise<string>>();
    expectTypeOf(client.invoices.renderEscpos).returns.toEqualTypeOf<APIPromise<ArrayBuffer>>();
    expectTypeOf(client.invoices.receipt).returns.toEqualTypeOf<APIPromise<ReceiptSummary>>();

    expectTypeOf(client.receipts.list).returns.toEqualTypeOf<PagePromise<ReceiptSummary>>();
    expectTypeOf(client.receipts.get).returns.toEqualTypeOf<APIPromise<ReceiptDocument>>();
    expectTypeOf(client.receipts.renderHtml).returns.toEqualTypeOf<APIPromise<string>>();
    expectTypeOf(client.receipts.renderPdf).returns.toEqualTypeOf<APIPromise<ArrayBuffer>>();
    expectTypeOf(client.receipts.email).returns.toEqualTypeOf<APIPromise<EmailResult>>();
  });

  it('subscriptions, portal sessions, refunds and payouts', () => {
    expectTypeOf(client.subscriptions.create).returns.toEqualTypeOf<APIPromise<Subscription>>();
    expectTypeOf(client.subscriptions.list).returns.toEqualTypeOf<PagePromise<Subscription>>();
    expectTypeOf(client.subscriptions.cancel).returns.toEqualTypeOf<APIPromise<Subscription>>();
    expectTypeOf(client.portalSessions.create).returns.toEqualTypeOf<APIPromise<PortalSession>>();
    expectTypeOf(client.refunds.create).returns.toEqualTypeOf<APIPromise<Refund>>();
    expectTypeOf(client.refunds.list).returns.toEqualTypeOf<PagePromise<Refund>>();
    expectTypeOf(client.payouts.create).returns.toEqualTypeOf<APIPromise<Payout>>();
    expectTypeOf(client.payouts.list).returns.toEqualTypeOf<PagePromise<Payout>>();
    expectTypeOf(client.payouts.markFailed).returns.toEqualTypeOf<APIPromise<Payout>>();
    expectTypeOf(client.payouts.balance).returns.toEqualTypeOf<APIPromise<PayoutBalance>>();
    expectTypeOf(client.payouts.getBankAccount).returns.toEqualTypeOf<APIPromise<BankAccount>>();
    expectTypeOf(client.payouts.updateBankAccount).returns.toEqualTypeOf<APIPromise<BankAccount>>();
  });

  it('ledger, reports, webhooks and events: arrays where the route is not paginated', () => {
    expectTypeOf(client.ledger.list).returns.toEqualTypeOf<PagePromise<LedgerEntry>>();
    expectTypeOf(client.ledger.balances).returns.toEqualTypeOf<APIPromise<LedgerBalance[]>>();
    expectTypeOf(client.reports.pnl).returns.toEqualTypeOf<APIPromise<PnlReport>>();
    expectTypeOf(client.reports.cashFlow).returns.toEqualTypeOf<APIPromise<CashFlowReport>>();
    expectTypeOf(client.reports.ledgerCsv).returns.toEqualTypeOf<APIPromise<string>>();
    expectTypeOf(client.webhookEndpoints.list).returns.toEqualTypeOf<APIPromise<WebhookEndpoint[]>>();
    expectTypeOf(client.webhookEndpoints.create).returns.toEqualTypeOf<APIPromise<WebhookEndpoint>>();
    expectTypeOf(client.webhookEndpoints.delete).returns.toEqualTypeOf<APIPromise<void>>();
    expectTypeOf(client.webhookEndpoints.listDeliveries).returns.toEqualTypeOf<PagePromise<WebhookDelivery>>();
    expectTypeOf(client.webhookEndpoints.retryDelivery).returns.toEqualTypeOf<APIPromise<WebhookDelivery>>();
    expectTypeOf(client.events.list).returns.toEqualTypeOf<PagePromise<EventRecord>>();
    expectTypeOf(client.events.get).returns.toEqualTypeOf<APIPromise<EventRecord>>();
    expectTypeOf(client.events.replay).returns.toEqualTypeOf<APIPromise<EventReplayResult>>();
    expectTypeOf(client.events.trigger).returns.toEqualTypeOf<APIPromise<EventTriggerResult>>();
    expectTypeOf(client.events.types).returns.toEqualTypeOf<APIPromise<string[]>>();
  });

  it('adapters, gift cards, templates, settings, uploads and the rest', () => {
    expectTypeOf(client.adapters.list).returns.toEqualTypeOf<APIPromise<Record<AdapterKind, AdapterConfig>>>();
    expectTypeOf(client.adapters.updateXendit).returns.toEqualTypeOf<APIPromise<AdapterConfig>>();
    expectTypeOf(client.adapters.managedOnboardingState).returns.toEqualTypeOf<APIPromise<ManagedOnboardingState | null>>();
    expectTypeOf(client.adapters.startManagedOnboarding).returns.toEqualTypeOf<APIPromise<ManagedOnboardingState>>();
    expectTypeOf(client.giftCards.issue).returns.toEqualTypeOf<APIPromise<GiftCard>>();
    expectTypeOf(client.giftCards.list).returns.toEqualTypeOf<PagePromise<GiftCard>>();
    expectTypeOf(client.giftCards.getByCode).returns.toEqualTypeOf<APIPromise<GiftCard>>();
    expectTypeOf(client.giftCards.balance).returns.toEqualTypeOf<APIPromise<GiftCardBalance>>();
    expectTypeOf(client.giftCards.redeem).returns.toEqualTypeOf<APIPromise<GiftCardMutation>>();
    expectTypeOf(client.giftCards.topup).returns.toEqualTypeOf<APIPromise<GiftCardMutation>>();
    expectTypeOf(client.giftCards.void).returns.toEqualTypeOf<APIPromise<GiftCard>>();
    expectTypeOf(client.templates.list).returns.toEqualTypeOf<APIPromise<Template[]>>();
    expectTypeOf(client.templates.duplicate).returns.toEqualTypeOf<APIPromise<Template>>();
    expectTypeOf(client.templates.preview).returns.toEqualTypeOf<APIPromise<string>>();
    expectTypeOf(client.templates.delete).returns.toEqualTypeOf<APIPromise<void>>();
    expectTypeOf(client.checkoutSettings.get).returns.toEqualTypeOf<APIPromise<CheckoutSettings>>();
    expectTypeOf(client.checkoutSettings.update).returns.toEqualTypeOf<APIPromise<CheckoutSettings>>();
    expectTypeOf(client.uploads.image).returns.toEqualTypeOf<APIPromise<UploadedFile>>();
    expectTypeOf(client.dashboard.metrics).returns.toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf(client.dashboard.overview).returns.toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf(client.testClocks.advance).returns.toEqualTypeOf<APIPromise<TestClockAdvanceResult>>();
    expectTypeOf(client.admin.provisionWorkspace).returns.toEqualTypeOf<APIPromise<PartnerWorkspace>>();
    expectTypeOf(client.admin.getWorkspace).returns.toEqualTypeOf<APIPromise<PartnerWorkspace>>();
    expectTypeOf(client.admin.partnerUsage).returns.toEqualTypeOf<APIPromise<PartnerUsageSummary>>();
  });
});

describe('input types', () => {
  it('take (id?, input?, options?) in that order, with the exported input types', () => {
    expectTypeOf<Input<typeof client.plans.create>>().toEqualTypeOf<[input: PlanCreateInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.plans.addPrice>>().toEqualTypeOf<[id: string, input: PriceInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.plans.get>>().toEqualTypeOf<[id: string, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.invoices.create>>().toEqualTypeOf<[input: InvoiceCreateInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.invoices.sendEmail>>().toEqualTypeOf<[id: string, input?: EmailInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.invoices.renderEscpos>>().toEqualTypeOf<
      [id: string, input?: EscposParams, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.subscriptions.cancel>>().toEqualTypeOf<
      [id: string, input?: SubscriptionCancelInput, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.portalSessions.create>>().toEqualTypeOf<[input: PortalSessionCreateInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.receipts.list>>().toEqualTypeOf<[input?: ReceiptListParams, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.refunds.create>>().toEqualTypeOf<[input: RefundCreateInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.payouts.create>>().toEqualTypeOf<[input: PayoutCreateInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.payouts.markPaid>>().toEqualTypeOf<
      [id: string, input?: PayoutReferenceInput, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.payouts.balance>>().toEqualTypeOf<[options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.payouts.updateBankAccount>>().toEqualTypeOf<
      [input: BankAccountUpdateInput, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.reports.ledgerCsv>>().toEqualTypeOf<[input: LedgerCsvParams, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.webhookEndpoints.create>>().toEqualTypeOf<
      [input: WebhookEndpointCreateInput, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.events.list>>().toEqualTypeOf<[input?: EventListParams, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.adapters.updateXendit>>().toEqualTypeOf<[input: XenditAdapterInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.giftCards.getByCode>>().toEqualTypeOf<[code: string, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.giftCards.redeem>>().toEqualTypeOf<
      [id: string, input: GiftCardRedeemInput, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.templates.create>>().toEqualTypeOf<[input: TemplateCreateInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.checkoutSettings.update>>().toEqualTypeOf<
      [input: CheckoutSettingsUpdateInput, options?: RequestOptions]
    >();
    expectTypeOf<Input<typeof client.uploads.image>>().toEqualTypeOf<[input: UploadImageInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.testClocks.advance>>().toEqualTypeOf<[input: TestClockAdvanceInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.admin.provisionWorkspace>>().toEqualTypeOf<[input: AdminProvisionInput, options?: RequestOptions]>();
    expectTypeOf<Input<typeof client.admin.getWorkspace>>().toEqualTypeOf<[accountId: string, options?: RequestOptions]>();
  });

  it('spell out the documented shapes', () => {
    expectTypeOf<PlanCreateInput['interval']>().toEqualTypeOf<'day' | 'week' | 'month' | 'year'>();
    expectTypeOf<PriceInput['model']>().toEqualTypeOf<'flat' | 'tiered' | 'volume' | 'usage' | undefined>();
    expectTypeOf<SubscriptionCancelInput>().toEqualTypeOf<{
      at?: 'now' | 'period_end';
      reason?: 'customer_portal' | 'merchant' | 'failed_payment' | 'user_request';
    }>();
    expectTypeOf<PayoutReferenceInput>().toEqualTypeOf<{ reference?: string | null }>();
    expectTypeOf<PortalSessionCreateInput>().toEqualTypeOf<{ customerId: string; returnUrl: string }>();
    expectTypeOf<TestClockAdvanceInput>().toEqualTypeOf<{ subscriptionId: string; days: number }>();
    expectTypeOf<ReceiptListParams>().not.toHaveProperty('order');
    expectTypeOf<UploadImageInput>().toEqualTypeOf<Blob | Uint8Array | ArrayBuffer>();
  });

  it('accept both plan forms and both ways of naming a refunded charge', () => {
    expectTypeOf({ name: 'Pro', interval: 'month', currency: 'IDR', amount: 99000 } as const).toExtend<PlanCreateInput>();
    expectTypeOf({ name: 'Pro', interval: 'month' as const, prices: [{ currency: 'IDR', unitAmount: 1 }] }).toExtend<PlanCreateInput>();
    expectTypeOf({ chargeId: 'pay_1' }).toExtend<RefundCreateInput>();
    expectTypeOf({ sourceType: 'invoice', sourceId: 'inv_1', amount: 5 } as const).toExtend<RefundCreateInput>();
    expectTypeOf({ reason: 'fraud' }).not.toExtend<RefundCreateInput>();
  });
});

/** Never called: each line must fail to type-check (tsc reports an unused `@ts-expect-error`). */
export function refusedInputs(c: PlugipayClient): void {
  // @ts-expect-error a plan needs prices or the currency + amount shorthand
  void c.plans.create({ name: 'Pro', interval: 'month' });
  // @ts-expect-error not both prices and the shorthand
  void c.plans.create({ name: 'Pro', interval: 'month', currency: 'IDR', amount: 1, prices: [{ currency: 'IDR' }] });
  // @ts-expect-error an interval the API does not know
  void c.plans.create({ name: 'Pro', interval: 'fortnight', currency: 'IDR', amount: 1 });
  void c.checkoutSessions.create({
    // @ts-expect-error amounts are numbers in the minor unit
    amount: '1500',
    currency: 'IDR',
    methods: ['qris'],
    successUrl: 'https://a.b',
    cancelUrl: 'https://a.b',
  });
  // @ts-expect-error exactly one way of naming the charge
  void c.refunds.create({ chargeId: 'pay_1', sourceType: 'invoice', sourceId: 'inv_1' });
  // @ts-expect-error a source type needs its source id
  void c.refunds.create({ sourceType: 'invoice' });
  // @ts-expect-error receipts declare no order
  void c.receipts.list({ order: 'asc' });
  // @ts-expect-error payouts declare no order
  void c.payouts.list({ order: 'desc' });
  // @ts-expect-error deliveries declare no order
  void c.webhookEndpoints.listDeliveries({ order: 'asc' });
  // @ts-expect-error the cancelled payout status has a double "l"
  void c.payouts.list({ status: 'canceled' });
  // @ts-expect-error the report period is required
  void c.reports.pnl({ currency: 'IDR' });
  // @ts-expect-error portal sessions take nothing extra
  void c.portalSessions.create({ customerId: 'cus_1', returnUrl: 'https://a.b', locale: 'id' });
  // @ts-expect-error a gift card lookup is keyed by code
  void c.giftCards.getByCode();
  // @ts-expect-error redeem needs the idempotency pair
  void c.giftCards.redeem('gc_1', { amount: 100 });
  // @ts-expect-error failing a payout needs a reason
  void c.payouts.markFailed('po_1');
  // @ts-expect-error a bank account update needs the holder
  void c.payouts.updateBankAccount({ bankName: 'BCA', bankAccountNumber: '1' });
  // @ts-expect-error uploads take a Blob, File or bytes, not a path
  void c.uploads.image('logo.png');
  // @ts-expect-error template kinds are checkout, receipt or invoice
  void c.templates.list({ kind: 'email' });
  // @ts-expect-error a Paypal mode is live or sandbox
  void c.adapters.updatePaypal({ clientId: 'id', secret: 's', mode: 'production' });
  // @ts-expect-error test clocks advance by whole days given as a number
  void c.testClocks.advance({ subscriptionId: 'sub_1', days: '30' });
  // @ts-expect-error ledgerCsv is text: no JSON fields on a string
  void c.reports.ledgerCsv({ from: '', to: '' }).then((csv) => csv.rows);
}
