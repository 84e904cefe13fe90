/**
 * Deno KV as the dedupe store (`--unstable-kv`, `Deno.openKv(':memory:')`), from the packed
 * `plugipay-edge/deno`: concurrent deliveries run the handler once, a throwing handler releases
 * its claim, a crashed claim expires on the store's clock, and two KV handles on one database
 * file (two processes, `deno serve --parallel`) share claims.
 */
import assert from 'node:assert';
import { createWebhookHandler, denoKvDedupe, handleOnce, memoryDedupe, PlugipayError } from 'plugipay-edge/deno';
import { signWebhookPayload } from 'plugipay-edge/testing';

const event = (id) => ({ id, type: 'plugipay.invoice.paid.v1' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test('deno KV: 50 concurrent handleOnce of one event → fn once, then duplicate', async () => {
  const kv = await Deno.openKv(':memory:');
  try {
    const store = denoKvDedupe(kv);
    let runs = 0;
    const fn = async () => {
      runs++;
      await sleep(20);
      return 'fulfilled';
    };
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => handleOnce(store, event('evt_kv'), fn)));
    assert.strictEqual(runs, 1);
    assert.deepStrictEqual(
      outcomes.filter((o) => o.status === 'processed'),
      [{ status: 'processed', result: 'fulfilled' }],
    );
    assert.strictEqual(outcomes.filter((o) => o.status === 'in_progress').length, 49);
    assert.deepStrictEqual(await handleOnce(store, event('evt_kv'), fn), { status: 'duplicate' });
    assert.strictEqual(runs, 1);
  } finally {
    kv.close();
  }
});

Deno.test('deno KV: a throwing fn releases the claim and the next delivery processes it', async () => {
  const kv = await Deno.openKv(':memory:');
  try {
    const store = denoKvDedupe(kv);
    const boom = new Error('warehouse down');
    await assert.rejects(
      handleOnce(store, event('evt_kv_fail'), () => Promise.reject(boom)),
      (error) => error === boom,
    );
    assert.deepStrictEqual(await handleOnce(store, event('evt_kv_fail'), () => 7), { status: 'processed', result: 7 });
    assert.deepStrictEqual(await handleOnce(store, event('evt_kv_fail'), () => 8), { status: 'duplicate' });
  } finally {
    kv.close();
  }
});

Deno.test('deno KV: a crashed claim expires after ttlSec (injected clock); release never drops a completion', async () => {
  const kv = await Deno.openKv(':memory:');
  try {
    let now = 5_000_000;
    const store = denoKvDedupe(kv, { now: () => now, prefix: ['test', 'expiry'] });
    assert.strictEqual((await store.claim('evt_crash', 60)).state, 'claimed');
    assert.strictEqual((await store.claim('evt_crash', 60)).state, 'processing');
    now += 59_999;
    assert.strictEqual((await store.claim('evt_crash', 60)).state, 'processing');
    now += 1;
    const again = await store.claim('evt_crash', 60);
    assert.strictEqual(again.state, 'claimed');
    await store.complete('evt_crash', again.owner);
    await store.release('evt_crash', again.owner);
    assert.deepStrictEqual(await store.claim('evt_crash', 60), { state: 'done' });
    // The entries are where the prefix says.
    const entry = await kv.get(['test', 'expiry', 'evt_crash']);
    assert.strictEqual(entry.value.done, true);
  } finally {
    kv.close();
  }
});

Deno.test("deno KV: a run that outlives ttlSec, then fails or completes late, leaves the next run's claim alone", async () => {
  const kv = await Deno.openKv(':memory:');
  try {
    let now = 9_000_000;
    const store = denoKvDedupe(kv, { now: () => now });
    const slow = await store.claim('evt_r', 60);
    now += 60_000;
    const next = await store.claim('evt_r', 60);
    assert.strictEqual(next.state, 'claimed');
    assert.notStrictEqual(next.owner, slow.owner);
    await store.release('evt_r', slow.owner); // the slow run fails late
    assert.deepStrictEqual(await store.claim('evt_r', 60), { state: 'processing' });
    await store.complete('evt_r', slow.owner); // ... or finishes late
    assert.deepStrictEqual(await store.claim('evt_r', 60), { state: 'processing' });
    assert.strictEqual((await kv.get(['plugipay', 'webhook_events', 'evt_r'])).value.owner, next.owner);
    await store.release('evt_r', next.owner); // the next run fails: a redelivery claims it
    const third = await store.claim('evt_r', 60);
    assert.strictEqual(third.state, 'claimed');
    await store.complete('evt_r', third.owner);
    assert.deepStrictEqual(await store.claim('evt_r', 60), { state: 'done' });
  } finally {
    kv.close();
  }
});

Deno.test('deno KV: through handleOnce, a slow run failing after its claim expired does not free the event for a third run', async () => {
  const kv = await Deno.openKv(':memory:');
  try {
    let now = 10_000_000;
    const store = denoKvDedupe(kv, { now: () => now });
    let failSlow;
    const slowRun = handleOnce(store, event('evt_h'), () => new Promise((_, reject) => (failSlow = reject)), { ttlSec: 60 });
    await sleep(20);
    now += 60_000;
    let finishNext;
    const nextRun = handleOnce(store, event('evt_h'), () => new Promise((resolve) => (finishNext = resolve)), { ttlSec: 60 });
    await sleep(20);
    failSlow(new Error('late failure'));
    await assert.rejects(slowRun, /late failure/);
    let thirdRan = false;
    assert.deepStrictEqual(await handleOnce(store, event('evt_h'), () => (thirdRan = true)), { status: 'in_progress' });
    assert.strictEqual(thirdRan, false);
    finishNext('ok');
    assert.deepStrictEqual(await nextRun, { status: 'processed', result: 'ok' });
  } finally {
    kv.close();
  }
});

Deno.test('deno KV: two handles on one database file share claims (as two processes would), through SQLite lock contention', async () => {
  const path = await Deno.makeTempFile({ suffix: '.kv' });
  const a = await Deno.openKv(path);
  const b = await Deno.openKv(path);
  try {
    const [one, two] = [denoKvDedupe(a), denoKvDedupe(b)];
    let runs = 0;
    const fn = async () => {
      runs++;
      await sleep(20);
    };
    for (const id of ['evt_shared_1', 'evt_shared_2', 'evt_shared_3']) {
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => handleOnce(i % 2 ? one : two, event(id), fn)));
      assert.strictEqual(outcomes.filter((o) => o.status === 'processed').length, 1);
    }
    assert.strictEqual(runs, 3);
  } finally {
    a.close();
    b.close();
    await Deno.remove(path).catch(() => {});
  }
});

Deno.test(
  'deno: createWebhookHandler over KV: a 503 releases the claim and passes through, the retry runs it, then duplicate; no header is 401',
  async () => {
    const kv = await Deno.openKv(':memory:');
    try {
      const secret = 'whsec_deno_handler';
      let status = 503;
      const runs = [];
      const handler = createWebhookHandler((e) => (runs.push(status), new Response(null, { status })), {
        dedupe: denoKvDedupe(kv),
        secret,
      });
      const body = JSON.stringify({ id: 'evt_deno_503', type: 'plugipay.invoice.paid.v1', data: { object: {} } });
      const post = async () =>
        new Request('http://localhost/hooks', {
          method: 'POST',
          headers: { 'x-plugipay-signature': await signWebhookPayload(body, secret) },
          body,
        });
      assert.strictEqual((await handler(await post())).status, 503);
      status = 204;
      assert.strictEqual((await handler(await post())).status, 204);
      const duplicate = await handler(await post());
      assert.deepStrictEqual(await duplicate.json(), { received: true, duplicate: true, id: 'evt_deno_503' });
      assert.deepStrictEqual(runs, [503, 204]);
      const bare = await handler(new Request('http://localhost/hooks', { method: 'POST', body: 'x'.repeat(1 << 20) }));
      assert.strictEqual(bare.status, 401);
      assert.strictEqual((await bare.json()).error.code, 'signature_missing');
    } finally {
      kv.close();
    }
  },
);

Deno.test('deno: denoKvDedupe refuses what is not a KV database; memoryDedupe is in this entry too', () => {
  assert.throws(
    () => denoKvDedupe({}),
    (error) => error instanceof PlugipayError && error.code === 'invalid_config' && /Deno\.openKv/.test(error.message),
  );
  assert.strictEqual(typeof memoryDedupe().claim, 'function');
});
