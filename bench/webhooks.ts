/**
 * Webhook verification throughput: verifications per second of one ~2 KB event, in one
 * process, side by side with the platform limit and with peer libraries.
 *
 *   npx tsx bench/webhooks.ts            (ROUNDS=7 and MS_PER_ROUND=1000 by default)
 *
 * Each round runs one implementation for MS_PER_ROUND, one verification at a time (awaited
 * when async), so every row pays the same microtask costs. Rounds are interleaved across
 * implementations so that background noise spreads evenly; the table shows per-round medians.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
// The built entry, as users run it (tsx's keepNames would wrap every function of the sources).
import { verifyWebhook } from '../dist/webhooks.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS_PER_ROUND = Number(process.env.MS_PER_ROUND ?? 1000);

// A realistic ~2 KB event: an invoice with a few lines and some metadata.
const lines = Array.from({ length: 8 }, (_, i) => ({
  id: `il_${i}`,
  description: `Line item number ${i} for the monthly plan`,
  quantity: 1 + i,
  unitAmount: 15000 * (i + 1),
  amount: 15000 * (i + 1) * (1 + i),
  priceId: `price_${i}`,
  metadata: null,
}));
const base = {
  id: 'evt_01JBENCHMARK0000000000000',
  type: 'plugipay.invoice.paid.v1',
  accountId: 'acc_1',
  occurredAt: '2026-11-26T10:00:00.000Z',
  data: { object: { id: 'in_1', status: 'paid', currency: 'IDR', lines, metadata: { order_id: 'ord_1' } } },
};
let body = JSON.stringify(base);
body = JSON.stringify({ ...base, pad: 'x'.repeat(Math.max(0, 2048 - body.length - 10)) });
const bodyBytes = new TextEncoder().encode(body);

const secret = 'whsec_bench_0123456789abcdef';
const t = Math.floor(Date.now() / 1000);
const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
const header = `t=${t},v1=${hex}`;

// (a) the platform limit: one crypto.subtle.verify with a key imported once.
const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const signedBytes = new TextEncoder().encode(`${t}.${body}`);
const sigBytes = Buffer.from(hex, 'hex');

// (b) stripe, on the same Web Crypto API.
const stripe = new Stripe('sk_test_bench');
const stripeProvider = Stripe.createSubtleCryptoProvider();
const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t });

// (c) standardwebhooks and svix (same scheme, base64 secret, three headers).
const swSecret = Buffer.from('bench-secret-0123456789abcdef').toString('base64');
const sw = new StandardWebhook(swSecret);
const swHeaders = {
  'webhook-id': 'msg_1',
  'webhook-timestamp': String(t),
  'webhook-signature': sw.sign('msg_1', new Date(t * 1000), body),
};
const svix = new SvixWebhook(`whsec_${swSecret}`);
const svixHeaders = { 'svix-id': 'msg_1', 'svix-timestamp': String(t), 'svix-signature': svix.sign('msg_1', new Date(t * 1000), body) };

type Bench = { name: string; run: () => unknown };
const benches: Bench[] = [
  { name: 'plugipay-edge verifyWebhook (string body)', run: () => verifyWebhook(body, header, secret) },
  { name: 'plugipay-edge verifyWebhook (Uint8Array body)', run: () => verifyWebhook(bodyBytes, header, secret) },
  { name: '(a) bare crypto.subtle.verify, key pre-imported', run: () => crypto.subtle.verify('HMAC', key, sigBytes, signedBytes) },
  {
    // Any API that resolves to the parsed event pays for JSON.parse on top of (a).
    name: "(a') bare verify + JSON.parse (floor for an event-returning API)",
    run: async () => (await crypto.subtle.verify('HMAC', key, sigBytes, signedBytes)) && JSON.parse(body),
  },
  {
    name: '(b) stripe constructEventAsync + SubtleCrypto',
    run: () => stripe.webhooks.constructEventAsync(body, stripeHeader, secret, 300, stripeProvider),
  },
  {
    name: '(c) node:crypto createHmac + timingSafeEqual',
    run: () => {
      const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest();
      if (!timingSafeEqual(mac, sigBytes)) throw new Error('mismatch');
      return JSON.parse(body);
    },
  },
  { name: '(c) standardwebhooks 1.1.1 verify', run: () => sw.verify(body, swHeaders) },
  { name: '(c) svix 2.5.0 verify', run: () => svix.verify(body, svixHeaders) },
];

async function round(bench: Bench): Promise<number> {
  let n = 0;
  const start = performance.now();
  const end = start + MS_PER_ROUND;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) {
      const r = bench.run();
      if (r instanceof Promise) {
        if (!(await r)) throw new Error(`${bench.name}: did not verify`);
      } else if (r === false) throw new Error(`${bench.name}: did not verify`);
    }
    n += 50;
  }
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;

// Warm up every implementation (JIT, key caches), then interleave the rounds.
for (const b of benches) for (let i = 0; i < 2000; i++) await b.run();
const results = new Map<Bench, number[]>(benches.map((b) => [b, []]));
for (let r = 0; r < ROUNDS; r++) for (const b of benches) results.get(b)!.push(await round(b));

const rate = (name: string) => median(results.get(benches.find((b) => b.name.startsWith(name))!)!);
const a = rate('(a)');
const s = rate('(b)');
console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}; body ${bodyBytes.length} bytes; ${ROUNDS} rounds of ${MS_PER_ROUND} ms\n`,
);
console.log('| implementation | verifications/s (median) | vs (a) | vs (b) |');
console.log('|---|--:|--:|--:|');
for (const b of benches) {
  const m = median(results.get(b)!);
  console.log(`| ${b.name} | ${Math.round(m).toLocaleString('en-US')} | ${(m / a).toFixed(2)}x | ${(m / s).toFixed(2)}x |`);
}
