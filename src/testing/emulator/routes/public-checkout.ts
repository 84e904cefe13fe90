/**
 * The buyer-facing checkout routes: no authentication and no idempotency key,
 * keyed by the session id alone, so they look the session up in every workspace.
 */
import type { PublicCheckoutSession, ChargeResult } from '../../../public-checkout/types';
import type { CheckoutSession } from '../../../resources/checkout-sessions';
import { illegalTransition, notFound, validationError } from '../api-failure';
import { ok, type Reply, type RouteContext } from '../context';
import { Fields } from '../fields';
import type { Route } from '../router';
import type { AccountState } from '../state';
import { ADAPTER_FOR_METHOD } from './checkout-sessions';
import { id } from './common';

const CATALOG: Readonly<Record<string, { label: string; group: string }>> = {
  qris: { label: 'QRIS', group: 'qr' },
  va: { label: 'Virtual account', group: 'va' },
  ewallet: { label: 'E-wallet', group: 'ewallet' },
  card: { label: 'Credit / debit card', group: 'card' },
  retail: { label: 'Retail outlet', group: 'retail' },
  paypal: { label: 'PayPal', group: 'paypal' },
};

/** Statuses in which a buyer may still start a payment. */
const CHARGEABLE = ['open', 'pending'];

function findAnywhere(ctx: RouteContext, sessionId: string): { account: AccountState; session: CheckoutSession } {
  for (const account of ctx.world.accounts.all()) {
    const session = account.checkoutSessions.get(sessionId);
    if (session) return { account, session };
  }
  throw notFound('checkout session', sessionId);
}

function publicView(session: CheckoutSession): PublicCheckoutSession {
  return {
    session: {
      id: session.id,
      amount: session.amount,
      currency: session.currency,
      status: session.status,
      expiresAt: session.expiresAt,
      successUrl: session.successUrl,
      cancelUrl: session.cancelUrl,
      lineItems: session.lineItems,
    },
    methods: [...session.methods],
    catalog: session.methods.map((method) => ({
      id: method,
      label: CATALOG[method]?.label ?? method,
      group: CATALOG[method]?.group ?? method,
      currency: session.currency,
    })),
    branding: { brandName: session.workspaceName, brandLogoUrl: null, brandAccentColor: null, brandTagline: null },
    checkoutTemplate: { successMessage: 'Thank you! (Plugipay emulator)', showBusinessDetails: false },
    activeAdapters: [...new Set(session.methods.map((m) => ADAPTER_FOR_METHOD[m] ?? 'manual'))],
  };
}

function chargeResult(ctx: RouteContext, session: CheckoutSession, method: string): ChargeResult {
  const amount = session.amount;
  const currency = session.currency;
  const note = 'Plugipay emulator: no money moves; emulator.completeCheckout(id) simulates the payment.';
  switch (method) {
    case 'qris':
      return {
        kind: 'instructions',
        instructions: {
          heading: 'Scan the QRIS code to pay',
          note,
          qrImageUrl: `${ctx.origin}/_emulator/qr/${encodeURIComponent(session.id)}`,
          amount,
          currency,
        },
      };
    case 'va':
    case 'retail':
      return {
        kind: 'instructions',
        instructions: {
          heading: method === 'va' ? 'Transfer to the virtual account' : 'Pay at a retail outlet',
          note,
          amount,
          currency,
          bankAccounts: [{ bankName: 'Emulated Bank', accountNumber: '8808000000000001', accountHolder: 'Plugipay Emulator' }],
        },
      };
    default:
      return {
        kind: 'redirect',
        redirectUrl: `https://plugipay.com/c/${encodeURIComponent(session.id)}?method=${encodeURIComponent(method)}`,
      };
  }
}

function charge(ctx: RouteContext): Reply {
  const { account, session } = findAnywhere(ctx, id(ctx));
  const method = Fields.of(ctx.body).requiredString('method');
  if (!session.methods.includes(method)) {
    throw validationError('method', `'${method}' is not enabled for this session (${session.methods.join(', ')})`);
  }
  if (!CHARGEABLE.includes(session.status)) throw illegalTransition('checkout session', session.id, session.status, 'charge');
  const pending = account.checkoutSessions.replace({
    ...session,
    status: 'pending',
    paymentMethod: method,
    adapter: ADAPTER_FOR_METHOD[method] ?? 'manual',
    updatedAt: ctx.world.iso(),
  });
  return ok(chargeResult(ctx, pending, method));
}

/** Manual adapter: the buyer says they paid; the merchant then calls `confirm`. */
function buyerClaim(ctx: RouteContext): Reply {
  const { account, session } = findAnywhere(ctx, id(ctx));
  Fields.of(ctx.body).url('proofUrl');
  if (!CHARGEABLE.includes(session.status)) throw illegalTransition('checkout session', session.id, session.status, 'claim');
  const claimed = account.checkoutSessions.replace({ ...session, status: 'pending_review', updatedAt: ctx.world.iso() });
  return ok({ id: claimed.id, status: claimed.status });
}

/** A placeholder QR image for the instructions above (not a scannable code). */
function qrImage(ctx: RouteContext): Reply {
  const { session } = findAnywhere(ctx, id(ctx));
  const label = `${session.currency} ${session.amount}`.replace(/[<&>"]/g, '');
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">' +
    '<rect width="160" height="160" fill="#fff" stroke="#000"/>' +
    '<rect x="12" y="12" width="40" height="40"/><rect x="108" y="12" width="40" height="40"/><rect x="12" y="108" width="40" height="40"/>' +
    `<text x="80" y="88" font-size="12" text-anchor="middle">${label}</text></svg>`;
  return { kind: 'raw', status: 200, contentType: 'image/svg+xml', body: svg };
}

export const publicCheckoutRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/api/v1/public/checkout/sessions/:id',
    public: true,
    handler: (ctx) => ok(publicView(findAnywhere(ctx, id(ctx)).session)),
  },
  { method: 'POST', pattern: '/api/v1/public/checkout/sessions/:id/charge', public: true, handler: charge },
  { method: 'POST', pattern: '/api/v1/public/checkout/sessions/:id/buyer-claim', public: true, handler: buyerClaim },
  { method: 'GET', pattern: '/_emulator/qr/:id', public: true, handler: qrImage },
];
