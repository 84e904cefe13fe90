/**
 * What exactly-once handling costs in a request: a signed webhook through the Workers
 * `createWebhookHandler` with and without `{ dedupe: memoryDedupe() }`, and `handleOnce` alone
 * against calling the handler directly. Every call is a fresh event id (the first-delivery
 * path: claim, run, complete); one `duplicate` row measures the path a redelivery takes.
 *
 *   npx tsx bench/handle-once.ts            (ROUNDS=7 and MS_PER_ROUND=1000 by default)
 *
 * Rounds are interleaved across rows, one call at a time; the table shows per-round medians.
 */
import { createHmac } from 'node:crypto';
// The built package, as users run it (tsx's keepNames would wrap every function of the sources).
import { handleOnce, memoryDedupe } from '../dist/index.mjs';
import { createWebhookHandler } from '../dist/workers.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS_PER_ROUND = Number(process.env.MS_PER_ROUND ?? 1000);

const secret = 'whsec_bench_once';
const env = { PLUGIPAY_WEBHOOK_SECRET: secret };
let n = 0;
const t = Math.floor(Date.now() / 1000);

function signed(id: string) {
  const body = JSON.stringify({
    id,
    type: 'plugipay.invoice.paid.v1',
    accountId: 'acc_1',
    occurredAt: '2026-12-01T00:00:00Z',
    data: { object: { id: 'in_1' } },
  });
  const header = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  return new Request('https://bench.example/hook', { method: 'POST', headers: { 'x-plugipay-signature': header }, body });
}

const work = async () => undefined;
const plain = createWebhookHandler(work);
const deduped = createWebhookHandler(work, { dedupe: memoryDedupe({ retainSec: 1 }) });
// Completed ids expire after 1 s, so the map holds about a second of events, not the whole run.
const store = memoryDedupe({ retainSec: 1 });
const dupStore = memoryDedupe();
await handleOnce(dupStore, { id: 'evt_dup' }, work);

type Bench = { name: string; run: () => Promise<unknown> };
const benches: Bench[] = [
  { name: 'handler call alone (baseline for handleOnce)', run: () => work() },
  { name: 'handleOnce(memoryDedupe(), new event id, fn)', run: () => handleOnce(store, { id: `evt_${n++}` }, work) },
  { name: 'handleOnce(…) of a completed event (duplicate)', run: () => handleOnce(dupStore, { id: 'evt_dup' }, work) },
  { name: 'createWebhookHandler(fn): verify + fn (baseline)', run: () => plain(signed(`evt_${n++}`), env, {}) },
  { name: 'createWebhookHandler(fn, { dedupe: memoryDedupe() })', run: () => deduped(signed(`evt_${n++}`), env, {}) },
];

async function round(bench: Bench): Promise<number> {
  let count = 0;
  const end = performance.now() + MS_PER_ROUND;
  while (performance.now() < end) {
    await bench.run();
    count++;
  }
  return (count / MS_PER_ROUND) * 1000;
}

const rates = new Map<string, number[]>(benches.map((b) => [b.name, []]));
for (const b of benches) await round({ ...b }); // warm-up
for (let r = 0; r < ROUNDS; r++) for (const b of benches) rates.get(b.name)!.push(await round(b));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`Node ${process.version}, ${ROUNDS} interleaved rounds of ${MS_PER_ROUND} ms, medians\n`);
console.log('| row | calls/s (median) | µs per call |');
console.log('|---|--:|--:|');
for (const b of benches) {
  const m = median(rates.get(b.name)!);
  console.log(`| ${b.name} | ${Math.round(m).toLocaleString('en-US')} | ${(1e6 / m).toFixed(2)} |`);
}
