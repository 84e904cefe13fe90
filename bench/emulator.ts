/**
 * Emulator throughput as its state grows, against the goals of issue 13:
 *   (1) creates/s of customers with `externalId` at 20k customers ≥ 0.8× the rate at 1k;
 *   (2) `for await` over 20k customers ≥ 20k items/s, in process;
 *   (3) GET /customers/:id over HTTP (node:http, 127.0.0.1) ≥ 0.6× the in-process rate, judged on
 *       the `plugipay-emulator` command in its own process (as developers run it); the server in
 *       the bench process and a do-nothing server (both ways) are reported beside it, with the
 *       CPU each process spends per request.
 *
 *   npx tsx bench/emulator.ts            (ROUNDS=7 and MS_PER_ROUND=1000 by default)
 *
 * Everything goes through the SDK client (signing, envelope decoding) and the emulator's full
 * pipeline (signature check, idempotency, validation). Candidates of each comparison are
 * interleaved round by round in one process; the tables show per-round medians.
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
// The built package, as users run it (tsx's keepNames would wrap every function of the sources).
import { PlugipayClient } from '../dist/index.mjs';
import { createEmulator, type Emulator } from '../dist/testing.mjs';
import { startEmulatorServer } from '../dist/testing-node.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS_PER_ROUND = Number(process.env.MS_PER_ROUND ?? 1000);
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const seedOf = (customers: number) =>
  Array.from({ length: customers }, (_, i) => ({ name: `Customer ${i}`, email: `c${i}@example.com`, externalId: `seed-${i}` }));

/** The built `plugipay-emulator` command in its own process, as a developer runs it (dist/cli.mjs; `npm run bench` builds first). */
async function startCommand(customers: number): Promise<{ baseUrl: string; keyId: string; secret: string; pid: number; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'plugipay-bench-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ customers: seedOf(customers) }));
  // Its dev credentials in the temporary directory too, not in the repository's working directory.
  const args = ['dist/cli.mjs', '--port', '0', '--seed', seedFile, '--credentials', join(dir, 'credentials.json')];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never outlive the benchmark, whatever happens to it.
  process.once('exit', () => child.kill('SIGKILL'));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Ctrl-C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`plugipay-emulator exited ${code}: ${out}`)));
  });
  const env = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(out)![1]!;
  return {
    baseUrl: env('PLUGIPAY_BASE_URL'),
    keyId: env('PLUGIPAY_KEY_ID'),
    secret: env('PLUGIPAY_SECRET'),
    pid: child.pid!,
    stop: () => {
      child.kill('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function emulatorWith(customers: number): Emulator {
  const seed = seedOf(customers);
  // A request log of 0: the benchmark measures state, not history.
  return createEmulator({ seed: { customers: seed }, requestLogSize: 0 });
}

const clientFor = (emulator: Emulator) => new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch, maxRetries: 0 });

/** Calls `op` one at a time for MS_PER_ROUND; returns operations per second. */
async function round(op: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const start = performance.now();
  const end = start + MS_PER_ROUND;
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) await op();
    n += 10;
  }
  return n / ((performance.now() - start) / 1000);
}

/**
 * A minimal fetch over node:http with one keep-alive socket: a second, lighter HTTP client, to
 * tell the emulator server's own cost apart from the global fetch's (undici's) client cost.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
async function nodeHttpFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && init === undefined ? input : new Request(input, init);
  const url = new URL(request.url);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode!, headers }));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Headers a fixed answer must not copy: node:http writes its own. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'date', 'content-length', 'transfer-encoding']);

interface FixedAnswer {
  headers: Record<string, string>;
  body: string;
}

/** Signed headers for a GET (a one-off request to read the emulator's real answer). */
function signedHeaders(keys: { keyId: string; secret: string }, target: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const emptyHash = createHash('sha256').update('').digest('hex');
  const signature = createHmac('sha256', keys.secret).update(`GET\n${target}\n${timestamp}\n${emptyHash}`).digest('hex');
  return {
    Authorization: `Plugipay-HMAC-SHA256 keyId=${keys.keyId}, scope=*, signature=${signature}`,
    'X-Plugipay-Timestamp': timestamp,
  };
}

/** A node:http server that answers every request with one fixed answer (set once it is known). */
const BARE_SERVER = `
const { createServer } = require('node:http');
let answer = { headers: {}, body: '' };
const server = createServer((_req, res) => {
  res.writeHead(200, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) }).end(answer.body);
});
process.on('message', (message) => { answer = message; process.send('ok'); });
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

/** The do-nothing server in its own process: the ceiling of the command's row. */
async function startBareChild(): Promise<{ url: string; pid: number; answerWith(answer: FixedAnswer): void; stop(): void }> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    answerWith: (answer) => child.send(answer),
    stop: () => child.kill('SIGINT'),
  };
}

/** The same do-nothing server in the bench process. */
async function startBareServer(): Promise<{ url: string; answerWith(answer: FixedAnswer): void; close(): Promise<void> }> {
  let answer: FixedAnswer = { headers: {}, body: '' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answerWith: (next) => (answer = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** CPU time (user + system) of another process in µs, from /proc (Linux); `undefined` elsewhere. */
function processCpuUs(pid: number): number | undefined {
  try {
    // Fields after the command name: state is 3rd, utime 14th, stime 15th (in clock ticks).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

/** `round`, also returning how many operations ran. */
async function countedRound(op: () => Promise<unknown>): Promise<{ rate: number; count: number }> {
  let count = 0;
  const start = performance.now();
  const end = start + MS_PER_ROUND;
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) await op();
    count += 10;
  }
  return { rate: count / ((performance.now() - start) / 1000), count };
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}; ${ROUNDS} interleaved rounds of ${MS_PER_ROUND} ms; medians\n`);

// (1) creates with externalId: 1k vs 20k existing customers.
{
  const small = clientFor(emulatorWith(1_000));
  const large = clientFor(emulatorWith(20_000));
  let next = 0;
  const create = (client: PlugipayClient) => () => client.customers.create({ name: 'New', externalId: `new-${next++}` });
  for (let i = 0; i < 300; i++) {
    await create(small)();
    await create(large)();
  }
  const rates = { small: [] as number[], large: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    rates.small.push(await round(create(small)));
    rates.large.push(await round(create(large)));
  }
  const ratio = median(rates.large) / median(rates.small);
  console.log('### Creates with externalId (unique check) as the table grows\n');
  console.log('| customers already stored | creates/s (median) | vs 1k |');
  console.log('|---|--:|--:|');
  console.log(`| 1,000 | ${fmt(median(rates.small))} | 1.00x |`);
  console.log(`| 20,000 (+ what earlier rounds created) | ${fmt(median(rates.large))} | ${ratio.toFixed(2)}x |`);
  console.log(`\nGoal ≥ 0.80x: ${ratio >= 0.8 ? 'met' : 'NOT met'}\n`);
}

// (2) for await over 20k customers, in process (pages of 100).
{
  const client = clientFor(emulatorWith(20_000));
  const rates: number[] = [];
  for (let r = 0; r < Math.max(3, Math.ceil(ROUNDS / 2)); r++) {
    const start = performance.now();
    let n = 0;
    for await (const customer of client.customers.list({ limit: 100 })) if (customer.id) n++;
    if (n !== 20_000) throw new Error(`listed ${n} customers`);
    rates.push(n / ((performance.now() - start) / 1000));
  }
  console.log('### `for await` over 20,000 customers (limit 100 per page), in process\n');
  console.log(`| items/s (median of ${rates.length} full walks) |\n|--:|\n| ${fmt(median(rates))} |`);
  console.log(`\nGoal ≥ 20,000 items/s: ${median(rates) >= 20_000 ? 'met' : 'NOT met'}\n`);
}

// (3) GET one customer over HTTP vs in process.
{
  const inProcessEmulator = emulatorWith(20_000);
  const inProcess = clientFor(inProcessEmulator);
  const id = (await inProcess.customers.list({ limit: 1 })).data[0]!.id;
  // The server creates its emulator as the command does (node:crypto signature check included).
  const server = await startEmulatorServer({ seed: { customers: seedOf(20_000) }, requestLogSize: 0 });
  const command = await startCommand(20_000);
  const bareChild = await startBareChild();
  const bare = await startBareServer();
  try {
    const credentials = server.emulator.credentials;
    const overHttp = new PlugipayClient({ ...credentials, baseUrl: server.url, maxRetries: 0 });
    const overNodeHttp = new PlugipayClient({ ...credentials, baseUrl: server.url, maxRetries: 0, fetch: nodeHttpFetch });
    const serverId = (await overHttp.customers.list({ limit: 1 })).data[0]!.id;
    const overCommand = new PlugipayClient({ keyId: command.keyId, secret: command.secret, baseUrl: command.baseUrl, maxRetries: 0 });
    const commandId = (await overCommand.customers.list({ limit: 1 })).data[0]!.id;
    // The ceilings answer with the bytes the emulator answers (status, headers, body), doing nothing else.
    const answer = await fetch(`${command.baseUrl}/api/v1/customers/${commandId}`, {
      headers: signedHeaders(command, `/api/v1/customers/${commandId}`),
    });
    const fixed = {
      headers: Object.fromEntries([...answer.headers].filter(([name]) => !HOP_HEADERS.has(name))),
      body: await answer.text(),
    };
    if (answer.status !== 200) throw new Error(`GET answered ${answer.status}: ${fixed.body}`);
    bareChild.answerWith(fixed);
    bare.answerWith(fixed);
    const overBareChild = new PlugipayClient({ ...credentials, baseUrl: bareChild.url, maxRetries: 0 });
    const overBare = new PlugipayClient({ ...credentials, baseUrl: bare.url, maxRetries: 0 });

    const rows: { label: string; op: () => Promise<unknown>; serverPid?: number }[] = [
      { label: 'in process (`fetch: emulator.fetch`), the denominator', op: () => inProcess.customers.get(id) },
      {
        label: '**the `plugipay-emulator` command in its own process**, SDK on the global fetch (the goal row)',
        op: () => overCommand.customers.get(commandId),
        serverPid: command.pid,
      },
      { label: '`startEmulatorServer` in the bench process, SDK on the global fetch', op: () => overHttp.customers.get(serverId) },
      {
        label: '`startEmulatorServer` in the bench process, SDK on a minimal node:http fetch',
        op: () => overNodeHttp.customers.get(serverId),
      },
      {
        label: 'ceiling: a do-nothing node:http server in its own process sending the same answer, global fetch',
        op: () => overBareChild.customers.get(commandId),
        serverPid: bareChild.pid,
      },
      { label: 'ceiling: the same do-nothing server in the bench process, global fetch', op: () => overBare.customers.get(commandId) },
    ];
    for (let i = 0; i < 500; i++) for (const row of rows) await row.op();
    const rates = rows.map(() => [] as number[]);
    const clientCpu = rows.map(() => [] as number[]);
    const serverCpu = rows.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, row] of rows.entries()) {
        const serverBefore = row.serverPid === undefined ? undefined : processCpuUs(row.serverPid);
        const before = process.cpuUsage();
        const { rate, count } = await countedRound(row.op);
        const used = process.cpuUsage(before);
        rates[i]!.push(rate);
        clientCpu[i]!.push((used.user + used.system) / count);
        if (serverBefore !== undefined) serverCpu[i]!.push((processCpuUs(row.serverPid!)! - serverBefore) / count);
      }
    }
    const inProcessRate = median(rates[0]!);
    console.log('### GET /api/v1/customers/:id, one at a time, 20,000 customers stored\n');
    console.log('| transport | requests/s (median) | vs in process | CPU µs/request, bench process | CPU µs/request, server process |');
    console.log('|---|--:|--:|--:|--:|');
    for (const [i, row] of rows.entries()) {
      const server = serverCpu[i]!.length > 0 ? fmt(median(serverCpu[i]!)) : '—';
      console.log(
        `| ${row.label} | ${fmt(median(rates[i]!))} | ${(median(rates[i]!) / inProcessRate).toFixed(2)}x | ${fmt(median(clientCpu[i]!))} | ${server} |`,
      );
    }
    const ratio = (i: number) => median(rates[i]!) / inProcessRate;
    const verdict = (x: number) => (x >= 0.6 ? 'met' : 'NOT met');
    console.log(
      `\nGoal ≥ 0.60x, judged on the command in its own process (how developers run the emulator): ${verdict(ratio(1))} (${ratio(1).toFixed(2)}x); ` +
        `in one process ${ratio(2).toFixed(2)}x. The command reaches ${(median(rates[1]!) / median(rates[4]!)).toFixed(2)} of what a do-nothing server in its own process gets with this client.`,
    );
    console.log(
      `Load average (1, 5, 15 min) at the end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}\n`,
    );
  } finally {
    command.stop();
    bareChild.stop();
    await bare.close();
    await server.close();
  }
}
