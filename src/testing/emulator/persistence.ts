/**
 * The emulator's state as plain JSON, for `--state <file>`: every workspace's tables (in list
 * order, so pages keep their order after a restart), the webhook signing secrets, invoice
 * numbering and test clocks. Loading checks the shape, and each row's fields (state-rows.ts), and
 * throws an `Error` naming what is wrong: a damaged file is reported, never silently replaced by
 * an empty emulator, and never half loaded.
 */
import { checkRow } from './state-rows';
import type { AccountRegistry, AccountState } from './state';
import type { Table } from './table';

export const STATE_FORMAT = 'plugipay-emulator-state';
export const STATE_VERSION = 1;

/** The tables saved, by their name in the file. */
const TABLES = [
  'customers',
  'plans',
  'checkoutSessions',
  'invoices',
  'subscriptions',
  'refunds',
  'payouts',
  'events',
  'webhookEndpoints',
  'deliveries',
] as const;

type TableName = (typeof TABLES)[number];

export interface SavedAccount {
  tables: Record<TableName, { id: string }[]>;
  webhookSecrets: Record<string, string>;
  testClocks: Record<string, number>;
  invoiceCount: number;
  bankAccount: unknown;
  /** Left out by files saved before onboarding was emulated. */
  managedSubAccountId?: string | null;
}

/** What `Emulator.saveState()` returns and `createEmulator({ state })` takes. */
export interface EmulatorState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  accounts: Record<string, SavedAccount>;
}

function tableOf(account: AccountState, name: TableName): Table<{ id: string }> {
  return account[name] as unknown as Table<{ id: string }>;
}

export function saveAccounts(accounts: AccountRegistry): EmulatorState {
  const saved: Record<string, SavedAccount> = {};
  for (const account of accounts.each()) {
    const tables = {} as SavedAccount['tables'];
    for (const name of TABLES) tables[name] = tableOf(account, name).values();
    saved[account.accountId] = {
      tables,
      webhookSecrets: Object.fromEntries(account.webhookSecrets),
      testClocks: Object.fromEntries(account.testClocks),
      invoiceCount: account.invoiceCount,
      bankAccount: account.bankAccount,
      managedSubAccountId: account.managedSubAccountId,
    };
  }
  return { format: STATE_FORMAT, version: STATE_VERSION, accounts: saved };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Loads `state` into empty workspaces; throws an `Error` saying what is malformed. */
export function loadAccounts(accounts: AccountRegistry, state: unknown): void {
  if (!isObject(state) || state.format !== STATE_FORMAT) throw new Error(`not an emulator state (no "format": "${STATE_FORMAT}")`);
  if (state.version !== STATE_VERSION) throw new Error(`state version ${String(state.version)} is not ${STATE_VERSION}`);
  if (!isObject(state.accounts)) throw new Error('"accounts" must be an object');
  for (const [accountId, saved] of Object.entries(state.accounts)) {
    const where = `accounts.${accountId}`;
    if (!isObject(saved) || !isObject(saved.tables)) throw new Error(`${where}.tables must be an object`);
    const account = accounts.get(accountId);
    for (const name of TABLES) {
      const rows = saved.tables[name] ?? [];
      if (!Array.isArray(rows)) throw new Error(`${where}.tables.${name} must be an array`);
      rows.forEach((row, i) => {
        if (!isObject(row) || typeof row.id !== 'string' || row.id === '')
          throw new Error(`${where}.tables.${name}[${i}] has no string id`);
        checkRow(name, row, `${where}.tables.${name}[${i}] (id ${JSON.stringify(row.id.slice(0, 60))})`);
        tableOf(account, name).insert(row as { id: string });
      });
    }
    for (const [name, value] of [
      ['webhookSecrets', saved.webhookSecrets],
      ['testClocks', saved.testClocks],
    ] as const) {
      if (value !== undefined && !isObject(value)) throw new Error(`${where}.${name} must be an object`);
    }
    for (const [id, secret] of Object.entries((saved.webhookSecrets as Record<string, unknown>) ?? {})) {
      if (typeof secret !== 'string') throw new Error(`${where}.webhookSecrets.${id} must be a string`);
      account.webhookSecrets.set(id, secret);
    }
    for (const [id, at] of Object.entries((saved.testClocks as Record<string, unknown>) ?? {})) {
      if (typeof at !== 'number') throw new Error(`${where}.testClocks.${id} must be a number`);
      account.testClocks.set(id, at);
    }
    if (saved.invoiceCount !== undefined && !Number.isSafeInteger(saved.invoiceCount))
      throw new Error(`${where}.invoiceCount must be an integer`);
    account.invoiceCount = (saved.invoiceCount as number | undefined) ?? 0;
    account.bankAccount = (saved.bankAccount ?? null) as AccountState['bankAccount'];
    const subAccount = saved.managedSubAccountId ?? null;
    if (subAccount !== null && (typeof subAccount !== 'string' || subAccount === '')) {
      throw new Error(`${where}.managedSubAccountId must be a non-empty string or null`);
    }
    account.managedSubAccountId = subAccount;
    // Live sessions expire by time after a restart too.
    for (const session of account.checkoutSessions.values()) {
      const at = Date.parse(session.expiresAt);
      if (!Number.isNaN(at)) account.sessionExpiry.push(at, session.id);
    }
  }
}
