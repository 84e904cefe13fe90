/**
 * Routes of ENDPOINTS.md the emulator knows exist but does not emulate. They answer
 * `501 not_emulated` naming the route, never a fake success, so a test that strays here fails
 * loudly instead of passing against invented data.
 */
import { matchPattern } from '../router';

export interface KnownRoute {
  pattern: string;
  /** Reachable without credentials on the server (§4 public routes, `GET /config`). */
  public?: boolean;
}

const PREFIXES = [
  'ledger', 'reports', 'adapters', 'gift-cards', 'templates', 'checkout/settings', 'uploads',
  'dashboard', 'admin', 'admin-portal', 'portal-sessions', 'receipts', 'account', 'workspaces',
  'api-keys', 'billing', 'onboarding',
];

const CHECKOUT_EXTRAS = ['receipt', 'receipt-link', 'receipt.pdf', 'receipt.html', 'receipt.escpos', 'receipt/email'];
const INVOICE_EXTRAS = ['send-email', 'send', 'pdf', 'invoice.pdf', 'invoice.html', 'invoice.escpos', 'receipt'];

export const NOT_EMULATED: readonly KnownRoute[] = [
  ...PREFIXES.flatMap((prefix) => [{ pattern: `/api/v1/${prefix}` }, { pattern: `/api/v1/${prefix}/*` }]),
  // DELETE /checkout-sessions/{id} exists but its semantics are unknown (§6.18).
  { pattern: '/api/v1/checkout-sessions/:id' },
  ...CHECKOUT_EXTRAS.map((extra) => ({ pattern: `/api/v1/checkout-sessions/:id/${extra}` })),
  ...INVOICE_EXTRAS.map((extra) => ({ pattern: `/api/v1/invoices/:id/${extra}` })),
  { pattern: '/api/v1/config', public: true },
  { pattern: '/api/v1/public/*', public: true },
];

export function findKnownRoute(pathname: string): KnownRoute | undefined {
  return NOT_EMULATED.find((route) => matchPattern(route.pattern, pathname));
}
