/**
 * The hosted checkout page at `/c/<sessionId>`: what `hostedUrl` opens. The server renders the
 * session (amount, line items, state); the page script is a real buyer page on the browser
 * entry's `PublicCheckoutClient`, loaded as modules from the emulator itself
 * (`/_emulator/assets/browser.mjs` and its chunks, which bundle everything they use, so the page
 * needs no import map). The buyer picks a method, sees the instructions the emulator returns (a QR image for QRIS, an account
 * number for a virtual account), and **Simulate payment** completes the charge, after which the
 * page follows the session's success URL. Cancel follows the cancel URL.
 */
import type { CheckoutSession } from '../../../resources/checkout-sessions';
import { escapeHtml, jsonForScript, linkOrText, money, page, safeHref, statusBadge } from './html';

/** Where the page's modules are served; `browser.mjs` and `shared/*` come from the installed package. */
export const ASSET_PREFIX = '/_emulator/assets/';
/** The header the page and the dashboard send on emulator actions; a cross-origin page cannot (no CORS for it). */
export const ACTION_HEADER = 'x-plugipay-emulator';

const LIVE = ['open', 'pending', 'pending_review'];

function stateMessage(session: CheckoutSession): string {
  switch (session.status) {
    case 'completed':
      return `This checkout is paid${session.paymentMethod ? ` (${escapeHtml(session.paymentMethod)})` : ''}. ${linkOrText(session.successUrl, 'Back to the shop')}`;
    case 'expired':
      return `This checkout has expired. ${linkOrText(session.cancelUrl, 'Back to the shop')}`;
    case 'canceled':
      return `This checkout was canceled. ${linkOrText(session.cancelUrl, 'Back to the shop')}`;
    case 'failed':
      return `This checkout failed. ${linkOrText(session.cancelUrl, 'Back to the shop')}`;
    default:
      return '';
  }
}

export function hostedCheckoutPage(session: CheckoutSession): string {
  const live = LIVE.includes(session.status);
  const items = session.lineItems
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.quantity)} × ${escapeHtml(item.name)}</td><td>${escapeHtml(money(item.unitAmount * item.quantity, session.currency))}</td></tr>`,
    )
    .join('');
  // The script follows only these: a success or cancel URL that is not http(s) is never navigated to.
  const config = {
    sessionId: session.id,
    assetPrefix: ASSET_PREFIX,
    actionHeader: ACTION_HEADER,
    successUrl: safeHref(session.successUrl) ?? null,
    cancelUrl: safeHref(session.cancelUrl) ?? null,
  };
  const body = `<main style="max-width:30rem">
<div class="card" id="checkout" data-status="${escapeHtml(session.status)}">
  <p class="muted">${escapeHtml(session.workspaceName ?? 'Plugipay')} · test mode (Plugipay emulator)</p>
  <h1 id="total">${escapeHtml(money(session.amount, session.currency))}</h1>
  <p>${statusBadge(session.status)} <span class="muted">${escapeHtml(session.id)}</span></p>
  ${items ? `<table id="items">${items}</table>` : ''}
  <p id="state" role="status"${live ? ' hidden' : ''}>${stateMessage(session)}</p>
  <section id="pay"${live ? '' : ' hidden'}>
    <h2>Pay with</h2>
    <div id="methods"><span class="muted">Loading payment methods…</span></div>
    <section id="instructions" hidden>
      <h2 id="heading"></h2>
      <p id="amount"></p>
      <img id="qr" alt="QRIS code" width="160" height="160" hidden>
      <p id="account" hidden></p>
      <p id="note" class="muted"></p>
      <p><button id="simulate" type="button">Simulate payment</button></p>
    </section>
    <p><button id="cancel" class="secondary" type="button">Cancel and return to the shop</button></p>
  </section>
  <p id="error" class="error" role="alert" hidden></p>
</div>
</main>
<script type="application/json" id="config">${jsonForScript(config)}</script>
<script type="module" src="${ASSET_PREFIX}hosted-checkout.mjs"></script>`;
  return page(`Pay ${money(session.amount, session.currency)} · Plugipay emulator`, body);
}

export function missingSessionPage(sessionId: string): string {
  return page(
    'Checkout not found · Plugipay emulator',
    `<main><div class="card"><h1>Checkout not found</h1><p>No checkout session <code>${escapeHtml(sessionId)}</code> exists in this emulator. Sessions live in memory: a restart without <code>--state</code> forgets them.</p></div></main>`,
  );
}

/**
 * The page script, served as `/_emulator/assets/hosted-checkout.mjs`. Server-supplied text is
 * only ever set with `textContent`; redirects go to the session's own success and cancel URLs.
 */
export const HOSTED_CHECKOUT_SCRIPT = `import { PlugipayError, PublicCheckoutClient } from './browser.mjs';

const config = JSON.parse(document.getElementById('config').textContent);
const $ = (id) => document.getElementById(id);
const checkout = new PublicCheckoutClient({ baseUrl: location.origin });
const money = (amount, currency) => currency + ' ' + amount.toLocaleString('en-US');
let session;
let chosen;

function showError(error) {
  $('error').hidden = false;
  $('error').textContent = error instanceof PlugipayError ? error.code + ': ' + error.message : String(error && error.message || error);
}

// Only the http(s) URLs the server vetted; anything else (a javascript: URL in a state file) is not followed.
function follow(url) {
  if (url) location.assign(url);
  else showError(new Error('This session has no http(s) URL to return to'));
}

function showState(text) {
  $('pay').hidden = true;
  $('state').hidden = false;
  $('state').textContent = text;
}

async function choose(method, button) {
  for (const other of $('methods').querySelectorAll('button')) other.disabled = true;
  $('error').hidden = true;
  try {
    const result = await checkout.charge(config.sessionId, { method });
    chosen = method;
    if (result.kind === 'redirect') {
      $('heading').textContent = 'Pay with ' + button.textContent;
      $('note').textContent = 'A real checkout would send you to ' + result.redirectUrl + '; in the emulator, simulate the payment here.';
    } else {
      const { heading, note, amount, currency, qrImageUrl, bankAccounts } = result.instructions;
      $('heading').textContent = heading;
      $('amount').textContent = 'Pay ' + money(amount, currency);
      $('note').textContent = note || '';
      if (qrImageUrl) Object.assign($('qr'), { src: qrImageUrl, hidden: false });
      if (bankAccounts && bankAccounts.length) {
        $('account').hidden = false;
        $('account').textContent = bankAccounts.map((b) => b.bankName + ' · ' + b.accountNumber + ' · ' + b.accountHolder).join('\\n');
      }
    }
    $('instructions').hidden = false;
    button.classList.remove('secondary');
    document.body.dataset.charged = method;
  } catch (error) {
    showError(error);
  } finally {
    for (const other of $('methods').querySelectorAll('button')) other.disabled = false;
  }
}

async function simulate() {
  $('simulate').disabled = true;
  try {
    const response = await fetch('/_emulator/checkout/' + encodeURIComponent(config.sessionId) + '/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [config.actionHeader]: '1' },
      body: JSON.stringify({ method: chosen }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error ? answer.error.code + ': ' + answer.error.message : 'HTTP ' + response.status);
    showState('Payment received. Returning to the shop…');
    document.body.dataset.paid = 'true';
    setTimeout(() => follow(config.successUrl), 300);
  } catch (error) {
    showError(error);
    $('simulate').disabled = false;
  }
}

async function main() {
  const view = await checkout.getSession(config.sessionId);
  session = view.session;
  // Paid, expired, canceled: the server already rendered the state with its links.
  if (!['open', 'pending', 'pending_review'].includes(session.status)) {
    if (!$('pay').hidden) showState('This checkout is ' + session.status + '.');
    return;
  }
  $('total').textContent = money(session.amount, session.currency);
  $('methods').replaceChildren();
  for (const method of view.catalog) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = method.label;
    button.dataset.method = method.id;
    button.addEventListener('click', () => choose(method.id, button));
    $('methods').append(button, ' ');
  }
  $('simulate').addEventListener('click', simulate);
  $('cancel').addEventListener('click', () => follow(config.cancelUrl));
}

main()
  .catch(showError)
  .finally(() => {
    document.body.dataset.ready = 'true';
  });
`;
