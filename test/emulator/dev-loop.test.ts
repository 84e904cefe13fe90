/**
 * The `plugipay-emulator` dev loop, run in-process from source (the packed bin is covered by
 * cli.test.ts): dev credentials that survive a restart without `--state` (kept owner-only in a
 * self-ignoring directory), `invalid_key` that says the keys changed and where the new ones
 * are (never what they are), a webhook secret that stays the same for --forward-to, and
 * `plugipay-emulator trigger <type>` against the running command.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
import { verifyWebhook } from '../../src/entries/webhooks';
import { main } from '../../src/testing/node-cli';
import { failure } from '../support/failure';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plugipay-devloop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function start(args: string[]) {
  const lines: string[] = [];
  const started = await main(['--port', '0', ...args], (line) => lines.push(line));
  if (!started) throw new Error('the command did not start');
  running.push(started);
  const env = Object.fromEntries(
    lines.filter((l) => /^PLUGIPAY_[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  ) as Record<string, string>;
  return { ...started, env, lines };
}

async function stop(started: { stop(): Promise<void> }) {
  running.splice(running.indexOf(started), 1);
  await started.stop();
}

async function receiver() {
  const received: { body: string; signature: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-plugipay-signature']) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/plugipay`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('stable dev credentials', () => {
  it('the same keys and webhook secret after a restart without --state; the file is owner-only and ignores itself in git', async () => {
    const file = join(dir, 'project-a', '.plugipay-emulator', 'credentials.json');
    const first = await start(['--credentials', file]);
    expect(first.env.PLUGIPAY_KEY_ID).toMatch(/^pk_test_/);
    expect(first.env.PLUGIPAY_WEBHOOK_SECRET).toMatch(/^whsec_/);
    expect(first.lines.join('\n')).toContain(`New dev keys, kept in ${file}`);
    await stop(first);

    const second = await start(['--credentials', file]);
    expect(second.env.PLUGIPAY_KEY_ID).toBe(first.env.PLUGIPAY_KEY_ID);
    expect(second.env.PLUGIPAY_SECRET).toBe(first.env.PLUGIPAY_SECRET);
    expect(second.env.PLUGIPAY_WEBHOOK_SECRET).toBe(first.env.PLUGIPAY_WEBHOOK_SECRET);
    expect(second.lines.join('\n')).toContain(`Same keys as last time (kept in ${file})`);
    // A pasted .dev.vars keeps working: a client on the first start's lines talks to the second.
    const client = new PlugipayClient({
      keyId: first.env.PLUGIPAY_KEY_ID!,
      secret: first.env.PLUGIPAY_SECRET!,
      baseUrl: second.env.PLUGIPAY_BASE_URL,
    });
    await expect(client.customers.create({ name: 'Ada' })).resolves.toMatchObject({ name: 'Ada' });

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(file, '..', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('a damaged credentials file stops the command with its path and the fix, never its contents', async () => {
    const file = join(dir, 'damaged.json');
    writeFileSync(file, JSON.stringify({ keyId: 'pk_test_1', secret: 'sk_test_do_not_print' }));
    const err = await main(['--port', '0', '--credentials', file], () => undefined).catch((e: Error) => e);
    expect((err as Error).message).toContain(`--credentials ${file}: webhookSecret missing or malformed`);
    expect((err as Error).message).toContain('delete it to mint new keys');
    expect((err as Error).message).not.toContain('sk_test_do_not_print');
  });

  it('invalid_key after the keys changed says so and where to copy the new ones, without any secret', async () => {
    const file = join(dir, 'project-b.json');
    const before = await start(['--credentials', file]);
    await stop(before);
    rmSync(file);
    const after = await start(['--credentials', file]);
    expect(after.env.PLUGIPAY_KEY_ID).not.toBe(before.env.PLUGIPAY_KEY_ID);

    const stale = new PlugipayClient({
      keyId: before.env.PLUGIPAY_KEY_ID!,
      secret: before.env.PLUGIPAY_SECRET!,
      baseUrl: after.env.PLUGIPAY_BASE_URL,
    });
    const err = await failure(stale.customers.list());
    expect(err).toMatchObject({ status: 401, code: 'invalid_key' });
    expect(err.message).toContain('keys are different (they changed since you copied them)');
    expect(err.message).toContain('copy PLUGIPAY_KEY_ID and PLUGIPAY_SECRET again from the plugipay-emulator output');
    expect(err.message).toContain(file);
    for (const secret of [before.env.PLUGIPAY_SECRET!, after.env.PLUGIPAY_SECRET!, after.env.PLUGIPAY_WEBHOOK_SECRET!]) {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(err)).not.toContain(secret);
    }
  });

  it('--forward-to without --state: the endpoint signs with the stable secret, so the pasted one verifies after a restart', async () => {
    const hook = await receiver();
    const file = join(dir, 'project-c.json');
    try {
      const first = await start(['--credentials', file, '--forward-to', hook.url]);
      await stop(first);
      const second = await start(['--credentials', file, '--forward-to', hook.url]);
      expect(second.env.PLUGIPAY_WEBHOOK_SECRET).toBe(first.env.PLUGIPAY_WEBHOOK_SECRET);
      await second.server.emulator.trigger('customer.created');
      const delivered = hook.received.at(-1)!;
      // The secret pasted from the FIRST start still verifies what the second one sends.
      const event = await verifyWebhook(delivered.body, delivered.signature, first.env.PLUGIPAY_WEBHOOK_SECRET!);
      expect(event.type).toBe('plugipay.customer.created.v1');
    } finally {
      await hook.close();
    }
  });
});

describe('plugipay-emulator trigger', () => {
  it('makes the event in the running emulator, which forwards it signed; prints ids, never a secret', async () => {
    const hook = await receiver();
    try {
      const running = await start(['--credentials', join(dir, 'project-d.json'), '--forward-to', hook.url]);
      const out: string[] = [];
      await main(['trigger', 'invoice.paid', '--url', running.server.url], (line) => out.push(line));
      expect(out.at(-1)).toMatch(/^Triggered plugipay\.invoice\.paid\.v1 \(evt_\w+\) for inv_\w+ in acc_emulator$/);
      // The prerequisites are listed before it.
      expect(out.join('\n')).toContain('plugipay.customer.created.v1');
      for (const secret of [running.env.PLUGIPAY_SECRET!, running.env.PLUGIPAY_WEBHOOK_SECRET!])
        expect(out.join('\n')).not.toContain(secret);

      await running.server.emulator.flushWebhooks();
      const paid = hook.received.find((r) => r.body.includes('"plugipay.invoice.paid.v1"'))!;
      const event = await verifyWebhook(paid.body, paid.signature, running.env.PLUGIPAY_WEBHOOK_SECRET!);
      expect(event).toMatchObject({ type: 'plugipay.invoice.paid.v1', data: { object: { status: 'paid' } } });
      // The dashboard shows the delivery's request and the handler's answer.
      const dashboard = await (await fetch(`${running.server.url}/`)).text();
      expect(dashboard).toContain('HTTP 200');
      expect(dashboard).toContain('&quot;received&quot;: true');

      const listed: string[] = [];
      await main(['trigger', '--list', '--url', running.server.url], (line) => listed.push(line));
      expect(listed).toHaveLength(33);
      expect(listed).toContain('plugipay.webhook_endpoint.disabled.v1');

      const refused = await main(['trigger', 'invoice.exploded', '--url', running.server.url], () => undefined).catch((e: Error) => e);
      expect((refused as Error).message).toMatch(/^validation_error: No event type 'invoice\.exploded'/);
    } finally {
      await hook.close();
    }
  });

  it('with no emulator there, says how to start one', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await main(['trigger', 'invoice.paid', '--url', `http://127.0.0.1:${port}`], () => undefined).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /no emulator answered at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start one with `plugipay-emulator`/,
    );
    const none = await main(['trigger'], () => undefined).catch((e: Error) => e);
    expect((none as Error).message).toContain('which event?');
  });
});
