/**
 * The dashboard at the emulator's root `/`: one workspace's recent checkout sessions,
 * customers, invoices, subscriptions, events and webhook deliveries, each linking to its JSON,
 * with buttons to pay an open session, advance a subscription's test clock, and redeliver an
 * event (once, or twice at the same moment to test a handler's idempotency). Server-rendered;
 * the script only posts the actions and reloads.
 */
import type { AccountState } from '../state';
import type { Table } from '../table';
import { ACTION_HEADER } from './hosted-checkout';
import { escapeHtml, jsonForScript, money, page, statusBadge } from './html';

/** How many of each kind the dashboard lists (the most recent first). */
export const DASHBOARD_ROWS = 25;

function recent<T extends { id: string }>(table: Table<T>): T[] {
  return table.page({ limit: DASHBOARD_ROWS, order: 'desc', after: null }).rows.map((row) => row.value);
}

function jsonLink(kind: string, id: string, accountId: string): string {
  return `<a href="/_emulator/objects/${kind}/${encodeURIComponent(id)}?account=${encodeURIComponent(accountId)}"><code>${escapeHtml(id)}</code></a>`;
}

function section(title: string, count: number, head: string[], rows: string[]): string {
  const body = rows.length
    ? `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="muted">None yet.</p>';
  return `<section id="${escapeHtml(title.toLowerCase().replace(/\s+/g, '-'))}"><h2>${escapeHtml(title)} <span class="muted">(${count})</span></h2>${body}</section>`;
}

function action(label: string, path: string, body: unknown, secondary = false): string {
  return `<button type="button" class="${secondary ? 'secondary' : ''}" data-action="${escapeHtml(path)}" data-body="${escapeHtml(JSON.stringify(body))}">${escapeHtml(label)}</button>`;
}

export interface DashboardInput {
  account: AccountState;
  workspaces: string[];
  origin: string;
  credentials: { keyId: string };
}

export function dashboardPage({ account, workspaces, origin, credentials }: DashboardInput): string {
  const a = account.accountId;
  const sessions = recent(account.checkoutSessions).map(
    (s) =>
      `<tr><td>${jsonLink('checkout-sessions', s.id, a)}</td><td>${statusBadge(s.status)}</td><td>${escapeHtml(money(s.amount, s.currency))}</td><td>${escapeHtml(s.methods.join(', '))}</td><td><a href="${escapeHtml(s.hostedUrl)}">hosted page</a></td><td>${
        ['open', 'pending', 'pending_review'].includes(s.status)
          ? action('Pay', `/_emulator/checkout/${encodeURIComponent(s.id)}/pay`, {})
          : ''
      }</td><td class="muted">${escapeHtml(s.createdAt)}</td></tr>`,
  );
  const customers = recent(account.customers).map(
    (c) =>
      `<tr><td>${jsonLink('customers', c.id, a)}</td><td>${escapeHtml(c.name ?? '')}</td><td>${escapeHtml(c.email ?? '')}</td><td>${escapeHtml(c.externalId ?? '')}</td><td class="muted">${escapeHtml(c.createdAt)}</td></tr>`,
  );
  const invoices = recent(account.invoices).map(
    (i) =>
      `<tr><td>${jsonLink('invoices', i.id, a)}</td><td>${escapeHtml(i.number)}</td><td>${statusBadge(i.status)}</td><td>${escapeHtml(money(i.total, i.currency))}</td><td>${escapeHtml(i.customerId)}</td><td class="muted">${escapeHtml(i.createdAt)}</td></tr>`,
  );
  const subscriptions = recent(account.subscriptions).map(
    (s) =>
      `<tr><td>${jsonLink('subscriptions', s.id, a)}</td><td>${statusBadge(s.status)}</td><td>${escapeHtml(s.planId)}</td><td>${escapeHtml(s.currentPeriodEnd)}</td><td>${
        ['trialing', 'active', 'past_due'].includes(s.status)
          ? `${action('Advance 30 days', '/_emulator/test-clocks/advance', { subscriptionId: s.id, days: 30 })}`
          : ''
      }</td></tr>`,
  );
  const events = recent(account.events).map(
    (e) =>
      `<tr><td>${jsonLink('events', e.id, a)}</td><td><code>${escapeHtml(e.type)}</code></td><td>${escapeHtml(String((e.data.object as { id?: unknown } | undefined)?.id ?? ''))}</td><td class="muted">${escapeHtml(e.occurredAt)}</td><td>${action('Redeliver', `/_emulator/events/${encodeURIComponent(e.id)}/redeliver`, { copies: 1 })} ${action('Deliver twice at once', `/_emulator/events/${encodeURIComponent(e.id)}/redeliver`, { copies: 2 }, true)}</td></tr>`,
  );
  const deliveries = recent(account.deliveries).map(
    (d) =>
      `<tr><td>${jsonLink('deliveries', d.id, a)}</td><td>${jsonLink('events', d.eventId, a)}</td><td><code>${escapeHtml(d.type)}</code></td><td>${statusBadge(d.status)}</td><td>${escapeHtml(d.responseCode ?? '—')}</td><td>${escapeHtml(d.attempts)}</td><td class="muted">${escapeHtml(d.lastError ?? '')}</td></tr>`,
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
  const body = `<header class="bar"><strong>Plugipay emulator</strong><span>${escapeHtml(origin)}</span><span class="muted" style="color:#cfe0ff">key ${escapeHtml(credentials.keyId)}</span></header>
<main>
<h1>Workspace <code>${escapeHtml(a)}</code></h1>
${switcher}
<p id="flash" role="status" class="muted"></p>
${section('Checkout sessions', account.checkoutSessions.size, ['id', 'status', 'amount', 'methods', '', '', 'created'], sessions)}
${section('Customers', account.customers.size, ['id', 'name', 'email', 'externalId', 'created'], customers)}
${section('Invoices', account.invoices.size, ['id', 'number', 'status', 'total', 'customer', 'created'], invoices)}
${section('Subscriptions', account.subscriptions.size, ['id', 'status', 'plan', 'period end', 'test clock'], subscriptions)}
${section('Events', account.events.size, ['id', 'type', 'object', 'occurred', 'redeliver'], events)}
${section('Webhook deliveries', account.deliveries.size, ['id', 'event', 'type', 'status', 'response', 'attempts', 'error'], deliveries)}
${section('Webhook endpoints', account.webhookEndpoints.size, ['id', 'url', 'events', 'status'], endpoints)}
</main>
<script>
for (const button of document.querySelectorAll('button[data-action]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    const flash = document.getElementById('flash');
    try {
      const response = await fetch(button.dataset.action + '?account=' + encodeURIComponent(${jsonForScript(a)}), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ${jsonForScript(ACTION_HEADER)}: '1' },
        body: button.dataset.body,
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error ? answer.error.code + ': ' + answer.error.message : 'HTTP ' + response.status);
      flash.textContent = 'Done. Reloading…';
      setTimeout(() => location.reload(), 400);
    } catch (error) {
      flash.className = 'error';
      flash.textContent = String(error.message || error);
      button.disabled = false;
    }
  });
}
</script>`;
  return page(`Plugipay emulator · ${a}`, body);
}
