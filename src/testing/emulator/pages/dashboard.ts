/**
 * The dashboard at the emulator's root `/`: one workspace's recent checkout sessions,
 * customers, invoices, subscriptions, refunds, events and webhook deliveries (with what each
 * delivery sent and what the handler answered), each linking to its JSON, and the control
 * surface as buttons: trigger an event of any type, pay or expire a session, settle or fail a
 * refund, advance a subscription's test clock, redeliver an event (once, or twice at the same
 * moment to test a handler's idempotency). Server-rendered; the script only posts the actions
 * and reloads when the workspace's state version changes (auto-refresh, which can be paused).
 * Times read as dates relative to the emulator's clock; URLs are links only when http(s).
 */
import type { WebhookDelivery } from '../../../resources/webhook-endpoints';
import type { AccountState } from '../state';
import type { Table } from '../table';
import type { DeliveryExchange } from '../webhook-delivery';
import { ACTION_HEADER } from './hosted-checkout';
import { escapeHtml, jsonForScript, linkOrText, money, page, readableTime, statusBadge } from './html';

/** How many of each kind the dashboard lists (the most recent first). */
export const DASHBOARD_ROWS = 25;
/** How often the page asks whether anything changed, when auto-refresh is on. */
export const REFRESH_POLL_MS = 2000;

function recent<T extends { id: string }>(table: Table<T>): T[] {
  return table.page({ limit: DASHBOARD_ROWS, order: 'desc', after: null }).rows.map((row) => row.value);
}

function jsonLink(kind: string, id: string, accountId: string): string {
  return `<a href="/_emulator/objects/${kind}/${encodeURIComponent(id)}?account=${encodeURIComponent(accountId)}"><code>${escapeHtml(id)}</code></a>`;
}

function section(title: string, count: number, head: string[], rows: string[], extra = ''): string {
  const body = rows.length
    ? `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="muted">None yet.</p>';
  return `<section id="${escapeHtml(title.toLowerCase().replace(/\s+/g, '-'))}"><h2>${escapeHtml(title)} <span class="muted">(${count})</span></h2>${extra}${body}</section>`;
}

function action(label: string, path: string, body: unknown, secondary = false): string {
  return `<button type="button" class="${secondary ? 'secondary' : ''}" data-action="${escapeHtml(path)}" data-body="${escapeHtml(JSON.stringify(body))}">${escapeHtml(label)}</button>`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Moves the subscription's test clock to its period end (where the renewal happens), from where its clock stands. */
function advanceButton(subscriptionId: string, periodEnd: string, clockMs: number): string {
  const days = Math.min(366, Math.max(1, Math.ceil((Date.parse(periodEnd) - clockMs) / DAY_MS)));
  return action(`Advance ${days} ${days === 1 ? 'day' : 'days'} (to the period end)`, '/_emulator/test-clocks/advance', {
    subscriptionId,
    days,
  });
}

/** JSON bodies pretty-printed for reading; anything else as it came. */
function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** What a delivery sent and what came back, folded under the row. */
function exchangeDetails(delivery: WebhookDelivery, exchange: DeliveryExchange | undefined): string {
  const sent = exchange?.request;
  const request = `<h3>Request</h3><pre class="request-body">POST ${escapeHtml(sent?.url ?? '')}\n${escapeHtml(sent ? headerLines(sent.headers) : '')}\n\n${escapeHtml(readableBody(sent?.body ?? delivery.body ?? ''))}</pre>`;
  const answer = exchange?.response;
  const response = answer
    ? `<h3>Response</h3><pre class="response-body">HTTP ${escapeHtml(answer.status)}\n${escapeHtml(headerLines(answer.headers))}\n\n${escapeHtml(readableBody(answer.body))}${answer.truncated ? '\n… (cut at 4 KiB)' : ''}</pre>`
    : `<h3>Response</h3><p class="muted response-body">${escapeHtml(
        exchange
          ? `No answer: ${delivery.lastError ?? 'the connection failed'}`
          : delivery.attempts > 0
            ? 'Not kept (older delivery, or a restart)'
            : 'Not attempted yet',
      )}</p>`;
  return `<tr class="exchange"><td colspan="8"><details><summary>Request and response</summary>${request}${response}</details></td></tr>`;
}

export interface DashboardInput {
  account: AccountState;
  workspaces: string[];
  origin: string;
  credentials: { keyId: string };
  /** The emulator's clock, for "3 min ago". */
  nowMs: number;
  /** The workspace's state version (see `dashboardVersion`): the page reloads when it changes. */
  version: string;
  /** Event types the trigger form offers. */
  eventTypes: readonly string[];
  /** What a delivery's last attempt sent and got back, when still held. */
  exchange(deliveryId: string): DeliveryExchange | undefined;
}

export function dashboardPage({ account, workspaces, origin, credentials, nowMs, version, eventTypes, exchange }: DashboardInput): string {
  const a = account.accountId;
  const time = (iso: unknown) => readableTime(iso, nowMs);
  const sessions = recent(account.checkoutSessions).map((s) => {
    const id = encodeURIComponent(s.id);
    const live = ['open', 'pending', 'pending_review'].includes(s.status);
    return `<tr data-id="${escapeHtml(s.id)}"><td>${jsonLink('checkout-sessions', s.id, a)}</td><td>${statusBadge(s.status)}</td><td>${escapeHtml(money(s.amount, s.currency))}</td><td>${escapeHtml(s.methods.join(', '))}</td><td>${linkOrText(s.hostedUrl, 'hosted page')}</td><td>${
      live ? `${action('Pay', `/_emulator/checkout/${id}/pay`, {})} ${action('Expire', `/_emulator/checkout/${id}/expire`, {}, true)}` : ''
    }</td><td>${time(s.createdAt)}</td></tr>`;
  });
  const customers = recent(account.customers).map(
    (c) =>
      `<tr><td>${jsonLink('customers', c.id, a)}</td><td>${escapeHtml(c.name ?? '')}</td><td>${escapeHtml(c.email ?? '')}</td><td>${escapeHtml(c.externalId ?? '')}</td><td>${time(c.createdAt)}</td></tr>`,
  );
  const invoices = recent(account.invoices).map(
    (i) =>
      `<tr><td>${jsonLink('invoices', i.id, a)}</td><td>${escapeHtml(i.number)}</td><td>${statusBadge(i.status)}</td><td>${escapeHtml(money(i.total, i.currency))}</td><td>${escapeHtml(i.customerId)}</td><td>${time(i.dueAt)}</td><td>${time(i.createdAt)}</td></tr>`,
  );
  const subscriptions = recent(account.subscriptions).map(
    (s) =>
      `<tr data-id="${escapeHtml(s.id)}"><td>${jsonLink('subscriptions', s.id, a)}</td><td>${statusBadge(s.status)}</td><td>${escapeHtml(s.planId)}</td><td>${time(s.currentPeriodEnd)}</td><td>${
        ['trialing', 'active', 'past_due'].includes(s.status)
          ? advanceButton(s.id, s.currentPeriodEnd, account.testClocks.get(s.id) ?? nowMs)
          : ''
      }</td></tr>`,
  );
  const refunds = recent(account.refunds).map((r) => {
    const settle = `/_emulator/refunds/${encodeURIComponent(r.id)}/settle`;
    return `<tr data-id="${escapeHtml(r.id)}"><td>${jsonLink('refunds', r.id, a)}</td><td>${statusBadge(r.status)}</td><td>${escapeHtml(money(r.amount, r.currency))}</td><td><code>${escapeHtml(r.chargeId)}</code></td><td>${escapeHtml(r.reason ?? '')}</td><td>${
      r.status === 'pending'
        ? `${action('Settle', settle, { outcome: 'succeeded' })} ${action('Fail', settle, { outcome: 'failed' }, true)}`
        : escapeHtml(r.failureMessage ?? '')
    }</td><td>${time(r.createdAt)}</td></tr>`;
  });
  const events = recent(account.events).map(
    (e) =>
      `<tr><td>${jsonLink('events', e.id, a)}</td><td><code>${escapeHtml(e.type)}</code></td><td>${escapeHtml(String((e.data.object as { id?: unknown } | undefined)?.id ?? ''))}</td><td>${time(e.occurredAt)}</td><td>${action('Redeliver', `/_emulator/events/${encodeURIComponent(e.id)}/redeliver`, { copies: 1 })} ${action('Deliver twice at once', `/_emulator/events/${encodeURIComponent(e.id)}/redeliver`, { copies: 2 }, true)}</td></tr>`,
  );
  const deliveries = recent(account.deliveries).map(
    (d) =>
      `<tr data-id="${escapeHtml(d.id)}"><td>${jsonLink('deliveries', d.id, a)}</td><td>${jsonLink('events', d.eventId, a)}</td><td><code>${escapeHtml(d.type)}</code></td><td>${statusBadge(d.status)}</td><td>${escapeHtml(d.responseCode ?? '—')}</td><td>${escapeHtml(d.attempts)}</td><td>${time(d.lastAttemptAt)}</td><td class="muted">${escapeHtml(d.lastError ?? '')}</td></tr>${exchangeDetails(d, exchange(d.id))}`,
  );
  const endpoints = account.webhookEndpoints
    .values()
    .map(
      (e) =>
        `<tr><td>${jsonLink('webhook-endpoints', e.id, a)}</td><td>${escapeHtml(e.url)}</td><td>${escapeHtml(e.events.join(', '))}</td><td>${statusBadge(e.status ?? (e.active ? 'active' : 'disabled'))}</td></tr>`,
    );
  const switcher =
    workspaces.length > 1
      ? `<p>Workspace: ${workspaces.map((w) => (w === a ? `<strong>${escapeHtml(w)}</strong>` : `<a href="/?account=${encodeURIComponent(w)}">${escapeHtml(w)}</a>`)).join(' · ')}</p>`
      : '';
  const triggerForm = `<form id="trigger" class="toolbar"><label>Trigger an event <select id="trigger-type">${eventTypes
    .map((t) => `<option value="${escapeHtml(t)}">${escapeHtml(t)}</option>`)
    .join('')}</select></label><button type="submit">Trigger</button></form>`;
  const body = `<header class="bar"><strong>Plugipay emulator</strong><span>${escapeHtml(origin)}</span><span class="muted" style="color:#cfe0ff">key ${escapeHtml(credentials.keyId)}</span></header>
<main data-version="${escapeHtml(version)}">
<h1>Workspace <code>${escapeHtml(a)}</code></h1>
${switcher}
<div class="toolbar">${triggerForm}<label><input type="checkbox" id="auto-refresh" checked> Auto-refresh</label></div>
<p id="flash" role="status" class="muted"></p>
${section('Checkout sessions', account.checkoutSessions.size, ['id', 'status', 'amount', 'methods', '', '', 'created'], sessions)}
${section('Customers', account.customers.size, ['id', 'name', 'email', 'externalId', 'created'], customers)}
${section('Invoices', account.invoices.size, ['id', 'number', 'status', 'total', 'customer', 'due', 'created'], invoices)}
${section('Subscriptions', account.subscriptions.size, ['id', 'status', 'plan', 'period end', 'test clock'], subscriptions)}
${section('Refunds', account.refunds.size, ['id', 'status', 'amount', 'charge', 'reason', 'provider', 'created'], refunds)}
${section('Events', account.events.size, ['id', 'type', 'object', 'occurred', 'redeliver'], events)}
${section('Webhook deliveries', account.deliveries.size, ['id', 'event', 'type', 'status', 'response', 'attempts', 'last attempt', 'error'], deliveries)}
${section('Webhook endpoints', account.webhookEndpoints.size, ['id', 'url', 'events', 'status'], endpoints)}
</main>
<script>
const account = ${jsonForScript(a)};
const flash = document.getElementById('flash');
async function post(path, body) {
  const response = await fetch(path + '?account=' + encodeURIComponent(account), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ${jsonForScript(ACTION_HEADER)}: '1' },
    body,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ? answer.error.code + ': ' + answer.error.message : 'HTTP ' + response.status);
  return answer.data;
}
function failed(error, control) {
  flash.className = 'error';
  flash.textContent = String(error.message || error);
  control.disabled = false;
}
function done() {
  flash.className = 'muted';
  flash.textContent = 'Done. Reloading…';
  setTimeout(() => location.reload(), 400);
}
for (const button of document.querySelectorAll('button[data-action]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await post(button.dataset.action, button.dataset.body);
      done();
    } catch (error) {
      failed(error, button);
    }
  });
}
document.getElementById('trigger').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  const button = submit.target.querySelector('button');
  button.disabled = true;
  try {
    await post('/_emulator/trigger', JSON.stringify({ type: document.getElementById('trigger-type').value }));
    done();
  } catch (error) {
    failed(error, button);
  }
});
// Auto-refresh: reload when the workspace's state version changes; paused while unticked (remembered).
const auto = document.getElementById('auto-refresh');
const remembered = 'plugipay-emulator:auto-refresh';
try { auto.checked = localStorage.getItem(remembered) !== 'off'; } catch {}
auto.addEventListener('change', () => {
  try { localStorage.setItem(remembered, auto.checked ? 'on' : 'off'); } catch {}
});
const shown = document.querySelector('main').dataset.version;
setInterval(async () => {
  if (!auto.checked || document.querySelector('details[open]')) return;
  try {
    const response = await fetch('/_emulator/version?account=' + encodeURIComponent(account));
    const { data } = await response.json();
    if (data.version !== shown) location.reload();
  } catch {}
}, ${REFRESH_POLL_MS});
</script>`;
  return page(`Plugipay emulator · ${a}`, body);
}
