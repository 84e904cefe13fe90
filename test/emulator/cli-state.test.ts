/**
 * The command's arguments, in process (`main()` from src/testing/node-cli.ts; cli.test.ts runs
 * the packed binary): one `--state` file is locked to one emulator, and a `--forward-to` URL
 * with a password is refused without ever printing it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/resources/registry';
import { main } from '../../src/testing/node-cli';

const dir = mkdtempSync(join(tmpdir(), 'plugipay-cli-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Started = NonNullable<Awaited<ReturnType<typeof main>>>;
const running: Started[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(args: string[], lines: string[] = []): Promise<Started> {
  const started = await main(['--port', '0', ...args], (line) => lines.push(line));
  running.push(started!);
  return started!;
}

/** The error `main` fails with, after stopping anything it started anyway (today's main accepts some of these). */
async function refusal(args: string[], lines: string[] = []): Promise<Error> {
  const outcome = await start(args, lines).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error(`started with ${args.join(' ')}`);
  return outcome;
}

/** The pid of a process that has exited: a lock holding it is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('--state is locked to one emulator', () => {
  it("refuses a second start on the same file naming the first's pid, and frees the file on stop or a failed start", async () => {
    const state = join(dir, 'one.json');
    const first = await start(['--state', state]);
    expect(readFileSync(`${state}.lock`, 'utf8')).toBe(String(process.pid));

    const second = await refusal(['--state', state]);
    expect(second.message).toContain(`--state ${state}: already in use by another plugipay-emulator (pid ${process.pid})`);
    expect(running).toHaveLength(1);

    await first.stop();
    running.splice(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
    const third = await start(['--state', state]);
    expect(third.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // A start that fails after taking the lock (a damaged state file) frees it again.
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{ not json');
    expect((await refusal(['--state', damaged])).message).toContain('is not valid JSON');
    expect(existsSync(`${damaged}.lock`)).toBe(false);
  });

  it('takes over a stale lock whose process is gone', async () => {
    const state = join(dir, 'stale.json');
    writeFileSync(`${state}.lock`, String(deadPid()));
    await start(['--state', state]);
    expect(readFileSync(`${state}.lock`, 'utf8')).toBe(String(process.pid));
  });
});

describe('--state values are checked on load', () => {
  it('refuses a javascript: successUrl naming the file, the row and the field, and does not start', async () => {
    const state = join(dir, 'hostile.json');
    const first = await start(['--state', state]);
    const client = new PlugipayClient({
      keyId: first.server.emulator.credentials.keyId,
      secret: first.server.emulator.credentials.secret,
      baseUrl: first.server.url,
    });
    const session = await client.checkoutSessions.create({
      amount: 150000,
      currency: 'IDR',
      methods: ['qris'],
      successUrl: 'https://shop.example/ok',
      cancelUrl: 'https://shop.example/cancel',
    });
    await first.stop();
    running.splice(0);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    saved.emulator.accounts.acc_emulator.tables.checkoutSessions[0].successUrl = 'javascript:alert(1)';
    writeFileSync(state, JSON.stringify(saved));

    const error = await refusal(['--state', state]);
    expect(error.message).toContain(
      `--state ${state}: emulator state: accounts.acc_emulator.tables.checkoutSessions[0] (id "${session.id}").successUrl`,
    );
    expect(error.message).toContain('must be an absolute http(s) URL');
    expect(existsSync(`${state}.lock`)).toBe(false);
  });
});

describe('--forward-to with userinfo', () => {
  it('is refused, and neither the user name nor the password is printed', async () => {
    for (const url of [
      'http://hooks:s3cr3t-pw@127.0.0.1:9/webhooks',
      'https://s3cr3t-pw@shop.example/hooks',
      'http://hooks:s3cr3t-pw@[::1',
    ]) {
      const lines: string[] = [];
      const error = await refusal(['--forward-to', url], lines);
      expect(error.message).toMatch(/^--forward-to/);
      expect(error.message).not.toContain('s3cr3t-pw');
      expect(error.message).not.toContain('hooks:');
      expect(lines.join('\n')).not.toContain('s3cr3t-pw');
    }
    const error = await refusal(['--forward-to', 'http://hooks:s3cr3t-pw@127.0.0.1:9/webhooks']);
    expect(error.message).toContain('user name or password');
  });
});
