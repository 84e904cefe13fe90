/**
 * In-memory state, one set of tables per workspace: `X-Plugipay-On-Behalf-Of` switches the
 * workspace, and an object of another workspace is simply not found.
 */
import type { CheckoutSession } from '../../resources/checkout-sessions';
import type { Customer } from '../../resources/customers';
import type { EventRecord } from '../../resources/events';
import type { Invoice } from '../../resources/invoices';
import type { Payout, BankAccount } from '../../resources/payouts';
import type { Plan } from '../../resources/plans';
import type { Refund } from '../../resources/refunds';
import type { Subscription } from '../../resources/subscriptions';
import type { WebhookEndpoint, WebhookDelivery } from '../../resources/webhook-endpoints';
import { ExpiryQueue } from './expiry-queue';
import { Table } from './table';

export class AccountState {
  // Secondary indexes: the unique externalId check, and every "what refers to X" lookup.
  readonly customers = new Table<Customer>({ externalId: (c) => c.externalId });
  readonly plans = new Table<Plan>();
  readonly checkoutSessions = new Table<CheckoutSession>({ customerId: (s) => s.customerId, paymentId: (s) => s.paymentId });
  /** Live sessions by `expiresAt`: expiry pops due ones instead of scanning every session. */
  readonly sessionExpiry = new ExpiryQueue();
  readonly invoices = new Table<Invoice>({ customerId: (i) => i.customerId, chargeId: (i) => i.chargeId });
  readonly subscriptions = new Table<Subscription>({ customerId: (s) => s.customerId });
  readonly refunds = new Table<Refund>({ chargeId: (r) => r.chargeId });
  readonly payouts = new Table<Payout>();
  /** The saved payout destination; `null` until one is set. */
  bankAccount: Omit<BankAccount, 'configured'> | null = null;
  readonly events = new Table<EventRecord>();
  /** Endpoints as listed (no secret); the signing secrets live beside them. */
  readonly webhookEndpoints = new Table<WebhookEndpoint>();
  readonly webhookSecrets = new Map<string, string>();
  readonly deliveries = new Table<WebhookDelivery>({ eventId: (d) => d.eventId });
  /** Source of human-readable invoice numbers. */
  invoiceCount = 0;
  /** The managed payout sub-account, once `onboarding.provisionManaged` created it. */
  managedSubAccountId: string | null = null;
  /** Where each subscription's test clock stands (epoch ms), once `testClocks.advance` moved it. */
  readonly testClocks = new Map<string, number>();

  constructor(readonly accountId: string) {}
}

export class AccountRegistry {
  private readonly accounts = new Map<string, AccountState>();

  /** The workspace's state, created on first use: any `acc_…` the caller names exists. */
  get(accountId: string): AccountState {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = new AccountState(accountId);
      this.accounts.set(accountId, account);
    }
    return account;
  }

  all(): AccountState[] {
    return [...this.accounts.values()];
  }

  /** The workspaces without a copy (the per-request path). */
  each(): IterableIterator<AccountState> {
    return this.accounts.values();
  }

  /** An existing workspace, without creating it. */
  find(accountId: string): AccountState | undefined {
    return this.accounts.get(accountId);
  }

  clear(): void {
    this.accounts.clear();
  }
}

/** A detached copy, so callers can never mutate stored state through a returned object. */
export function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
