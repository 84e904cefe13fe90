/**
 * The `plugipay-emulator` command as a user runs it: the packed package installed under
 * .tmp/consumer, started as node_modules/.bin/plugipay-emulator (never on 4010: several suites
 * share this machine, so --port 0 and the port it prints). Its printed variables drive a
 * client, --forward-to delivers a signed event that verifyWebhook accepts, Ctrl-C stops it
 * cleanly, --state survives a restart, and a damaged state file is a clear error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { CONSUMER_MODULES, packedConsumer } from '../runtimes/support/packed.mjs';

const BIN = () => join(CONSUMER_MODULES as string, '.bin/plugipay-emulator');

interface Started {
  child: ChildProcess;
  env: Record<string, string>;
  stdout: () => string;
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Every command started, so a failing test never leaves one running. */
const children = new Set<ChildProcess>();

function start(args: string[]): Promise<Started> {
  const child = spawn(BIN(), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line; stdout: ${stdout} stderr: ${stderr}`)), 15_000);
    const check = () => {
      if (!stdout.includes('Ctrl-C to stop.')) return;
      clearTimeout(timer);
      const env = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => /^PLUGIPAY_[A-Z_]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      resolve({ child, env, stdout: () => stdout, exited });
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => reject(new Error(`exited ${code} before starting: ${stderr}`)));
  });
}

async function receiver() {
  const received: { body: string; signature: string }[] = [];
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-plugipay-signature']) });
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/plugipay`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function until<T>(get: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let dir: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pkg: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let hooks: any;
beforeAll(async () => {
  packedConsumer();
  dir = mkdtempSync(join(tmpdir(), 'plugipay-cli-'));
  pkg = await import(pathToFileURL(join(CONSUMER_MODULES, 'plugipay-edge/dist/index.mjs')).href);
  hooks = await import(pathToFileURL(join(CONSUMER_MODULES, 'plugipay-edge/dist/webhooks.mjs')).href);
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('plugipay-emulator (the packed bin)', () => {
  it('prints what to paste; a client on those variables works; --forward-to delivers a signed event; Ctrl-C stops it; --state survives a restart', async () => {
    const hook = await receiver();
    const state = join(dir, 'state.json');
    try {
      const first = await start(['--port', '0', '--forward-to', hook.url, '--state', state]);
      const { env } = first;
      expect(env.PLUGIPAY_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.PLUGIPAY_BASE_URL).not.toMatch(/:4010$/);
      expect(env.PLUGIPAY_KEY_ID).toMatch(/^pk_test_/);
      expect(env.PLUGIPAY_SECRET).toMatch(/^sk_test_/);
      expect(env.PLUGIPAY_WEBHOOK_SECRET).toMatch(/^whsec_/);
      expect(first.stdout()).toContain(`Dashboard: ${env.PLUGIPAY_BASE_URL}/`);

      const client = new pkg.PlugipayClient({ keyId: env.PLUGIPAY_KEY_ID, secret: env.PLUGIPAY_SECRET, baseUrl: env.PLUGIPAY_BASE_URL });
      const session = await client.checkoutSessions.create({
        amount: 125_000,
        currency: 'IDR',
        methods: ['qris'],
        successUrl: 'https://shop.example/thanks',
        cancelUrl: 'https://shop.example/cart',
      });
      expect(session.hostedUrl).toBe(`${env.PLUGIPAY_BASE_URL}/c/${session.id}`);
      await client.checkoutSessions.confirm(session.id);

      const delivery = await until(() => hook.received.find((r) => r.body.includes('checkout_session.completed')), 'the forwarded event');
      const event = await hooks.verifyWebhook(delivery.body, delivery.signature, env.PLUGIPAY_WEBHOOK_SECRET);
      expect(event.type).toBe('plugipay.checkout_session.completed.v1');
      expect(event.data.object.id).toBe(session.id);
      await until(() => (first.stdout().includes('plugipay.checkout_session.completed.v1 → ') ? true : undefined), 'the forward log line');

      first.child.kill('SIGINT');
      const stopped = await first.exited;
      expect(stopped.code).toBe(0);
      expect(first.stdout()).toContain('Stopped.');
      const saved = JSON.parse(readFileSync(state, 'utf8'));
      expect(saved.credentials.keyId).toBe(env.PLUGIPAY_KEY_ID);
      // The dev credentials file, in the directory the command started in, ignores itself in git.
      expect(readFileSync(join(dir, '.plugipay-emulator', '.gitignore'), 'utf8')).toMatch(/^\*$/m);

      // Same keys, same webhook secret, same objects after a restart.
      const second = await start(['--port', '0', '--forward-to', hook.url, '--state', state]);
      try {
        expect(second.env.PLUGIPAY_KEY_ID).toBe(env.PLUGIPAY_KEY_ID);
        expect(second.env.PLUGIPAY_WEBHOOK_SECRET).toBe(env.PLUGIPAY_WEBHOOK_SECRET);
        const again = new pkg.PlugipayClient({
          keyId: second.env.PLUGIPAY_KEY_ID,
          secret: second.env.PLUGIPAY_SECRET,
          baseUrl: second.env.PLUGIPAY_BASE_URL,
        });
        expect((await again.checkoutSessions.get(session.id)).status).toBe('completed');
        expect((await again.webhookEndpoints.list()).length).toBe(1);
      } finally {
        second.child.kill('SIGINT');
        expect((await second.exited).code).toBe(0);
      }
    } finally {
      await hook.close();
    }
  }, 60_000);

  it('a damaged --state file is a clear error, and the file is left as it was', async () => {
    const state = join(dir, 'broken.json');
    writeFileSync(state, '{"credentials": {');
    const child = spawn(BIN(), ['--port', '0', '--state', state], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(stderr).toContain(`--state ${state}: is not valid JSON`);
    expect(stderr).toContain('fix it or delete it');
    expect(readFileSync(state, 'utf8')).toBe('{"credentials": {');

    writeFileSync(state, JSON.stringify({ credentials: { keyId: 'pk_test_x', secret: 'sk_test_y' }, emulator: { format: 'nope' } }));
    const again = spawn(BIN(), ['--port', '0', '--state', state], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr2 = '';
    again.stderr.on('data', (c) => (stderr2 += c));
    expect(await new Promise((r) => again.on('exit', r))).toBe(1);
    expect(stderr2).toMatch(/not an emulator state/);
  }, 30_000);

  it('a taken port and a bad option are errors that say what to do', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      for (const [args, message] of [
        [['--port', String(port)], `127.0.0.1:${port} is already in use`],
        [['--port', 'abc'], 'expected a port number'],
        [['--forward-to', 'not a url', '--port', '0'], 'expected an absolute http(s) URL'],
        [['--nope'], "Unknown option '--nope'"],
      ] as const) {
        const child = spawn(BIN(), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c));
        expect(await new Promise((r) => child.on('exit', r))).toBe(1);
        expect(stderr).toContain(message);
      }
    } finally {
      blocker.close();
    }
  }, 30_000);
});
