/**
 * Walks the whole route table (ENDPOINTS §1) against a bare node:http server: each method sends
 * the documented HTTP method, the exact raw path (ids with a space and a slash, encoded once),
 * query and JSON body, an Idempotency-Key on every write, and a signature that the independent
 * node:crypto verifier accepts. The table must name every method of every namespace.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
import { verifyReceived } from '../support/node-signer';
import { envelope, sendJson, startRawServer, type RawServer, type Received } from '../support/raw-server';

const SECRET = 'sk_test_route_table_0123456789';
/** A space and a slash: both must arrive percent-encoded, exactly once. */
const ID = 'id 1/x';
const ENC = 'id%201%2Fx';
const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-02-01T00:00:00Z';
const PERIOD = 'from=2026-01-01T00%3A00%3A00Z&to=2026-02-01T00%3A00%3A00Z';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const BYTES = [0x25, 0x50, 0x44, 0x46];
const GIFT_CARD = { id: 'gc_1', code: 'GC 1/2', balance: 5000, currency: 'IDR', status: 'active', note: null, kind: 'gift_card' };

type Answer = { kind: 'json'; data: unknown } | { kind: 'page' } | { kind: 'text' } | { kind: 'binary' } | { kind: 'void' };

interface RouteCase {
  call: (client: PlugipayClient) => PromiseLike<unknown>;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The raw request target: pathname + search, exactly as it must arrive. */
  target: string;
  /** The JSON body expected; left out: no body at all. */
  body?: unknown;
  multipart?: true;
  /** How the server answers (default: a JSON envelope of `{ id: 'ok' }`). */
  answer?: Answer;
  /** What the call must resolve to (default: what the answer implies). */
  result?: unknown;
}

const get = (target: string, extra: Partial<RouteCase> = {}) => ({ method: 'GET' as const, target, ...extra });
const write = (method: RouteCase['method'], target: string, body: unknown, extra: Partial<RouteCase> = {}) => ({
  method,
  target,
  body,
  ...extra,
});
const text = { answer: { kind: 'text' } } as const;
const binary = { answer: { kind: 'binary' } } as const;
const page = { answer: { kind: 'page' } } as const;
const empty = { answer: { kind: 'void' } } as const;
const list = (data: unknown[]) => ({ answer: { kind: 'json', data } }) as const;

const CHECKOUT = {
  amount: 150000,
  currency: 'IDR',
  methods: ['qris' as const],
  successUrl: 'https://shop.example/ok',
  cancelUrl: 'https://shop.example/cancel',
};
const DEFAULT_PORTAL_FEATURES = {
  selfServeCancel: true,
  selfServePause: false,
  selfServeUpgrade: false,
  selfServeDowngrade: false,
  updatePaymentMethod: true,
};
const BANK = { bankName: 'BCA', bankAccountNumber: '123 456', bankAccountHolder: 'Toko Ada' };

type Table = Record<string, Record<string, Omit<RouteCase, 'call'> & { call: RouteCase['call'] }>>;

/** [namespace][method] → the call and what must go on the wire. */
const TABLE: Table = {
  onboarding: {
    provisionManaged: {
      call: (c) => c.onboarding.provisionManaged(),
      ...write('POST', '/api/v1/onboarding/provision-managed', {}),
      answer: { kind: 'json', data: { subAccountId: 'acct_1' } },
    },
  },
  workspaces: {
    get: {
      call: (c) => c.workspaces.get(),
      ...get('/api/v1/workspaces'),
      answer: { kind: 'json', data: [{ id: 'acc_1', name: 'Toko' }] },
      result: { id: 'acc_1', name: 'Toko' },
    },
  },
  customers: {
    create: {
      call: (c) => c.customers.create({ email: 'ada@example.com' }),
      ...write('POST', '/api/v1/customers', { email: 'ada@example.com' }),
    },
    get: { call: (c) => c.customers.get(ID), ...get(`/api/v1/customers/${ENC}`) },
    list: { call: (c) => c.customers.list({ limit: 2, email: 'a@b.co' }), ...get('/api/v1/customers?limit=2&email=a%40b.co', page) },
    update: { call: (c) => c.customers.update(ID, { name: 'Ada' }), ...write('PATCH', `/api/v1/customers/${ENC}`, { name: 'Ada' }) },
    delete: { call: (c) => c.customers.delete(ID), ...get(`/api/v1/customers/${ENC}`, empty), method: 'DELETE' },
  },
  plans: {
    create: {
      call: (c) => c.plans.create({ name: 'Pro', interval: 'month', currency: 'IDR', amount: 99000 }),
      ...write('POST', '/api/v1/plans', {
        name: 'Pro',
        interval: 'month',
        portalFeatures: DEFAULT_PORTAL_FEATURES,
        prices: [{ currency: 'IDR', model: 'flat', unitAmount: 99000 }],
      }),
    },
    get: { call: (c) => c.plans.get(ID), ...get(`/api/v1/plans/${ENC}`) },
    list: { call: (c) => c.plans.list({ active: true, order: 'asc' }), ...get('/api/v1/plans?active=true&order=asc', page) },
    update: { call: (c) => c.plans.update(ID, { active: false }), ...write('PATCH', `/api/v1/plans/${ENC}`, { active: false }) },
    archive: { call: (c) => c.plans.archive(ID), ...write('POST', `/api/v1/plans/${ENC}/archive`, {}) },
    addPrice: {
      call: (c) => c.plans.addPrice(ID, { currency: 'USD', unitAmount: 900 }),
      ...write('POST', `/api/v1/plans/${ENC}/prices`, { currency: 'USD', model: 'flat', unitAmount: 900 }),
    },
    updatePrice: { call: (c) => c.plans.updatePrice(ID, { active: false }), ...write('PATCH', `/api/v1/prices/${ENC}`, { active: false }) },
    deletePrice: { call: (c) => c.plans.deletePrice(ID), ...get(`/api/v1/prices/${ENC}`, empty), method: 'DELETE' },
  },
  checkoutSessions: {
    create: {
      call: (c) => c.checkoutSessions.create(CHECKOUT),
      ...write('POST', '/api/v1/checkout-sessions', { ...CHECKOUT, lineItems: [] }),
    },
    get: { call: (c) => c.checkoutSessions.get(ID), ...get(`/api/v1/checkout-sessions/${ENC}`) },
    list: { call: (c) => c.checkoutSessions.list({ status: 'completed' }), ...get('/api/v1/checkout-sessions?status=completed', page) },
    cancel: { call: (c) => c.checkoutSessions.cancel(ID), ...write('POST', `/api/v1/checkout-sessions/${ENC}/cancel`, {}) },
    confirm: { call: (c) => c.checkoutSessions.confirm(ID), ...write('POST', `/api/v1/checkout-sessions/${ENC}/confirm`, {}) },
    delete: { call: (c) => c.checkoutSessions.delete(ID), ...get(`/api/v1/checkout-sessions/${ENC}`, empty), method: 'DELETE' },
    receipt: { call: (c) => c.checkoutSessions.receipt(ID), ...get(`/api/v1/checkout-sessions/${ENC}/receipt`) },
    receiptLink: { call: (c) => c.checkoutSessions.receiptLink(ID), ...get(`/api/v1/checkout-sessions/${ENC}/receipt-link`) },
    receiptPdf: { call: (c) => c.checkoutSessions.receiptPdf(ID), ...get(`/api/v1/checkout-sessions/${ENC}/receipt.pdf`, binary) },
    receiptHtml: { call: (c) => c.checkoutSessions.receiptHtml(ID), ...get(`/api/v1/checkout-sessions/${ENC}/receipt.html`, text) },
    receiptEscpos: {
      call: (c) => c.checkoutSessions.receiptEscpos(ID, { width: 58 }),
      ...get(`/api/v1/checkout-sessions/${ENC}/receipt.escpos?width=58`, binary),
    },
    emailReceipt: {
      call: (c) => c.checkoutSessions.emailReceipt(ID),
      ...write('POST', `/api/v1/checkout-sessions/${ENC}/receipt/email`, {}),
    },
  },
  invoices: {
    create: {
      call: (c) =>
        c.invoices.create({ customerId: 'cus_1', currency: 'IDR', lines: [{ description: 'Seat', quantity: 2, unitAmount: 5000 }] }),
      ...write('POST', '/api/v1/invoices', {
        customerId: 'cus_1',
        currency: 'IDR',
        lines: [{ description: 'Seat', quantity: 2, unitAmount: 5000 }],
      }),
    },
    get: { call: (c) => c.invoices.get(ID), ...get(`/api/v1/invoices/${ENC}`) },
    list: {
      call: (c) => c.invoices.list({ customerId: 'cus 1', status: 'open' }),
      ...get('/api/v1/invoices?customerId=cus+1&status=open', page),
    },
    finalize: { call: (c) => c.invoices.finalize(ID), ...write('POST', `/api/v1/invoices/${ENC}/finalize`, {}) },
    pay: { call: (c) => c.invoices.pay(ID), ...write('POST', `/api/v1/invoices/${ENC}/pay`, {}) },
    void: { call: (c) => c.invoices.void(ID), ...write('POST', `/api/v1/invoices/${ENC}/void`, {}) },
    sendEmail: {
      call: (c) => c.invoices.sendEmail(ID, { to: 'b@x.co' }),
      ...write('POST', `/api/v1/invoices/${ENC}/send-email`, { to: 'b@x.co' }),
    },
    send: { call: (c) => c.invoices.send(ID), ...write('POST', `/api/v1/invoices/${ENC}/send`, {}) },
    pdf: { call: (c) => c.invoices.pdf(ID), ...get(`/api/v1/invoices/${ENC}/pdf`, binary) },
    renderPdf: { call: (c) => c.invoices.renderPdf(ID), ...get(`/api/v1/invoices/${ENC}/invoice.pdf`, binary) },
    renderHtml: { call: (c) => c.invoices.renderHtml(ID), ...get(`/api/v1/invoices/${ENC}/invoice.html`, text) },
    renderEscpos: { call: (c) => c.invoices.renderEscpos(ID), ...get(`/api/v1/invoices/${ENC}/invoice.escpos`, binary) },
    receipt: { call: (c) => c.invoices.receipt(ID), ...get(`/api/v1/invoices/${ENC}/receipt`) },
  },
  subscriptions: {
    create: {
      call: (c) => c.subscriptions.create({ customerId: 'cus_1', planId: 'plan_1', priceId: 'price_1' }),
      ...write('POST', '/api/v1/subscriptions', { customerId: 'cus_1', planId: 'plan_1', priceId: 'price_1' }),
    },
    get: { call: (c) => c.subscriptions.get(ID), ...get(`/api/v1/subscriptions/${ENC}`) },
    list: {
      call: (c) => c.subscriptions.list({ status: 'active', planId: 'plan_1' }),
      ...get('/api/v1/subscriptions?status=active&planId=plan_1', page),
    },
    update: {
      call: (c) => c.subscriptions.update(ID, { metadata: null }),
      ...write('PATCH', `/api/v1/subscriptions/${ENC}`, { metadata: null }),
    },
    cancel: { call: (c) => c.subscriptions.cancel(ID), ...write('POST', `/api/v1/subscriptions/${ENC}/cancel`, { at: 'period_end' }) },
    pause: {
      call: (c) => c.subscriptions.pause(ID, { resumeAt: new Date(FROM) }),
      ...write('POST', `/api/v1/subscriptions/${ENC}/pause`, { resumeAt: '2026-01-01T00:00:00.000Z' }),
    },
    resume: { call: (c) => c.subscriptions.resume(ID), ...write('POST', `/api/v1/subscriptions/${ENC}/resume`, {}) },
  },
  portalSessions: {
    create: {
      call: (c) => c.portalSessions.create({ customerId: 'cus_1', returnUrl: 'https://shop.example/account' }),
      ...write('POST', '/api/v1/portal-sessions', { customerId: 'cus_1', returnUrl: 'https://shop.example/account' }),
    },
  },
  receipts: {
    list: {
      call: (c) => c.receipts.list({ sourceType: 'invoice', limit: 5 }),
      ...get('/api/v1/receipts?sourceType=invoice&limit=5', page),
    },
    get: { call: (c) => c.receipts.get(ID), ...get(`/api/v1/receipts/${ENC}`) },
    renderPdf: { call: (c) => c.receipts.renderPdf(ID), ...get(`/api/v1/receipts/${ENC}/receipt.pdf`, binary) },
    renderHtml: { call: (c) => c.receipts.renderHtml(ID), ...get(`/api/v1/receipts/${ENC}/receipt.html`, text) },
    renderEscpos: {
      call: (c) => c.receipts.renderEscpos(ID, { width: 80 }),
      ...get(`/api/v1/receipts/${ENC}/receipt.escpos?width=80`, binary),
    },
    email: { call: (c) => c.receipts.email(ID, { to: 'b@x.co' }), ...write('POST', `/api/v1/receipts/${ENC}/email`, { to: 'b@x.co' }) },
  },
  refunds: {
    create: {
      call: (c) => c.refunds.create({ chargeId: 'pay_1', amount: 500 }),
      ...write('POST', '/api/v1/refunds', { chargeId: 'pay_1', amount: 500 }),
    },
    get: { call: (c) => c.refunds.get(ID), ...get(`/api/v1/refunds/${ENC}`) },
    list: { call: (c) => c.refunds.list({ chargeId: 'pay_1' }), ...get('/api/v1/refunds?chargeId=pay_1', page) },
  },
  payouts: {
    create: {
      call: (c) => c.payouts.create({ amount: 1000, currency: 'IDR' }),
      ...write('POST', '/api/v1/payouts', { amount: 1000, currency: 'IDR' }),
    },
    get: { call: (c) => c.payouts.get(ID), ...get(`/api/v1/payouts/${ENC}`) },
    list: { call: (c) => c.payouts.list({ status: 'pending' }), ...get('/api/v1/payouts?status=pending', page) },
    cancel: { call: (c) => c.payouts.cancel(ID), ...write('POST', `/api/v1/payouts/${ENC}/cancel`, {}) },
    markInTransit: {
      call: (c) => c.payouts.markInTransit(ID),
      ...write('POST', `/api/v1/payouts/${ENC}/mark-in-transit`, { reference: null }),
    },
    markPaid: {
      call: (c) => c.payouts.markPaid(ID, { reference: 'TRX-1' }),
      ...write('POST', `/api/v1/payouts/${ENC}/mark-paid`, { reference: 'TRX-1' }),
    },
    markFailed: {
      call: (c) => c.payouts.markFailed(ID, { failureReason: 'account closed' }),
      ...write('POST', `/api/v1/payouts/${ENC}/mark-failed`, { failureReason: 'account closed' }),
    },
    balance: { call: (c) => c.payouts.balance(), ...get('/api/v1/payouts/balance') },
    getBankAccount: { call: (c) => c.payouts.getBankAccount(), ...get('/api/v1/payouts/bank-account') },
    updateBankAccount: { call: (c) => c.payouts.updateBankAccount(BANK), ...write('PATCH', '/api/v1/payouts/bank-account', BANK) },
  },
  ledger: {
    list: {
      call: (c) => c.ledger.list({ sourceType: 'refund', order: 'desc' }),
      ...get('/api/v1/ledger?sourceType=refund&order=desc', page),
    },
    balances: { call: (c) => c.ledger.balances(), ...get('/api/v1/ledger/balances', list([{ code: 'revenue', balance: 1 }])) },
  },
  reports: {
    pnl: { call: (c) => c.reports.pnl({ from: FROM, to: TO, currency: 'IDR' }), ...get(`/api/v1/reports/pnl?${PERIOD}&currency=IDR`) },
    cashFlow: {
      call: (c) => c.reports.cashFlow({ from: new Date(FROM), to: TO }),
      ...get(`/api/v1/reports/cash-flow?from=2026-01-01T00%3A00%3A00.000Z&to=2026-02-01T00%3A00%3A00Z`),
    },
    ledgerCsv: { call: (c) => c.reports.ledgerCsv({ from: FROM, to: TO }), ...get(`/api/v1/reports/ledger.csv?${PERIOD}`, text) },
  },
  webhookEndpoints: {
    list: { call: (c) => c.webhookEndpoints.list(), ...get('/api/v1/webhooks', list([{ id: 'we_1' }])) },
    create: {
      call: (c) => c.webhookEndpoints.create({ url: 'https://hooks.example/p', events: ['plugipay.invoice.paid.v1'] }),
      ...write('POST', '/api/v1/webhooks', { url: 'https://hooks.example/p', events: ['plugipay.invoice.paid.v1'] }),
    },
    update: {
      call: (c) => c.webhookEndpoints.update(ID, { active: true }),
      ...write('PATCH', `/api/v1/webhooks/${ENC}`, { active: true }),
    },
    delete: { call: (c) => c.webhookEndpoints.delete(ID), ...get(`/api/v1/webhooks/${ENC}`, empty), method: 'DELETE' },
    listDeliveries: {
      call: (c) => c.webhookEndpoints.listDeliveries({ endpointId: 'we_1', status: 'failed' }),
      ...get('/api/v1/webhooks/deliveries?endpointId=we_1&status=failed', page),
    },
    getDelivery: { call: (c) => c.webhookEndpoints.getDelivery(ID), ...get(`/api/v1/webhooks/deliveries/${ENC}`) },
    retryDelivery: { call: (c) => c.webhookEndpoints.retryDelivery(ID), ...write('POST', `/api/v1/webhooks/deliveries/${ENC}/retry`, {}) },
  },
  events: {
    list: {
      call: (c) => c.events.list({ type: 'plugipay.invoice.paid.v1', limit: 2 }),
      ...get('/api/v1/events?type=plugipay.invoice.paid.v1&limit=2', page),
    },
    get: { call: (c) => c.events.get(ID), ...get(`/api/v1/events/${ENC}`) },
    replay: { call: (c) => c.events.replay({ eventIds: ['evt_1'] }), ...write('POST', '/api/v1/events/replay', { eventIds: ['evt_1'] }) },
    trigger: {
      call: (c) => c.events.trigger({ type: 'plugipay.invoice.paid.v1', aggregateId: 'inv_1' }),
      ...write('POST', '/api/v1/events/trigger', { type: 'plugipay.invoice.paid.v1', aggregateId: 'inv_1' }),
    },
    types: { call: (c) => c.events.types(), ...get('/api/v1/events/types', list(['plugipay.invoice.paid.v1'])) },
  },
  adapters: {
    list: {
      call: (c) => c.adapters.list(),
      ...get('/api/v1/adapters', { answer: { kind: 'json', data: { xendit: { kind: 'xendit', status: 'active' } } } }),
    },
    updateXendit: {
      call: (c) => c.adapters.updateXendit({ secretKey: 'xnd_secret' }),
      ...write('PUT', '/api/v1/adapters/xendit', { secretKey: 'xnd_secret' }),
    },
    updatePaypal: {
      call: (c) => c.adapters.updatePaypal({ clientId: 'pp_id', secret: 'pp_secret', mode: 'sandbox' }),
      ...write('PUT', '/api/v1/adapters/paypal', { clientId: 'pp_id', secret: 'pp_secret', mode: 'sandbox' }),
    },
    updateMidtrans: {
      call: (c) => c.adapters.updateMidtrans({ serverKey: 'sk', clientKey: 'ck', merchantId: 'G1' }),
      ...write('PUT', '/api/v1/adapters/midtrans', { serverKey: 'sk', clientKey: 'ck', merchantId: 'G1' }),
    },
    updateManual: { call: (c) => c.adapters.updateManual(), ...write('PUT', '/api/v1/adapters/manual', {}) },
    managedOnboardingState: {
      call: (c) => c.adapters.managedOnboardingState(),
      ...get('/api/v1/adapters/managed/onboarding', { answer: { kind: 'json', data: null } }),
    },
    startManagedOnboarding: {
      call: (c) => c.adapters.startManagedOnboarding({ email: 'ops@toko.example' }),
      ...write('POST', '/api/v1/adapters/managed/onboarding', { email: 'ops@toko.example' }),
    },
    simulateManagedOnboarding: {
      call: (c) => c.adapters.simulateManagedOnboarding({ payoutsReady: true }),
      ...write('POST', '/api/v1/adapters/managed/onboarding/_simulate', { payoutsReady: true }),
    },
  },
  giftCards: {
    issue: {
      call: (c) => c.giftCards.issue({ amount: 50000, currency: 'IDR' }),
      ...write('POST', '/api/v1/gift-cards', { amount: 50000, currency: 'IDR' }),
    },
    list: { call: (c) => c.giftCards.list({ status: 'active' }), ...get('/api/v1/gift-cards?status=active', page) },
    getByCode: {
      call: (c) => c.giftCards.getByCode('GC 1/2'),
      ...get('/api/v1/gift-cards/GC%201%2F2', { answer: { kind: 'json', data: GIFT_CARD } }),
    },
    balance: {
      call: (c) => c.giftCards.balance('GC 1/2'),
      ...get('/api/v1/gift-cards/GC%201%2F2', { answer: { kind: 'json', data: GIFT_CARD } }),
      result: { code: 'GC 1/2', balance: 5000, currency: 'IDR', status: 'active' },
    },
    redeem: {
      call: (c) => c.giftCards.redeem(ID, { amount: 1000, externalSource: 'pos', externalRef: 'order-1' }),
      ...write('POST', `/api/v1/gift-cards/${ENC}/redeem`, { amount: 1000, externalSource: 'pos', externalRef: 'order-1' }),
    },
    topup: {
      call: (c) => c.giftCards.topup(ID, { amount: 1000, externalSource: 'pos', externalRef: 'order-2' }),
      ...write('POST', `/api/v1/gift-cards/${ENC}/topup`, { amount: 1000, externalSource: 'pos', externalRef: 'order-2' }),
    },
    void: { call: (c) => c.giftCards.void(ID), ...write('POST', `/api/v1/gift-cards/${ENC}/void`, {}) },
  },
  templates: {
    list: { call: (c) => c.templates.list({ kind: 'receipt' }), ...get('/api/v1/templates?kind=receipt', list([{ id: 'tpl_1' }])) },
    get: { call: (c) => c.templates.get(ID), ...get(`/api/v1/templates/${ENC}`) },
    create: {
      call: (c) => c.templates.create({ kind: 'receipt', name: 'Default', config: { accentColor: '#112233', thankYouText: 'Thanks' } }),
      ...write('POST', '/api/v1/templates', {
        kind: 'receipt',
        name: 'Default',
        config: { accentColor: '#112233', thankYouText: 'Thanks' },
      }),
    },
    update: { call: (c) => c.templates.update(ID, { name: 'B' }), ...write('PATCH', `/api/v1/templates/${ENC}`, { name: 'B' }) },
    makeDefault: { call: (c) => c.templates.makeDefault(ID), ...write('POST', `/api/v1/templates/${ENC}/make-default`, {}) },
    duplicate: { call: (c) => c.templates.duplicate(ID), ...write('POST', `/api/v1/templates/${ENC}/duplicate`, {}) },
    preview: {
      call: (c) => c.templates.preview({ kind: 'invoice', config: {} }),
      ...write('POST', '/api/v1/templates/preview', { kind: 'invoice', config: {} }, text),
    },
    delete: { call: (c) => c.templates.delete(ID), ...get(`/api/v1/templates/${ENC}`, empty), method: 'DELETE' },
  },
  checkoutSettings: {
    get: { call: (c) => c.checkoutSettings.get(), ...get('/api/v1/checkout/settings') },
    update: {
      call: (c) => c.checkoutSettings.update({ brandName: 'Toko', brandAccentColor: '#aabbcc', businessEmail: null }),
      ...write('PATCH', '/api/v1/checkout/settings', { brandName: 'Toko', brandAccentColor: '#aabbcc', businessEmail: null }),
    },
  },
  uploads: {
    image: {
      call: (c) => c.uploads.image(new Blob([PNG], { type: 'image/png' })),
      method: 'POST',
      target: '/api/v1/uploads/image',
      multipart: true,
      answer: { kind: 'json', data: { url: '/api/v1/files/logo.png', fileName: 'logo.png', fileSize: 12 } },
    },
  },
  dashboard: {
    metrics: { call: (c) => c.dashboard.metrics({ window: '30d' }), ...get('/api/v1/dashboard/metrics?window=30d') },
    overview: { call: (c) => c.dashboard.overview(), ...get('/api/v1/dashboard/overview') },
  },
  testClocks: {
    advance: {
      call: (c) => c.testClocks.advance({ subscriptionId: 'sub_1', days: 30 }),
      ...write('POST', '/api/v1/test/clocks/advance', { subscriptionId: 'sub_1', days: 30 }),
    },
  },
  admin: {
    provisionWorkspace: {
      call: (c) => c.admin.provisionWorkspace({ accountId: 'acc_1', partner: 'storlaunch', discountRate: 0.003 }),
      ...write('POST', '/api/v1/admin/workspaces', { accountId: 'acc_1', partner: 'storlaunch', discountRate: 0.003 }),
    },
    getWorkspace: { call: (c) => c.admin.getWorkspace(ID), ...get(`/api/v1/admin/workspaces/${ENC}`) },
    partnerUsage: {
      call: (c) => c.admin.partnerUsage({ partner: 'storlaunch', from: FROM, to: TO }),
      ...get(`/api/v1/admin/partner/usage?partner=storlaunch&${PERIOD}`),
    },
  },
};

let server: RawServer;
let client: PlugipayClient;
let answer: Answer = { kind: 'json', data: { id: 'ok' } };

function respond(res: ServerResponse) {
  switch (answer.kind) {
    case 'json':
      return sendJson(res, 200, envelope(answer.data));
    case 'page':
      return sendJson(res, 200, envelope([{ id: 'row_1' }], { page: { hasMore: false, nextCursor: null } }));
    case 'text':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<p>ok</p>');
    case 'binary':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(Buffer.from(BYTES));
    case 'void':
      res.writeHead(204);
      return res.end();
  }
}

function expectedResult(route: RouteCase): unknown {
  if (route.result !== undefined) return route.result;
  const kind = route.answer?.kind ?? 'json';
  if (kind === 'json') return route.answer && 'data' in route.answer ? route.answer.data : { id: 'ok' };
  if (kind === 'page') return { data: [{ id: 'row_1' }], hasMore: false, nextCursor: null, requestId: 'req_test' };
  if (kind === 'text') return '<p>ok</p>';
  return undefined;
}

function isMultipart(received: Received) {
  return String(received.headers['content-type'] ?? '').startsWith('multipart/form-data; boundary=');
}

beforeAll(async () => {
  server = await startRawServer((_req, res) => respond(res));
  client = new PlugipayClient({ keyId: 'pk_test_routes', secret: SECRET, baseUrl: server.url });
});
afterAll(() => server.close());

/** Every namespace of the client and its methods, as bound at run time. */
function boundMethods(of: PlugipayClient): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  // `for…in`: namespaces are getters on the prototype, bound on first access.
  for (const name in of) {
    const value = (of as unknown as Record<string, unknown>)[name];
    if (value && typeof value === 'object' && Object.values(value).every((m) => typeof m === 'function')) {
      out[name] = Object.keys(value).sort();
    }
  }
  return out;
}

describe('the route table', () => {
  it('covers every method of every namespace the client binds, and nothing else', () => {
    const bound = boundMethods(new PlugipayClient({ keyId: 'pk', secret: 'sk' }));
    const tabled = Object.fromEntries(Object.entries(TABLE).map(([ns, methods]) => [ns, Object.keys(methods).sort()]));
    expect(tabled).toEqual(bound);
    // The namespaces of ENDPOINTS §1, customers and checkout sessions included, plus onboarding and workspaces.
    expect(Object.keys(bound)).toHaveLength(23);
    expect(Object.values(bound).flat()).toHaveLength(Object.values(TABLE).flatMap(Object.keys).length);
  });

  const cases = Object.entries(TABLE).flatMap(([ns, methods]) =>
    Object.entries(methods).map(([name, route]) => [`${ns}.${name}`, route] as const),
  );

  it.each(cases)('%s sends the documented request, signed and idempotent', async (_name, route) => {
    answer = route.answer ?? { kind: 'json', data: { id: 'ok' } };
    const before = server.received.length;
    const result = await route.call(client);
    expect(server.received.length).toBe(before + 1);
    const received = server.received.at(-1)!;

    expect(received.method).toBe(route.method);
    expect(received.target).toBe(route.target);
    expect(received.headers['accept']).toBe('application/json');
    if (route.method === 'GET') expect(received.headers['idempotency-key']).toBeUndefined();
    else expect(received.headers['idempotency-key']).toMatch(/^idem_[0-9a-f-]{36}$/);

    if (route.multipart) {
      expect(isMultipart(received)).toBe(true);
      expect(received.body.toString('latin1')).toContain('name="file"; filename="image.png"');
    } else if (route.body === undefined) {
      expect(received.body.length).toBe(0);
      expect(received.headers['content-type']).toBeUndefined();
    } else {
      expect(received.headers['content-type']).toBe('application/json');
      expect(JSON.parse(received.body.toString('utf8'))).toEqual(route.body);
    }

    const check = verifyReceived({
      secret: SECRET,
      method: received.method,
      target: received.target,
      headers: received.headers,
      body: received.body,
      multipart: route.multipart ?? false,
    });
    expect(check).toEqual({ ok: true });

    const kind = route.answer?.kind ?? 'json';
    if (kind === 'binary') {
      expect(result).toBeInstanceOf(ArrayBuffer);
      expect([...new Uint8Array(result as ArrayBuffer)]).toEqual(BYTES);
    } else if (kind === 'void') {
      expect(result).toBeUndefined();
    } else if (route.multipart) {
      // A relative link comes back resolved against the client's base URL.
      expect(result).toEqual({ url: `${server.url}/api/v1/files/logo.png`, fileName: 'logo.png', fileSize: 12 });
    } else {
      expect(result).toEqual(expectedResult(route));
    }
  });
});
