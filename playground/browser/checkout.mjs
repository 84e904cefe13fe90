// A buyer's checkout page on the public routes: no key, no secret, nothing to leak. The
// merchant's server created the session; the page gets its id (here from the query string,
// with `api` pointing at the local emulator for the playground).
import { PlugipayError, PublicCheckoutClient } from 'plugipay-edge/browser';

const params = new URLSearchParams(location.search);
const sessionId = params.get('session');
const checkout = new PublicCheckoutClient({ baseUrl: params.get('api') ?? undefined });
const $ = (id) => document.getElementById(id);

const money = (amount, currency) => `${currency} ${amount.toLocaleString('en-US')}`;

function showError(error) {
  $('status').className = 'error';
  // Server-supplied text goes in with textContent only, never innerHTML.
  $('status').textContent =
    error instanceof PlugipayError ? `${error.code}: ${error.message} (request ${error.requestId ?? 'none'})` : String(error);
}

async function pay(method, button) {
  button.disabled = true;
  try {
    // A second click while this is pending gets the same promise: one charge per session.
    const result = await checkout.charge(sessionId, { method });
    if (result.kind === 'redirect') {
      const target = new URL(result.redirectUrl);
      if (target.protocol !== 'https:') throw new Error(`refusing to redirect to ${target.protocol} URL`);
      $('status').textContent = `Redirecting to ${target.href}`;
      return;
    }
    const { heading, note, amount, currency, qrImageUrl, bankAccounts } = result.instructions;
    $('heading').textContent = heading;
    $('amount').textContent = `Pay ${money(amount, currency)}`;
    $('note').textContent = [note, ...(bankAccounts ?? []).map((b) => `${b.bankName} ${b.accountNumber} (${b.accountHolder})`)].join(' ');
    if (qrImageUrl) Object.assign($('qr'), { src: qrImageUrl, hidden: false });
    $('payment').hidden = false;
    $('status').textContent = 'Waiting for your payment…';
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

async function main() {
  const { session, catalog, branding } = await checkout.getSession(sessionId);
  $('brand').textContent = branding.brandName ?? 'Checkout';
  $('total').textContent = `Total ${money(session.amount, session.currency)} · ${session.status}`;
  for (const item of session.lineItems) {
    const li = document.createElement('li');
    li.textContent = `${item.quantity} × ${item.name}`;
    $('items').append(li);
  }
  for (const method of catalog) {
    const button = document.createElement('button');
    button.textContent = method.label;
    button.dataset.method = method.id;
    button.addEventListener('click', () => pay(method.id, button));
    $('methods').append(button);
  }
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  showError(error);
  document.body.dataset.ready = 'true';
});
