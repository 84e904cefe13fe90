/**
 * The Node side of the workerd exactly-once checks: builds `once-worker.mjs` from the packed
 * package, runs it in miniflare with a D1 database and a Queue (producer and consumer, retry
 * delay 0, no nodejs_compat), delivers signed webhooks to it and reads what ran from D1.
 * Returns results in the shape `formatReport` takes, for `run.mjs` to merge.
 */
import { Miniflare } from 'miniflare';
import { bundleWorker } from './bundle.mjs';
import { join } from 'node:path';
import { signWebhookPayload } from 'plugipay-edge/testing';

const SECRET = 'whsec_workerd_once';
const QUEUE = 'plugipay-webhooks';

const eventBody = (id) =>
  JSON.stringify({
    id,
    type: 'plugipay.checkout_session.completed.v1',
    accountId: 'acc_1',
    occurredAt: '2026-01-01T00:00:00Z',
    data: { object: { id: 'cs_1' } },
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done(value)` holds, or gives up after `ms` with the last value. */
async function until(read, done, ms = 20_000) {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(100);
    value = await read();
  }
  return value;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export async function runOnceChecks(dir) {
  const script = await bundleWorker(join(dir, 'once-worker.mjs'));
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: [],
    bindings: { PLUGIPAY_WEBHOOK_SECRET: SECRET },
    d1Databases: ['DB'],
    queueProducers: { WEBHOOKS: QUEUE },
    queueConsumers: { [QUEUE]: { maxBatchSize: 10, maxBatchTimeout: 0.1, maxRetries: 5, retryDelay: 0 } },
  });
  const deliver = async (path, body, header) =>
    mf.dispatchFetch(`http://worker.local${path}`, {
      method: 'POST',
      headers: { 'x-plugipay-signature': header ?? (await signWebhookPayload(body, SECRET)) },
      body,
    });
  const count = async (sql, ...values) => {
    const db = await mf.getD1Database('DB');
    return (
      (await db
        .prepare(sql)
        .bind(...values)
        .first('n')) ?? 0
    );
  };

  const checks = [
    {
      name: 'workerd + D1: 30 concurrent signed deliveries of one event → fn ran once (counted in D1), every response 200/409',
      async run() {
        const body = eventBody('evt_d1_once');
        const header = await signWebhookPayload(body, SECRET);
        const responses = await Promise.all(Array.from({ length: 30 }, () => deliver('/webhooks', body, header)));
        const statuses = responses.map((r) => r.status);
        const bodies = await Promise.all(responses.map((r) => r.json()));
        const runs = await count("SELECT COUNT(*) AS n FROM runs WHERE event_id = ? AND source = 'handler'", 'evt_d1_once');
        expect(runs === 1, `fn ran ${runs} times`);
        expect(
          statuses.every((s) => s === 200 || s === 409),
          `statuses ${statuses.join(',')}`,
        );
        expect(bodies.filter((b) => b.processed === 'evt_d1_once').length === 1, `processed bodies: ${JSON.stringify(bodies)}`);
        const conflicts = responses.filter((r) => r.status === 409);
        expect(
          conflicts.every((r) => r.headers.get('retry-after') === '30'),
          '409 without Retry-After: 30',
        );
        const again = await deliver('/webhooks', body, header);
        const againBody = await again.json();
        expect(again.status === 200 && againBody.duplicate === true, `redelivery: ${again.status} ${JSON.stringify(againBody)}`);
        const other = await deliver('/webhooks', eventBody('evt_d1_second'));
        expect(other.status === 200, `second event: ${other.status}`);
        const total = await count("SELECT COUNT(*) AS n FROM runs WHERE source = 'handler'");
        expect(total === 2, `fn ran ${total} times for two events`);
        const tally = {};
        for (const s of statuses) tally[s] = (tally[s] ?? 0) + 1;
        return `statuses ${JSON.stringify(tally)}; redelivery 200 duplicate; two events → ${total} runs`;
      },
    },
    {
      name: 'workerd + D1: a crashed claim expires after ttlSec, release frees a claim, a completion survives release',
      async run() {
        const response = await mf.dispatchFetch('http://worker.local/d1-lifecycle');
        const steps = await response.json();
        const want = ['claimed', 'processing', 'processing', 'claimed', 'claimed', 'done'];
        expect(JSON.stringify(steps) === JSON.stringify(want), `steps ${JSON.stringify(steps)}`);
        return steps.join(' → ');
      },
    },
    {
      name: "workerd + D1: a run that outlives ttlSec and then fails or completes late leaves the next run's claim alone",
      async run() {
        const steps = await (await mf.dispatchFetch('http://worker.local/d1-reclaimed')).json();
        const want = ['claimed', 'claimed', 'true', 'processing', 'processing', 'claimed', 'done'];
        expect(JSON.stringify(steps) === JSON.stringify(want), `steps ${JSON.stringify(steps)}`);
        return steps.join(' → ');
      },
    },
    {
      name: 'workerd + D1: a handler answering 503 releases its claim and the 503 passes through; the retry runs it, then duplicate',
      async run() {
        const body = eventBody('evt_d1_flaky');
        const header = await signWebhookPayload(body, SECRET);
        const first = await deliver('/flaky', body, header);
        expect(first.status === 503 && (await first.text()) === 'warehouse down', `first: ${first.status}`);
        const retry = await deliver('/flaky', body, header);
        expect(retry.status === 200 && (await retry.json()).processed === 'evt_d1_flaky', `retry: ${retry.status}`);
        const again = await deliver('/flaky', body, header);
        expect((await again.json()).duplicate === true, 'third delivery not a duplicate');
        const runs = await count("SELECT COUNT(*) AS n FROM runs WHERE event_id = ? AND source = 'flaky'", 'evt_d1_flaky');
        expect(runs === 2, `handler ran ${runs} times`);
        return `503 → 200 → 200 duplicate; handler ran ${runs}×`;
      },
    },
    {
      name: 'workerd: a headerless 8 MiB post gets 401 without its body read; one of 2 MiB without Content-Length stops at 1 MiB with 413',
      async run() {
        const { headerless, unbounded } = await (await mf.dispatchFetch('http://worker.local/limits')).json();
        expect(headerless.status === 401 && headerless.code === 'signature_missing', `headerless ${JSON.stringify(headerless)}`);
        expect(headerless.pulled <= 128 * 1024, `headerless: ${headerless.pulled} bytes pulled`);
        expect(unbounded.status === 413 && unbounded.code === 'payload_too_large', `unbounded ${JSON.stringify(unbounded)}`);
        expect(unbounded.pulled <= 1024 * 1024 + 128 * 1024, `unbounded: ${unbounded.pulled} bytes pulled`);
        return `401 after ${headerless.pulled} B pulled; 413 after ${unbounded.pulled} B`;
      },
    },
    {
      name: 'workerd + D1: each claim deletes up to 16 rows whose time is up; a live claim is kept',
      async run() {
        const response = await mf.dispatchFetch('http://worker.local/d1-sweep');
        const got = await response.json();
        // 41 rows; the first new claim adds 1 and sweeps 16 (41 + 1 - 16 = 26); three more claims
        // sweep the other 24 expired rows (26 + 3 - 24 = 5: evt_live and the 4 new claims).
        const want = { before: 41, afterOne: 26, afterFour: 5, live: 'processing' };
        expect(JSON.stringify(got) === JSON.stringify(want), `got ${JSON.stringify(got)}`);
        return `rows ${got.before} → ${got.afterOne} → ${got.afterFour}; the live claim still answers ${got.live}`;
      },
    },
    {
      name: 'workerd + Queues: one event posted twice → 202 each, the consumer (d1Dedupe) runs fn once, both messages acked',
      async run() {
        const body = eventBody('evt_queue_once');
        const header = await signWebhookPayload(body, SECRET);
        const first = await deliver('/enqueue', body, header);
        const second = await deliver('/enqueue', body, header);
        expect(first.status === 202 && second.status === 202, `statuses ${first.status} ${second.status}`);
        expect((await first.json()).queued === true, 'no queued: true');
        await second.body?.cancel();
        const acks = await until(
          () => count("SELECT COUNT(*) AS n FROM settled WHERE event_id = ? AND outcome = 'ack'", 'evt_queue_once'),
          (n) => n >= 2,
        );
        const runs = await count("SELECT COUNT(*) AS n FROM runs WHERE event_id = ? AND source = 'queue'", 'evt_queue_once');
        const retries = await count("SELECT COUNT(*) AS n FROM settled WHERE event_id = ? AND outcome = 'retry'", 'evt_queue_once');
        expect(acks === 2, `${acks} acks`);
        expect(runs === 1, `fn ran ${runs} times`);
        return `202, 202; fn ran ${runs}×; ${acks} acks, ${retries} in-progress retries`;
      },
    },
    {
      name: 'workerd + Queues: a failing fn is retried by the queue, then processed once',
      async run() {
        const response = await deliver('/enqueue', eventBody('evt_queue_fail'));
        expect(response.status === 202, `status ${response.status}`);
        const runs = await until(
          () => count("SELECT COUNT(*) AS n FROM runs WHERE event_id = ? AND source = 'queue'", 'evt_queue_fail'),
          (n) => n >= 1,
        );
        await until(
          () => count("SELECT COUNT(*) AS n FROM settled WHERE event_id = ? AND outcome = 'ack'", 'evt_queue_fail'),
          (n) => n >= 1,
        );
        const attempts = await count('SELECT COUNT(*) AS n FROM attempts WHERE event_id = ?', 'evt_queue_fail');
        const retries = await count("SELECT COUNT(*) AS n FROM settled WHERE event_id = ? AND outcome = 'retry'", 'evt_queue_fail');
        expect(runs === 1, `processed ${runs} times`);
        expect(attempts === 2 && retries === 1, `${attempts} attempts, ${retries} retries`);
        return `attempt 1 threw → retry(); attempt 2 processed (${runs} run)`;
      },
    },
    {
      name: 'workerd + Queues: a bad signature gets 401 and queues nothing',
      async run() {
        const response = await deliver('/enqueue', eventBody('evt_queue_forged'), 't=1,v1=' + '0'.repeat(64));
        const body = await response.json();
        expect(response.status === 401 && /^signature_/.test(body.error?.code), `${response.status} ${JSON.stringify(body)}`);
        await sleep(500);
        const seen = await count('SELECT COUNT(*) AS n FROM attempts WHERE event_id = ?', 'evt_queue_forged');
        expect(seen === 0, `the consumer saw it ${seen} times`);
        return `401 ${body.error.code}`;
      },
    },
    {
      name: 'workerd (D1 + Queues Worker): no nodejs_compat globals',
      async run() {
        const present = await (await mf.dispatchFetch('http://worker.local/globals')).json();
        expect(present.length === 0, `defined: ${present.join(', ')}`);
      },
    },
  ];

  const results = [];
  try {
    await (await mf.dispatchFetch('http://worker.local/setup')).text();
    for (const check of checks) {
      try {
        const detail = await check.run();
        results.push({ name: check.name, ok: true, detail: detail ?? '' });
      } catch (error) {
        results.push({ name: check.name, ok: false, detail: String(error?.stack ?? error) });
      }
    }
  } finally {
    await mf.dispose();
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, checks: results };
}
