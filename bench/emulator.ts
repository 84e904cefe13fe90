/**
 * Emulator throughput as its state grows, against the goals of issue 13:
 *   (1) creates/s of customers with `externalId` at 20k customers ≥ 0.8× the rate at 1k;
 *   (2) `for await` over 20k customers ≥ 20k items/s, in process;
 *   (3) GET /customers/:id over HTTP (node:http, 127.0.0.1) ≥ 0.6× the in-process rate.
 *
 *   npx tsx bench/emulator.ts            (ROUNDS=7 and MS_PER_ROUND=1000 by default)
 *
 * Everything goes through the SDK client (signing, envelope decoding) and the emulator's full
 * pipeline (signature check, idempotency, validation). Candidates of each comparison are
 * interleaved round by round in one process; the tables show per-round medians.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlugipayClient } from '../src/entries/index';
import { createEmulator, type Emulator } from '../src/testing/emulator';
import { startEmulatorServer } from '../src/testing/node-server';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS_PER_ROUND = Number(process.env.MS_PER_ROUND ?? 1000);
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const seedOf = (customers: number) =>
  Array.from({ length: customers }, (_, i) => ({ name: `Customer ${i}`, email: `c${i}@example.com`, externalId: `seed-${i}` }));

/** The built `plugipay-emulator` command in its own process, as a developer runs it (dist/cli.mjs; `npm run bench` builds first). */
async function startCommand(customers: number): Promise<{ baseUrl: string; keyId: string; secret: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'plugipay-bench-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ customers: seedOf(customers) }));
  const child = spawn(process.execPath, ['dist/cli.mjs', '--port', '0', '--seed', seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  const emulator = emulatorWith(20_000);
  const server = await startEmulatorServer({ emulator });
  try {
    const inProcess = clientFor(emulator);
    const overHttp = new PlugipayClient({ ...emulator.credentials, baseUrl: server.url, maxRetries: 0 });
    const id = (await inProcess.customers.list({ limit: 1 })).data[0]!.id;
    const overNodeHttp = new PlugipayClient({ ...emulator.credentials, baseUrl: server.url, maxRetries: 0, fetch: nodeHttpFetch });
    const command = await startCommand(20_000);
    const overCommand = new PlugipayClient({ keyId: command.keyId, secret: command.secret, baseUrl: command.baseUrl, maxRetries: 0 });
    const commandId = (await overCommand.customers.list({ limit: 1 })).data[0]!.id;
    const getCommand = () => overCommand.customers.get(commandId);
    // The ceiling of any server with this client on this machine: node:http answering a fixed body.
    const fixed = await (async () => {
      const response = await clientFor(emulator).customers.get(id).withResponse();
      return JSON.stringify({
        data: response.data,
        error: null,
        meta: { requestId: response.requestId, timestamp: new Date().toISOString() },
      });
    })();
    const bare = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed), 'x-request-id': 'req_fixed' })
        .end(fixed);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const overBare = new PlugipayClient({
      ...emulator.credentials,
      baseUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
      maxRetries: 0,
    });
    const get = (client: PlugipayClient) => () => client.customers.get(id);
    for (let i = 0; i < 500; i++) {
      await get(inProcess)();
      await get(overHttp)();
      await get(overNodeHttp)();
      await getCommand();
      await get(overBare)();
    }
    const rates = {
      inProcess: [] as number[],
      http: [] as number[],
      nodeHttp: [] as number[],
      command: [] as number[],
      bare: [] as number[],
    };
    for (let r = 0; r < ROUNDS; r++) {
      rates.inProcess.push(await round(get(inProcess)));
      rates.http.push(await round(get(overHttp)));
      rates.nodeHttp.push(await round(get(overNodeHttp)));
      rates.command.push(await round(getCommand));
      rates.bare.push(await round(get(overBare)));
    }
    command.stop();
    bare.close();
    const commandRatio = median(rates.command) / median(rates.inProcess);
    const ratio = median(rates.http) / median(rates.inProcess);
    const nodeRatio = median(rates.nodeHttp) / median(rates.inProcess);
    console.log('### GET /api/v1/customers/:id, one at a time, 20,000 customers stored\n');
    console.log('| transport | requests/s (median) | vs in process |');
    console.log('|---|--:|--:|');
    console.log(`| in process (\`fetch: emulator.fetch\`) | ${fmt(median(rates.inProcess))} | 1.00x |`);
    console.log(`| over HTTP, the SDK on the global fetch (undici) | ${fmt(median(rates.http))} | ${ratio.toFixed(2)}x |`);
    console.log(
      `| over HTTP, the SDK on a minimal node:http keep-alive fetch | ${fmt(median(rates.nodeHttp))} | ${nodeRatio.toFixed(2)}x |`,
    );
    console.log(
      `| over HTTP to the \`plugipay-emulator\` command in its own process, global fetch | ${fmt(median(rates.command))} | ${commandRatio.toFixed(2)}x |`,
    );
    console.log(
      `| ceiling: a bare node:http server sending a fixed answer, global fetch | ${fmt(median(rates.bare))} | ${(median(rates.bare) / median(rates.inProcess)).toFixed(2)}x |`,
    );
    const verdict = (x: number) => (x >= 0.6 ? 'met' : 'NOT met');
    console.log(
      `\nGoal ≥ 0.60x: ${verdict(ratio)} with server and client in one process (global fetch); ${verdict(nodeRatio)} with the node:http client; ${verdict(commandRatio)} against the command`,
    );
  } finally {
    await server.close();
  }
}
