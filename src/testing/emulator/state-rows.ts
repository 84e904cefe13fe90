/**
 * What a saved row must look like before the emulator loads it (`--state`). The file is the
 * user's to edit, and every row ends up in the dashboard, the hosted page and API answers: a
 * row missing a field the pages read made the dashboard answer 500, and a `javascript:` URL
 * became a link on it. So each table's rows are checked for the fields the emulator itself
 * reads, with their types, and every URL field for an http(s) URL; the first bad one is
 * refused by its place in the file (`accounts.acc_x.tables.checkoutSessions[2].successUrl`).
 * Fields not listed are kept as they are (the API answers them back verbatim).
 */

/** How one field is checked; a trailing `?` also allows `null` (never a missing field). */
type FieldKind =
  'string' | 'string?' | 'integer' | 'integer?' | 'boolean' | 'url' | 'url?' | 'time' | 'time?' | 'strings' | 'array' | 'object?';

type RowSpec = Readonly<Record<string, FieldKind>>;

/** By table name in the file (persistence.ts's TABLES). */
export const ROW_SPECS: Readonly<Record<string, RowSpec>> = {
  customers: { accountId: 'string', externalId: 'string?', email: 'string?', name: 'string?', createdAt: 'time', metadata: 'object?' },
  plans: { name: 'string', active: 'boolean', prices: 'array', createdAt: 'time' },
  checkoutSessions: {
    accountId: 'string',
    status: 'string',
    amount: 'integer',
    currency: 'string',
    methods: 'strings',
    lineItems: 'array',
    successUrl: 'url',
    cancelUrl: 'url',
    hostedUrl: 'url',
    expiresAt: 'time',
    customerId: 'string?',
    paymentId: 'string?',
    createdAt: 'time',
    metadata: 'object?',
  },
  invoices: { status: 'string', currency: 'string', total: 'integer', customerId: 'string', hostedInvoiceUrl: 'url?', createdAt: 'time' },
  subscriptions: { status: 'string', customerId: 'string', planId: 'string', currentPeriodEnd: 'time', createdAt: 'time' },
  refunds: { status: 'string', amount: 'integer', currency: 'string', createdAt: 'time' },
  payouts: { status: 'string', amount: 'integer', currency: 'string', createdAt: 'time' },
  events: { type: 'string', occurredAt: 'time', data: 'object?', createdAt: 'time' },
  webhookEndpoints: { url: 'url', events: 'strings', active: 'boolean', createdAt: 'time' },
  deliveries: {
    eventId: 'string',
    endpointId: 'string',
    type: 'string',
    body: 'string',
    status: 'string',
    attempts: 'integer',
    attemptLog: 'array',
    responseCode: 'integer?',
    lastError: 'string?',
    createdAt: 'time',
  },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An absolute http(s) URL: what the API itself accepts for these fields. */
function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What is wrong with `value` as `kind`, or `undefined` when it fits. */
function problem(kind: FieldKind, value: unknown): string | undefined {
  const nullable = kind.endsWith('?');
  if (value === undefined) return 'is missing';
  if (value === null) return nullable ? undefined : 'must not be null';
  switch (kind.replace('?', '')) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'must be an integer';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'url':
      return isHttpUrl(value) ? undefined : `must be an absolute http(s) URL (got ${JSON.stringify(String(value).slice(0, 60))})`;
    case 'time':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'must be an ISO-8601 time';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'must be an array of strings';
    case 'array':
      return Array.isArray(value) ? undefined : 'must be an array';
    case 'object':
      return isObject(value) ? undefined : 'must be an object';
  }
  return undefined;
}

/** Throws an `Error` naming `where.field` when `row` does not fit its table's spec. */
export function checkRow(table: string, row: Record<string, unknown>, where: string): void {
  const spec = ROW_SPECS[table];
  if (!spec) return;
  for (const [field, kind] of Object.entries(spec)) {
    const wrong = problem(kind, row[field]);
    if (wrong !== undefined) throw new Error(`${where}.${field} ${wrong}`);
  }
}
