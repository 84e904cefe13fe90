/**
 * What the boundary checks of issue 11 cost on the request path: the JSON-exact walk of a body
 * and the query check, against `JSON.stringify` of the same body (which the transport does
 * anyway) and against a whole `customers.create` / `checkoutSessions.list` call answered by an
 * in-process fetch (signing, envelope decoding and the bounded reader included).
 *
 *   npx tsx bench/boundaries.ts          (ROUNDS=7 MS_PER_ROUND=500 by default)
 *
 * Rounds are interleaved across rows so background noise spreads evenly; the table shows the
 * median round of each row, in microseconds per operation.
 */
import { assertSendable, queryProblems } from '../src/core/request-checks';
import { PlugipayClient } from '../src/entries/index';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS_PER_ROUND = Number(process.env.MS_PER_ROUND ?? 500);

// A checkout session as a shop creates it: a few lines, metadata, URLs.
const body = {
  amount: 375_000,
  currency: 'IDR',
  methods: ['qris', 'va', 'ewallet'],
  successUrl: 'https://shop.example/thanks',
  cancelUrl: 'https://shop.example/cart',
  customerEmail: 'buyer@example.com',
  lineItems: Array.from({ length: 5 }, (_, i) => ({ name: `Kopi susu ${i}`, quantity: 1 + i, unitAmount: 25_000 })),
  metadata: { orderId: 'ord_12345', channel: 'web', campaign: 'ramadan-2026' },
};
const query = { limit: 20, status: 'open', createdAfter: new Date('2026-01-01T00:00:00Z'), customerId: 'cus_1' };

const envelope = JSON.stringify({ data: { id: 'cus_1', object: 'customer', name: 'A' }, error: null, meta: { requestId: 'req_1' } });
const listEnvelope = JSON.stringify({ data: [], error: null, meta: { requestId: 'req_1', hasMore: false } });
const fetch = async (input: string | URL | Request) =>
  new Response(String(input).includes('?') || String(input).endsWith('/checkout-sessions') ? listEnvelope : envelope, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
const client = new PlugipayClient({ keyId: 'pk_bench', secret: 'sk_bench', fetch });

type Row = { name: string; run: () => unknown };
const rows: Row[] = [
  { name: 'JSON.stringify(body) (the transport does this anyway)', run: () => JSON.stringify(body) },
  { name: 'body check: plain object + JSON-exact walk', run: () => assertSendable({ body }) },
  { name: 'query check (4 values, a Date)', run: () => queryProblems(query) },
  {
    name: 'customers.create({ name, email, metadata }) end to end, stub fetch',
    run: () => client.customers.create({ name: 'A', email: 'a@example.com', metadata: { k: 'v' } }),
  },
  { name: 'checkoutSessions.list(query) end to end, stub fetch', run: () => client.checkoutSessions.list({ limit: 20 }) },
];

async function round(row: Row): Promise<number> {
  let n = 0;
  const started = performance.now();
  const until = started + MS_PER_ROUND;
  while (performance.now() < until) {
    for (let i = 0; i < 50; i++) await row.run();
    n += 50;
  }
  return ((performance.now() - started) * 1000) / n;
}

const results = new Map<string, number[]>(rows.map((r) => [r.name, []]));
for (let r = 0; r < ROUNDS; r++) for (const row of rows) results.get(row.name)!.push(await round(row));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`| operation | µs per op (median of ${ROUNDS} rounds) |\n|---|--:|`);
for (const [name, xs] of results) console.log(`| ${name} | ${median(xs).toFixed(2)} |`);
