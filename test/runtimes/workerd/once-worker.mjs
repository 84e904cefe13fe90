/**
 * workerd, without `nodejs_compat`, with a D1 binding (`DB`) and a Queue (`WEBHOOKS`, produced
 * and consumed by this Worker): the exactly-once pieces of `plugipay-edge/workers` as users
 * wire them. Every run of a handler is counted in D1 (`runs`), every queue message's ack/retry
 * in `settled`; `once.mjs` (the Node side) delivers, then reads the counts.
 */
import { createQueueConsumer, createWebhookHandler, d1Dedupe, enqueueWebhooks } from 'plugipay-edge/workers';

const SETUP = [
  'CREATE TABLE IF NOT EXISTS runs (event_id TEXT NOT NULL, source TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS attempts (event_id TEXT NOT NULL, attempt INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS settled (event_id TEXT NOT NULL, outcome TEXT NOT NULL)',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const onWebhook = createWebhookHandler(
  async (event, env) => {
    // Slow enough that concurrent deliveries of the event overlap this run.
    await sleep(150);
    await env.DB.prepare('INSERT INTO runs (event_id, source) VALUES (?, ?)').bind(event.id, 'handler').run();
    return Response.json({ processed: event.id });
  },
  { dedupe: (env) => d1Dedupe(env.DB) },
);

// Answers 503 to the first delivery of each event (the warehouse is down), 200 afterwards.
const flaky = createWebhookHandler(
  async (event, env) => {
    await env.DB.prepare('INSERT INTO runs (event_id, source) VALUES (?, ?)').bind(event.id, 'flaky').run();
    const { n } = await env.DB.prepare("SELECT COUNT(*) AS n FROM runs WHERE event_id = ? AND source = 'flaky'").bind(event.id).first();
    return n === 1 ? new Response('warehouse down', { status: 503 }) : Response.json({ processed: event.id });
  },
  { dedupe: (env) => d1Dedupe(env.DB, { table: 'flaky_events' }) },
);

const enqueue = enqueueWebhooks((env) => env.WEBHOOKS);

const consume = createQueueConsumer(
  async (event, env, _ctx, delivery) => {
    await env.DB.prepare('INSERT INTO attempts (event_id, attempt) VALUES (?, ?)').bind(event.id, delivery.attempts).run();
    // The queue's own retry is the thing under test: the first attempt of a `fail` event throws.
    if (event.id.includes('fail') && delivery.attempts === 1) throw new Error(`first attempt of ${event.id} fails on purpose`);
    await sleep(50);
    await env.DB.prepare('INSERT INTO runs (event_id, source) VALUES (?, ?)').bind(event.id, 'queue').run();
  },
  { dedupe: (env) => d1Dedupe(env.DB, { table: 'queued_events' }), onError: () => {} },
);

/** d1Dedupe's claim lifecycle on an injected clock: expiry of a crashed claim, completion, release by its owner. */
async function d1Lifecycle(env) {
  let now = 1_000_000;
  const store = d1Dedupe(env.DB, { table: 'lifecycle_events', now: () => now });
  const steps = [];
  const first = await store.claim('evt_l', 60);
  steps.push(first.state); // claimed
  steps.push((await store.claim('evt_l', 60)).state); // processing
  now += 59_999;
  steps.push((await store.claim('evt_l', 60)).state); // processing: not yet expired
  now += 1;
  const second = await store.claim('evt_l', 60);
  steps.push(second.state); // claimed: the first claimant "crashed"
  await store.release('evt_l', second.owner);
  const third = await store.claim('evt_l', 60);
  steps.push(third.state); // claimed again after the release
  await store.complete('evt_l', third.owner);
  await store.release('evt_l', third.owner); // must not drop the completion
  steps.push((await store.claim('evt_l', 60)).state); // done
  return steps;
}

/**
 * A run that outlives ttlSec: its claim expires, a redelivery claims the event again, then the
 * first run fails (release) or finishes (complete) late. Neither may touch the second claim.
 */
async function d1Reclaimed(env) {
  let now = 2_000_000;
  const store = d1Dedupe(env.DB, { table: 'reclaimed_events', now: () => now });
  const steps = [];
  const slow = await store.claim('evt_r', 60);
  now += 60_000;
  const next = await store.claim('evt_r', 60);
  steps.push(slow.state, next.state, String(slow.owner !== next.owner));
  await store.release('evt_r', slow.owner); // the slow run fails late
  steps.push((await store.claim('evt_r', 60)).state); // processing: the next run's claim holds
  await store.complete('evt_r', slow.owner); // ... or finishes late
  steps.push((await store.claim('evt_r', 60)).state); // still processing, not done
  await store.release('evt_r', next.owner); // the next run fails
  const third = await store.claim('evt_r', 60);
  steps.push(third.state); // claimed: a redelivery runs it
  await store.complete('evt_r', third.owner);
  steps.push((await store.claim('evt_r', 60)).state); // done
  return steps;
}

/** d1Dedupe's sweep: rows whose time is up go with later claims, 16 at most per claim; live rows stay. */
async function d1Sweep(env) {
  let now = 5_000_000;
  const store = d1Dedupe(env.DB, { table: 'sweep_events', retainSec: 1, now: () => now });
  const rows = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM sweep_events').first()).n;
  for (let i = 0; i < 40; i++) {
    const { owner } = await store.claim(`evt_old_${i}`, 60);
    await store.complete(`evt_old_${i}`, owner);
  }
  await store.claim('evt_live', 600); // a claim still running when the others expire
  const before = await rows();
  now += 2_000; // past retainSec for the 40 completed events, within ttlSec for evt_live
  await store.claim('evt_new_1', 60);
  const afterOne = await rows();
  for (let i = 2; i <= 4; i++) await store.claim(`evt_new_${i}`, 60);
  const afterFour = await rows();
  const live = (await store.claim('evt_live', 600)).state;
  return { before, afterOne, afterFour, live };
}

/**
 * Hostile posts built inside the Worker (so that no socket races the early answer): a
 * headerless 8 MiB stream, and a signed-looking one of 2 MiB with no Content-Length, each
 * counting what the handler pulled from it.
 */
async function limits(env, ctx) {
  const post = async (headers, total) => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await onWebhook(new Request('http://worker.local/webhooks', { method: 'POST', headers, body }), env, ctx);
    return { status: response.status, code: (await response.json()).error?.code, pulled };
  };
  return {
    headerless: await post({}, 8 * 1024 * 1024),
    unbounded: await post({ 'x-plugipay-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, 2 * 1024 * 1024),
  };
}

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === '/setup') {
      await env.DB.batch(SETUP.map((sql) => env.DB.prepare(sql)));
      return new Response('ok');
    }
    if (pathname === '/webhooks') return onWebhook(request, env, ctx);
    if (pathname === '/enqueue') return enqueue(request, env, ctx);
    if (pathname === '/flaky') return flaky(request, env, ctx);
    if (pathname === '/d1-reclaimed') return Response.json(await d1Reclaimed(env));
    if (pathname === '/limits') return Response.json(await limits(env, ctx));
    if (pathname === '/d1-lifecycle') return Response.json(await d1Lifecycle(env));
    if (pathname === '/d1-sweep') return Response.json(await d1Sweep(env));
    if (pathname === '/globals') return Response.json(['process', 'Buffer', 'require'].filter((name) => name in globalThis));
    return new Response('not found', { status: 404 });
  },

  async queue(batch, env, ctx) {
    // The consumer settles each message itself; these wrappers only record what it decided.
    const log = [];
    const messages = batch.messages.map((m) => ({
      id: m.id,
      body: m.body,
      attempts: m.attempts,
      ack: () => (log.push([m.body?.event?.id ?? '?', 'ack']), m.ack()),
      retry: (options) => (log.push([m.body?.event?.id ?? '?', 'retry']), m.retry(options)),
    }));
    await consume({ queue: batch.queue, messages }, env, ctx);
    if (log.length)
      await env.DB.batch(
        log.map(([id, outcome]) => env.DB.prepare('INSERT INTO settled (event_id, outcome) VALUES (?, ?)').bind(id, outcome)),
      );
  },
};
