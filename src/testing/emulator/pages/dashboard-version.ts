/** The state version the dashboard polls (`GET /_emulator/version`) to know when to reload. */
import type { AccountState } from '../state';

/**
 * A fingerprint of what the dashboard shows for a workspace: it changes whenever an object is
 * added or changes state (sizes, and the newest `updatedAt` of each kind), so the page reloads
 * only when there is something new to see.
 */
export function dashboardVersion(account: AccountState): string {
  const tables = [
    account.checkoutSessions,
    account.customers,
    account.invoices,
    account.subscriptions,
    account.refunds,
    account.payouts,
    account.events,
    account.webhookEndpoints,
    account.deliveries,
  ];
  return tables
    .map((table) => {
      let changed = '';
      for (const row of table.values() as { updatedAt?: string; createdAt?: string }[]) {
        const at = row.updatedAt ?? row.createdAt ?? '';
        if (at > changed) changed = at;
      }
      return `${table.size}:${changed}`;
    })
    .join('|');
}
