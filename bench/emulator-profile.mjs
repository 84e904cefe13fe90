/**
 * Where a GET over HTTP spends its time: CPU profiles (`node --cpu-prof`) of the client process
 * and of the `plugipay-emulator` command it talks to, beside a profile of the same GETs in
 * process (`fetch: emulator.fetch`). Prints self time per request, grouped by what the code is
 * (the SDK, undici, node:http, the emulator, GC, …), and the heaviest functions of each side.
 *
 *   npm run build && node bench/emulator-profile.mjs        (REQUESTS=3000 by default)
 *
 * Built files only (dist/), so the frames are the ones users run. Each phase runs in its own
 * process so that one profile holds one setup.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUESTS = Number(process.env.REQUESTS ?? 3000);
const CUSTOMERS = 20_000;
const phase = process.argv[2];

const seed = () => ({
  customers: Array.from({ length: CUSTOMERS }, (_, i) => ({ name: `Customer ${i}`, email: `c${i}@example.com`, externalId: `seed-${i}` })),
});

/** Monotonic µs: the clock of CPU profile timestamps (both processes share it). */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Runs `op` REQUESTS times after a warm-up of 500, one at a time; returns requests/s of the
 * timed part and its window, so start-up (seeding 20k customers) stays out of the profile.
 */
async function loop(op) {
  for (let i = 0; i < 500; i++) await op();
  const window = [monotonicUs()];
  const start = performance.now();
  for (let i = 0; i < REQUESTS; i++) await op();
  const rate = REQUESTS / ((performance.now() - start) / 1000);
  window.push(monotonicUs());
  return { rate, window };
}

/** Client phase over HTTP: starts the command (profiled) and GETs through the SDK on the global fetch. */
async function httpPhase(dir) {
  const { PlugipayClient } = await import('../dist/index.mjs');
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed()));
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'server')}`, 'dist/cli.mjs', '--port', '0', '--seed', seedFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Ctrl-C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`plugipay-emulator exited ${code}: ${out}`)));
  });
  const env = (name) => new RegExp(`^${name}=(.*)$`, 'm').exec(out)[1];
  const client = new PlugipayClient({
    keyId: env('PLUGIPAY_KEY_ID'),
    secret: env('PLUGIPAY_SECRET'),
    baseUrl: env('PLUGIPAY_BASE_URL'),
    maxRetries: 0,
  });
  const id = (await client.customers.list({ limit: 1 })).data[0].id;
  const result = await loop(() => client.customers.get(id));
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
  return result;
}

async function inProcessPhase() {
  const { PlugipayClient } = await import('../dist/index.mjs');
  const { createEmulator } = await import('../dist/testing.mjs');
  const emulator = createEmulator({ seed: seed(), requestLogSize: 0 });
  const client = new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch, maxRetries: 0 });
  const id = (await client.customers.list({ limit: 1 })).data[0].id;
  return loop(() => client.customers.get(id));
}

/** What a frame is, by where its code lives. */
function groupOf(frame) {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return '(program: native, outside JS)';
  if (functionName === '(idle)') return 'idle';
  // Native socket writes: the syscall hands the bytes to the other side and wakes it, so on a
  // busy machine their samples include waiting for a CPU.
  if (url === '' && /^(writev|writeLatin1String|writeUtf8String|writeBuffer|writeAsciiString)$/.test(functionName))
    return 'socket writes (native; include waiting for a CPU)';
  if (url.includes('internal/crypto/util')) return 'Web Crypto jobs (dispatch to the thread pool and back)';
  if (url.includes('/dist/cli.mjs')) {
    if (['toRequest', 'sendResponse', 'headerRecord', 'hasBody', 'bodyStream'].includes(functionName))
      return 'node server bridge (node-server.ts)';
    return 'emulator (and its SDK parts)';
  }
  if (url.includes('/dist/testing.mjs') || url.includes('/dist/shared/emulator')) return 'emulator (and its SDK parts)';
  if (url.includes('/dist/')) return 'SDK (dist/ chunks, with ofetch and valibot where bundled)';
  if (url.includes('/ofetch/')) return 'ofetch';
  if (url.includes('/valibot/')) return 'valibot';
  if (url.includes('deps/undici')) return 'undici (fetch, Request, Response, Headers)';
  if (
    /node:(_http|http|net|stream|internal\/streams|internal\/http|internal\/stream_base)/.test(url) ||
    url.includes('stream_base_commons')
  )
    return 'node:http, net and streams';
  if (url.includes('webstreams')) return 'web streams';
  if (url.includes('crypto')) return 'node crypto (Web Crypto, createHmac, random)';
  if (url.startsWith('node:') || url === '') return 'other node internals and natives';
  return 'other';
}

/** Self time per group and per function, in µs per request, of the samples inside `window`. */
function summarize(file, [from, to], requests) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) continue;
    const node = nodes.get(profile.samples[i]);
    self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const groups = new Map();
  const functions = new Map();
  let busy = 0;
  for (const [node, us] of self) {
    const group = groupOf(node.callFrame);
    if (group === 'idle') continue;
    busy += us;
    groups.set(group, (groups.get(group) ?? 0) + us);
    const name = `${node.callFrame.functionName || '(anonymous)'} (${node.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${node.callFrame.lineNumber + 1})`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const per = (us) => us / requests;
  return {
    busy: per(busy),
    groups: [...groups].map(([g, us]) => [g, per(us)]).sort((a, b) => b[1] - a[1]),
    top: [...functions]
      .map(([f, us]) => [f, per(us)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12),
  };
}

function print(title, summary) {
  console.log(`\n#### ${title}: ${Math.round(summary.busy)} µs busy per request (main thread, timed requests only)\n`);
  console.log('| where (self time) | µs/request |\n|---|--:|');
  for (const [group, us] of summary.groups) if (us >= 1) console.log(`| ${group} | ${us.toFixed(0)} |`);
  console.log('\n| heaviest functions (self time) | µs/request |\n|---|--:|');
  for (const [name, us] of summary.top) console.log(`| \`${name}\` | ${us.toFixed(0)} |`);
}

if (phase === 'http' || phase === 'in-process') {
  const result = phase === 'http' ? await httpPhase(process.argv[3]) : await inProcessPhase();
  console.log(JSON.stringify(result));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'plugipay-profile-'));
  try {
    const run = (name) => {
      const result = spawnSync(
        process.execPath,
        ['--cpu-prof', `--cpu-prof-dir=${join(dir, name)}`, 'bench/emulator-profile.mjs', name, dir],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      if (result.status !== 0) throw new Error(`${name} phase failed`);
      return JSON.parse(result.stdout.trim().split('\n').at(-1));
    };
    const profileIn = (sub) => join(dir, sub, readdirSync(join(dir, sub))[0]);
    const http = run('http');
    const inProcess = run('in-process');
    const [httpRate, inProcessRate] = [http.rate, inProcess.rate];
    console.log(
      `Node ${process.version}; ${REQUESTS} timed GET /api/v1/customers/:id after 500 warm-up, ${CUSTOMERS.toLocaleString('en-US')} customers stored`,
    );
    console.log(
      `in process ${Math.round(inProcessRate)} req/s, over HTTP to the command ${Math.round(httpRate)} req/s (${(httpRate / inProcessRate).toFixed(2)}x) while profiled`,
    );
    console.log(
      `load average: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}`,
    );
    print('In process: the SDK and the emulator in one process', summarize(profileIn('in-process'), inProcess.window, REQUESTS));
    print('Over HTTP, client process (SDK on the global fetch)', summarize(profileIn('http'), http.window, REQUESTS));
    print('Over HTTP, server process (`plugipay-emulator`)', summarize(profileIn('server'), http.window, REQUESTS));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
