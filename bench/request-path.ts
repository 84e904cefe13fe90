/**
 * The request path against a local node:http server, side by side in one process: the SDK's
 * `customers.get` / `customers.create` vs raw `fetch` calls signed the same way (HMAC over the
 * same string to sign with a key imported once; the POST also hashes its body and carries an
 * idempotency key), each reading and JSON-parsing the body. Sequential (one call at a time) and
 * 32 in flight. Rounds are interleaved across candidates (every other round in reverse order);
 * the table shows per-round medians, the median of per-round ratios and CPU time per call, and a
 * reference row: the raw GET bounded by an AbortSignal and a timer, as every SDK attempt is.
 * Then: client construction and `fromEnv`-style reuse of the imported key (import cost:
 * bench/import-cost.mjs).
 *
 * The SDK is the BUILT package (`dist/index.mjs`, as users run it; `npm run bench` builds
 * first): tsx runs this file with esbuild's `keepNames`, which wraps every function the source
 * creates in a `__name()` call, so the TypeScript sources under tsx pay per-call costs users
 * never do (construction measured ~3.9 us from src under tsx, ~0.8 us from dist).
 *
 *   npx rollup -c --silent && npx tsx bench/request-path.ts      (ROUNDS=7 MS_PER_ROUND=1000 by default)
 */
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { PlugipayClient } from '../dist/index.mjs';
// The option schema is internal to the build; valibot's own code (not transpiled by tsx) runs it
// the same way in both, so the validation share below is comparable with the built constructor.
import { clientSchema } from '../src/core/options';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS_PER_ROUND = Number(process.env.MS_PER_ROUND ?? 1000);

const customer = {
  id: 'cus_1',
  email: 'budi@example.com',
  name: 'Budi',
  phone: null,
  metadata: {},
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
};
const getBody = JSON.stringify({ data: customer, meta: { requestId: 'req_bench' } });
const server = createServer((req, res) => {
  let n = 0;
  req.on('data', (c: Buffer) => (n += c.length));
  req.on('end', () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'x-request-id': 'req_bench' });
    res.end(getBody);
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const keyId = 'pk_bench';
const secret = 'sk_bench_0123456789abcdef';
const client = new PlugipayClient({ keyId, secret, baseUrl: base });

const enc = new TextEncoder();
const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
async function rawSigned(method: string, path: string, body?: string, bounded = false) {
  const ts = String(Math.floor(Date.now() / 1000));
  const idem = method === 'GET' ? null : `idem_${crypto.randomUUID()}`;
  const bodyHash = body ? hex(await crypto.subtle.digest('SHA-256', enc.encode(body))) : EMPTY;
  const lines = [method, path, ts, bodyHash];
  if (idem) lines.push(idem);
  const sig = hex(await crypto.subtle.sign('HMAC', key, enc.encode(lines.join('\n'))));
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${sig}`,
    'x-plugipay-timestamp': ts,
  };
  if (body) headers['content-type'] = 'application/json';
  if (idem) headers['idempotency-key'] = idem;
  if (!bounded) {
    const res = await fetch(base + path, { method, headers, body });
    return JSON.parse(await res.text()).data;
  }
  // A reference row, not the baseline: the same call bounded in time as every SDK attempt is
  // (an AbortSignal and a timer per request), to show what that bound alone costs.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await fetch(base + path, { method, headers, body, signal: controller.signal });
    return JSON.parse(await res.text()).data;
  } finally {
    clearTimeout(timer);
  }
}

const createInput = { email: 'budi@example.com', name: 'Budi' };
const candidates: Record<string, () => Promise<unknown>> = {
  'sdk customers.get': () => client.customers.get('cus_1'),
  'raw signed GET': () => rawSigned('GET', '/api/v1/customers/cus_1'),
  'sdk customers.create': () => client.customers.create(createInput),
  'raw signed POST': () => rawSigned('POST', '/api/v1/customers', JSON.stringify(createInput)),
  'raw signed GET + timeout signal': () => rawSigned('GET', '/api/v1/customers/cus_1', undefined, true),
};
/** CPU time (all threads) per call of the round just run, per candidate: steadier than wall time on a shared machine. */
const cpuPerCall: Record<string, number[]> = {};

async function runFor(fn: () => Promise<unknown>, ms: number, inFlight: number, cpu?: number[]): Promise<number> {
  const end = performance.now() + ms;
  let count = 0;
  const worker = async () => {
    while (performance.now() < end) {
      await fn();
      count++;
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const used = process.cpuUsage(before);
  cpu?.push((used.user + used.system) / count);
  return (count * 1000) / ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
console.log(`load average at the start: ${loadAverage()} (${availableParallelism()} cores)`);
for (const inFlight of [1, 32]) {
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
  for (const name of Object.keys(candidates)) cpuPerCall[name] = [];
  for (const fn of Object.values(candidates)) await runFor(fn, 200, inFlight); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    // Every other round runs the candidates in reverse order, so that a drift in the machine's
    // load does not always favour the same one.
    const order = Object.entries(candidates);
    if (round % 2) order.reverse();
    for (const [name, fn] of order) results[name]!.push(await runFor(fn, MS_PER_ROUND, inFlight, cpuPerCall[name]));
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, xs]) => [k, median(xs)]));
  const cpu = (name: string) => median(cpuPerCall[name]!).toFixed(0);
  // The ratio of medians, and the median of the per-round ratios (each SDK round against the raw round next to it).
  const ratio = (a: string, b: string) => {
    const paired = median(results[a]!.map((x, i) => x / results[b]![i]!));
    return `${(m[a]! / m[b]!).toFixed(2)}x (${paired.toFixed(2)}x)`;
  };
  console.log(`\n### ${inFlight === 1 ? 'Sequential (1 in flight)' : `${inFlight} in flight`}\n`);
  console.log('| candidate | calls/s (median) | ratio to raw (median of per-round ratios) | CPU µs per call (median) |');
  console.log('|---|--:|--:|--:|');
  console.log(
    `| sdk customers.get | ${fmt(m['sdk customers.get']!)} | ${ratio('sdk customers.get', 'raw signed GET')} | ${cpu('sdk customers.get')} |`,
  );
  console.log(`| raw signed GET | ${fmt(m['raw signed GET']!)} | 1.00x | ${cpu('raw signed GET')} |`);
  console.log(
    `| raw signed GET + timeout signal (reference) | ${fmt(m['raw signed GET + timeout signal']!)} | ${ratio('raw signed GET + timeout signal', 'raw signed GET')} | ${cpu('raw signed GET + timeout signal')} |`,
  );
  console.log(
    `| sdk customers.create | ${fmt(m['sdk customers.create']!)} | ${ratio('sdk customers.create', 'raw signed POST')} | ${cpu('sdk customers.create')} |`,
  );
  console.log(`| raw signed POST | ${fmt(m['raw signed POST']!)} | 1.00x | ${cpu('raw signed POST')} |`);
}
console.log(`\nload average at the end: ${loadAverage()}`);

// Construction: the whole constructor vs the option validation alone, and the key import reuse.
function perCallMicros(fn: () => unknown, n = 20_000): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1000) / n;
}
const options = { keyId, secret, baseUrl: base };
const construct: number[] = [];
const validate: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  construct.push(perCallMicros(() => new PlugipayClient(options)));
  validate.push(perCallMicros(() => v.safeParse(clientSchema(), options)));
}
console.log('\n### Client construction\n');
console.log('| step | µs per client (median) |');
console.log('|---|--:|');
console.log(`| \`new PlugipayClient({ keyId, secret, baseUrl })\` | ${median(construct).toFixed(2)} |`);
console.log(`| of which option validation (valibot) | ${median(validate).toFixed(2)} |`);
console.log(`| beyond validation | ${(median(construct) - median(validate)).toFixed(2)} |`);
// One imported key per secret: a client per request (Workers' fromEnv) signs without a new import.
const importCount = { n: 0 };
const realImport = crypto.subtle.importKey.bind(crypto.subtle);
crypto.subtle.importKey = ((...args: Parameters<typeof realImport>) => (importCount.n++, realImport(...args))) as typeof realImport;
const fresh = { ...options, secret: `sk_fresh_${Date.now()}` };
for (let i = 0; i < 50; i++) await new PlugipayClient(fresh).customers.get('cus_1');
crypto.subtle.importKey = realImport;
console.log(`\n50 clients built from one new secret, one call each: ${importCount.n} key import(s).`);

// Import cost (a fresh Node process per import): bench/import-cost.mjs.

server.close();
