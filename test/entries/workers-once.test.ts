/**
 * The Workers entry's exactly-once pieces in Node, over in-memory stores and fake Queue
 * objects: createWebhookHandler({ dedupe }), enqueueWebhooks, createQueueConsumer. Their real
 * runs (D1, Queues in workerd) are in test/runtimes/workerd/.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createQueueConsumer,
  createWebhookHandler,
  d1Dedupe,
  enqueueWebhooks,
  memoryDedupe,
  PlugipayError,
  type QueueMessageLike,
  type QueuedWebhook,
  type WebhookDedupeStore,
} from '../../src/entries/workers';
import { signWebhookPayload } from '../../src/testing/sign-webhook';

const secret = 'whsec_once';
const env = { PLUGIPAY_WEBHOOK_SECRET: secret };
const eventBody = (id: string) =>
  JSON.stringify({ id, type: 'plugipay.invoice.paid.v1', accountId: 'acc_1', occurredAt: '2026-01-01T00:00:00Z', data: { object: {} } });

async function post(body: string, header?: string) {
  const headers: Record<string, string> =
    header === undefined
      ? { 'x-plugipay-signature': await signWebhookPayload(body, secret) }
      : header
        ? { 'x-plugipay-signature': header }
        : {};
  return new Request('https://worker.example/hook', { method: 'POST', headers, body });
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createWebhookHandler(fn, { dedupe })', () => {
  it('runs fn once; a duplicate gets 200 saying duplicate, one in progress gets 409 with Retry-After', async () => {
    const gate = deferred();
    const fn = vi.fn(async () => {
      await gate.promise;
      return Response.json({ fulfilled: true });
    });
    const handler = createWebhookHandler(fn, { dedupe: memoryDedupe() });
    const first = handler(await post(eventBody('evt_1')), env, {});
    const concurrent = await handler(await post(eventBody('evt_1')), env, {});
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe('30');
    expect(await concurrent.json()).toMatchObject({ error: { code: 'event_in_progress' } });
    gate.resolve();
    const firstResponse = await first;
    expect(firstResponse.status).toBe(200);
    expect(await firstResponse.json()).toEqual({ fulfilled: true });
    const duplicate = await handler(await post(eventBody('evt_1')), env, {});
    expect(duplicate.status).toBe(200);
    expect(await duplicate.json()).toEqual({ received: true, duplicate: true, id: 'evt_1' });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('builds the store from env when dedupe is a function, and honours retryAfterSec', async () => {
    const stores = new Map<object, WebhookDedupeStore>();
    const perEnv = (e: object) => stores.get(e) ?? stores.set(e, memoryDedupe()).get(e)!;
    const never = new Promise<void>(() => {});
    const handler = createWebhookHandler(() => never, { dedupe: perEnv, retryAfterSec: 7 });
    void handler(await post(eventBody('evt_2')), env, {});
    await new Promise((r) => setTimeout(r, 0));
    const second = await handler(await post(eventBody('evt_2')), env, {});
    expect([second.status, second.headers.get('retry-after')]).toEqual([409, '7']);
  });

  it('a throwing fn releases the claim (the error propagates); the redelivery runs fn', async () => {
    let fail = true;
    const handler = createWebhookHandler(
      () => {
        if (fail) throw new Error('transient');
      },
      { dedupe: memoryDedupe() },
    );
    await expect(handler(await post(eventBody('evt_3')), env, {})).rejects.toThrow('transient');
    fail = false;
    expect((await handler(await post(eventBody('evt_3')), env, {})).status).toBe(204);
    expect((await handler(await post(eventBody('evt_3')), env, {})).status).toBe(200);
  });

  it.each([503, 500, 429, 409, 404, 302])(
    'an fn that answers %i has not handled the event: its response passes through, the claim is released, the retry runs fn',
    async (status) => {
      let answer = status;
      const fn = vi.fn(() => new Response('not now', { status: answer, headers: { 'x-why': 'warehouse' } }));
      const handler = createWebhookHandler(fn, { dedupe: memoryDedupe() });
      const first = await handler(await post(eventBody('evt_non2xx')), env, {});
      expect([first.status, first.headers.get('x-why'), await first.text()]).toEqual([status, 'warehouse', 'not now']);
      answer = 200;
      const retry = await handler(await post(eventBody('evt_non2xx')), env, {});
      expect(retry.status).toBe(200);
      expect(await retry.text()).toBe('not now');
      expect(fn).toHaveBeenCalledTimes(2);
      const duplicate = await handler(await post(eventBody('evt_non2xx')), env, {});
      expect(await duplicate.json()).toEqual({ received: true, duplicate: true, id: 'evt_non2xx' });
      expect(fn).toHaveBeenCalledTimes(2);
    },
  );

  it('after a 503, a 2xx other than 200 (here 202) completes the event like 200 does', async () => {
    let status = 503;
    const handler = createWebhookHandler(() => new Response(null, { status }), { dedupe: memoryDedupe() });
    expect((await handler(await post(eventBody('evt_202')), env, {})).status).toBe(503);
    status = 202;
    expect((await handler(await post(eventBody('evt_202')), env, {})).status).toBe(202);
    const duplicate = await handler(await post(eventBody('evt_202')), env, {});
    expect(await duplicate.json()).toMatchObject({ duplicate: true });
  });

  it('verification failures are answered before the store is touched', async () => {
    const store = memoryDedupe();
    const claim = vi.spyOn(store, 'claim');
    const handler = createWebhookHandler(() => undefined, { dedupe: store });
    expect((await handler(await post(eventBody('evt_4'), 't=1,v1=00'), env, {})).status).toBe(401);
    expect((await handler(new Request('https://worker.example/hook'), env, {})).status).toBe(405);
    expect(claim).not.toHaveBeenCalled();
  });

  it('a store that fails is a dedupe_store_failed PlugipayError (a 500 for Plugipay), and fn does not run', async () => {
    const down = new Error('D1_ERROR: database unavailable');
    const fn = vi.fn();
    const store: WebhookDedupeStore = { claim: () => Promise.reject(down), complete: async () => {}, release: async () => {} };
    const handler = createWebhookHandler(fn, { dedupe: store });
    const error = await handler(await post(eventBody('evt_6')), env, {}).catch((e: unknown) => e as PlugipayError);
    expect(error).toBeInstanceOf(PlugipayError);
    expect(error).toMatchObject({ code: 'dedupe_store_failed', cause: down });
    expect(fn).not.toHaveBeenCalled();
  });

  it('a dedupe store that hangs fails the request after storeTimeoutMs instead of hanging the Worker', async () => {
    const fn = vi.fn();
    const hung: WebhookDedupeStore = { claim: () => new Promise(() => {}), complete: async () => {}, release: async () => {} };
    const handler = createWebhookHandler(fn, { dedupe: hung, storeTimeoutMs: 50 });
    const error = await handler(await post(eventBody('evt_hung')), env, {}).catch((e: unknown) => e as PlugipayError);
    expect(error).toMatchObject({ code: 'dedupe_store_failed' });
    expect(String((error as PlugipayError).cause)).toMatch(/storeTimeoutMs \(50 ms\)/);
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses a broken dedupe option when the handler is built, or when the env function returns one', async () => {
    expect(() => createWebhookHandler(() => undefined, { dedupe: {} as never })).toThrow(/claim, complete and release/);
    expect(() => createWebhookHandler(() => undefined, { dedupe: memoryDedupe(), ttlSec: 0 })).toThrow(/ttlSec/);
    expect(() => createWebhookHandler(() => undefined, { dedupe: memoryDedupe(), storeTimeoutMs: 0 })).toThrow(/storeTimeoutMs/);
    const handler = createWebhookHandler(() => undefined, { dedupe: () => ({}) as never });
    await expect(handler(await post(eventBody('evt_5')), env, {})).rejects.toMatchObject({ code: 'dedupe_store_invalid' });
  });
});

describe('d1Dedupe statements', () => {
  /** Records what the store sends; answers as D1 would for a table where nothing is claimed yet. */
  function recordingD1(answer: (sql: string) => unknown[] = (sql) => (sql.startsWith('INSERT') ? [{ event_id: 'x' }] : [])) {
    const batches: string[][] = [];
    const runs: Array<{ sql: string; values: unknown[] }> = [];
    const statement = (sql: string, values: unknown[] = []) => ({
      sql,
      values,
      bind: (...v: unknown[]) => statement(sql, v),
      run: async () => void runs.push({ sql, values }),
    });
    const db = {
      prepare: (sql: string) => statement(sql),
      batch: async (statements: Array<ReturnType<typeof statement>>) => {
        batches.push(statements.map((st) => st.sql.split(' ').slice(0, 3).join(' ')));
        return statements.map((st) => ({ results: answer(st.sql) }));
      },
    };
    return { db, batches, runs };
  }

  it('creates its table in the first claim batch only, once per binding (not per d1Dedupe call)', async () => {
    const { db, batches } = recordingD1();
    expect(await d1Dedupe(db).claim('evt_1', 300)).toMatchObject({ state: 'claimed' });
    expect(await d1Dedupe(db).claim('evt_2', 300)).toMatchObject({ state: 'claimed' });
    expect(await d1Dedupe(db, { table: 'other_events' }).claim('evt_3', 300)).toMatchObject({ state: 'claimed' });
    expect(batches).toEqual([
      [
        'CREATE TABLE IF',
        'CREATE INDEX IF',
        'INSERT INTO plugipay_webhook_events',
        'SELECT state FROM',
        'DELETE FROM plugipay_webhook_events',
      ],
      ['INSERT INTO plugipay_webhook_events', 'SELECT state FROM', 'DELETE FROM plugipay_webhook_events'],
      ['CREATE TABLE IF', 'CREATE INDEX IF', 'INSERT INTO other_events', 'SELECT state FROM', 'DELETE FROM other_events'],
    ]);
  });

  it('reads the state when the conditional insert took nothing; binds the clock and expiry in ms', async () => {
    const done = recordingD1((sql) => (sql.startsWith('SELECT') ? [{ state: 'done' }] : []));
    expect(await d1Dedupe(done.db).claim('evt_1', 300)).toEqual({ state: 'done' });
    const held = recordingD1((sql) => (sql.startsWith('SELECT') ? [{ state: 'f00d-owner' }] : []));
    expect(await d1Dedupe(held.db).claim('evt_1', 300)).toEqual({ state: 'processing' });
    const { db, runs } = recordingD1();
    const store = d1Dedupe(db, { now: () => 1000, retainSec: 10 });
    await store.complete('evt_1', 'owner_a');
    await store.release('evt_2', 'owner_b');
    expect(runs.map((r) => [r.sql.split(' ')[0], r.values])).toEqual([
      ['INSERT', ['evt_1', 11_000, 'owner_a']],
      ['DELETE', ['evt_2', 'owner_b']],
    ]);
  });

  it('a claim is taken with a fresh owner token as its state; complete and release are conditioned on that token', async () => {
    const statements: Array<{ sql: string; values: unknown[] }> = [];
    const statement = (sql: string, values: unknown[] = []) => ({
      bind: (...v: unknown[]) => statement(sql, v),
      run: async () => void statements.push({ sql, values }),
      sql,
      values,
    });
    const db = {
      prepare: (sql: string) => statement(sql),
      batch: async (list: Array<ReturnType<typeof statement>>) =>
        list.map((st) => (statements.push(st), { results: st.sql.startsWith('INSERT') ? [{ event_id: 'evt_1' }] : [] })),
    };
    const store = d1Dedupe(db, { now: () => 5 });
    const one = await store.claim('evt_1', 60);
    const two = await store.claim('evt_1', 60);
    if (one.state !== 'claimed' || two.state !== 'claimed') throw new Error('expected two claims');
    expect(one.owner).not.toBe(two.owner);
    const insert = statements.find((st) => st.sql.startsWith('INSERT'))!;
    expect(insert.values).toEqual(['evt_1', 60_005, 5, one.owner]);
    expect(insert.sql).toMatch(/VALUES \(\?1, \?4, \?2\).*SET state = excluded\.state.*WHERE plugipay_webhook_events\.expires_at <= \?3/);
    await store.complete('evt_1', one.owner);
    await store.release('evt_1', one.owner);
    const [complete, release] = statements.slice(-2);
    expect(complete!.sql).toMatch(/DO UPDATE SET state = 'done'.* WHERE plugipay_webhook_events\.state = \?3$/);
    expect(release!.sql).toBe('DELETE FROM plugipay_webhook_events WHERE event_id = ?1 AND state = ?2');
  });
});

describe('d1Dedupe boundaries', () => {
  it('refuses something that is not a D1 binding, and a table name that is not an identifier', () => {
    expect(() => d1Dedupe(undefined as never)).toThrow(/pass a D1 binding \(env\.DB/);
    const db = { prepare: () => ({}) as never, batch: async () => [] };
    expect(() => d1Dedupe(db, { table: 'x; DROP TABLE y' })).toThrow(/plain SQL identifier/);
  });
});

function fakeQueue() {
  const sent: QueuedWebhook[] = [];
  return { sent, queue: { send: async (body: QueuedWebhook) => void sent.push(structuredClone(body)) } };
}

function message(body: unknown, id = 'msg_1'): QueueMessageLike & { settled: string[] } {
  const settled: string[] = [];
  return {
    id,
    body,
    attempts: 1,
    settled,
    ack: () => void settled.push('ack'),
    retry: (o) => void settled.push(`retry${o?.delaySeconds ?? ''}`),
  };
}

describe('enqueueWebhooks(getQueue)', () => {
  it('verifies, sends { event, receivedAt } and answers 202', async () => {
    const { sent, queue } = fakeQueue();
    const handler = enqueueWebhooks(() => queue);
    const response = await handler(await post(eventBody('evt_q')), env, {});
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ received: true, queued: true, id: 'evt_q' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.event).toMatchObject({ id: 'evt_q', type: 'plugipay.invoice.paid.v1' });
    expect(Date.parse(sent[0]!.receivedAt)).not.toBeNaN();
  });

  it('gives a bad signature 401 and a bad payload 400, like createWebhookHandler, and queues nothing', async () => {
    const { sent, queue } = fakeQueue();
    const handler = enqueueWebhooks(() => queue);
    const bad = await handler(await post(eventBody('evt_q'), 't=1,v1=00'), env, {});
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'signature_malformed' } });
    const notEvent = await handler(await post('{"hello":1}'), env, {});
    expect(notEvent.status).toBe(400);
    expect((await handler(new Request('https://w.example/'), env, {})).status).toBe(405);
    expect(sent).toHaveLength(0);
  });

  it('a failing send is queue_send_failed with the cause; a missing binding names wrangler.toml', async () => {
    const down = new Error('queue unavailable');
    const failing = enqueueWebhooks(() => ({ send: () => Promise.reject(down) }));
    await expect(failing(await post(eventBody('evt_q')), env, {})).rejects.toMatchObject({ code: 'queue_send_failed', cause: down });
    const unbound = enqueueWebhooks(() => undefined as never);
    await expect(unbound(await post(eventBody('evt_q')), env, {})).rejects.toThrow(/\[\[queues\.producers\]\]/);
    expect(() => enqueueWebhooks('WEBHOOKS' as never)).toThrow(PlugipayError);
  });
});

describe('createQueueConsumer(fn, { dedupe })', () => {
  const queued = (id: string): QueuedWebhook => ({ event: JSON.parse(eventBody(id)), receivedAt: '2026-01-01T00:00:01.000Z' });

  it('acks processed and duplicate messages; fn runs once per event id, with the delivery, and no secret', async () => {
    const fn = vi.fn();
    const consumer = createQueueConsumer(fn, { dedupe: memoryDedupe() });
    const batch = [message(queued('evt_c'), 'm1'), message(queued('evt_d'), 'm2')];
    // No PLUGIPAY_WEBHOOK_SECRET: the consumer never needs it.
    await consumer({ queue: 'webhooks', messages: batch }, {}, {});
    const again = message(queued('evt_c'), 'm3');
    await consumer({ queue: 'webhooks', messages: [again] }, {}, {});
    expect(fn).toHaveBeenCalledTimes(2);
    expect(fn.mock.calls[0]![3]).toEqual({ receivedAt: '2026-01-01T00:00:01.000Z', messageId: 'm1', attempts: 1 });
    expect([...batch, again].map((m) => m.settled)).toEqual([['ack'], ['ack'], ['ack']]);
  });

  it('retries only the message whose fn threw (claim released), then processes it', async () => {
    const onError = vi.fn();
    let failures = 1;
    const consumer = createQueueConsumer(
      (event) => {
        if (event.id === 'evt_bad' && failures-- > 0) throw new Error('flaky');
      },
      { dedupe: memoryDedupe(), onError, retryDelaySec: 5 },
    );
    const good = message(queued('evt_good'), 'm1');
    const bad = message(queued('evt_bad'), 'm2');
    await consumer({ queue: 'q', messages: [good, bad] }, env, {});
    expect(good.settled).toEqual(['ack']);
    expect(bad.settled).toEqual(['retry5']);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'flaky' }), bad);
    const redelivered = message(queued('evt_bad'), 'm2');
    await consumer({ queue: 'q', messages: [redelivered] }, env, {});
    expect(redelivered.settled).toEqual(['ack']);
  });

  it('two copies of one event in one batch: one processed, the other retried, later acked as duplicate', async () => {
    const fn = vi.fn(async () => new Promise((r) => setTimeout(r, 5)));
    const consumer = createQueueConsumer(fn, { dedupe: memoryDedupe() });
    const a = message(queued('evt_twice'), 'm1');
    const b = message(queued('evt_twice'), 'm2');
    await consumer({ queue: 'q', messages: [a, b] }, env, {});
    expect([a.settled, b.settled]).toEqual([['ack'], ['retry']]);
    await consumer({ queue: 'q', messages: [b] }, env, {});
    expect(b.settled).toEqual(['retry', 'ack']);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('retries a message whose dedupe store hangs, after storeTimeoutMs', async () => {
    const onError = vi.fn();
    const hung: WebhookDedupeStore = { claim: () => new Promise(() => {}), complete: async () => {}, release: async () => {} };
    const fn = vi.fn();
    const consumer = createQueueConsumer(fn, { dedupe: hung, storeTimeoutMs: 50, onError });
    const queued = message({ event: JSON.parse(eventBody('evt_q_hung')), receivedAt: '2026-01-01T00:00:00Z' });
    await consumer({ queue: 'q', messages: [queued] }, env, {});
    expect(queued.settled).toEqual(['retry']);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'dedupe_store_failed' });
    expect(fn).not.toHaveBeenCalled();
  });

  it('retries (never drops) a body that is not what enqueueWebhooks sends, and reports it', async () => {
    const onError = vi.fn();
    const consumer = createQueueConsumer(() => undefined, { dedupe: memoryDedupe(), onError });
    const odd = message({ hello: 'world' });
    await consumer({ queue: 'q', messages: [odd] }, env, {});
    expect(odd.settled).toEqual(['retry']);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'invalid_payload' });
  });

  it('requires a dedupe store and checks its options up front', () => {
    expect(() => createQueueConsumer(() => undefined, {} as never)).toThrow(/\{ dedupe \}/);
    expect(() => createQueueConsumer(() => undefined, { dedupe: memoryDedupe(), ttlSec: -1 })).toThrow(/ttlSec/);
    expect(() => createQueueConsumer(() => undefined, { dedupe: memoryDedupe(), storeTimeoutMs: 1.5 })).toThrow(/storeTimeoutMs/);
    expect(() => createQueueConsumer(() => undefined, { dedupe: memoryDedupe(), retryDelaySec: 1.5 })).toThrow(/retryDelaySec/);
  });
});

describe('against the emulator: redelivered and concurrent copies of one event', () => {
  it('the Workers handler with memoryDedupe() runs fn once; every copy is answered 2xx (duplicate)', async () => {
    const { createEmulator } = await import('../../src/testing/emulator');
    const { apiFor, CHECKOUT_INPUT } = await import('../emulator/helpers');
    const seen: string[] = [];
    const handler = createWebhookHandler(
      async (event) => {
        seen.push(event.id);
        await new Promise((r) => setTimeout(r, 20));
      },
      { dedupe: memoryDedupe() },
    );
    const hookEnv = { PLUGIPAY_WEBHOOK_SECRET: 'whsec_emulated' };
    const answers: number[] = [];
    const emulator = createEmulator({
      seed: { webhookEndpoints: [{ url: 'https://shop.example/hooks/plugipay', secret: 'whsec_emulated', events: ['*'] }] },
      webhookFetch: async (input, init) => {
        const response = await handler(new Request(input as RequestInfo, init as RequestInit), hookEnv, {});
        answers.push(response.status);
        return response;
      },
    });
    const session = (await apiFor(emulator).post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data as { id: string };
    emulator.completeCheckout(session.id);
    await emulator.flushWebhooks();
    const [event] = emulator.events({ type: 'plugipay.checkout_session.completed.v1' });
    const copies = await emulator.redeliverEvent(event!.id, { copies: 3 });
    expect(copies.map((d) => d.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(seen.filter((id) => id === event!.id)).toHaveLength(1);
    expect(answers.slice(-3)).toEqual([200, 200, 200]);
  });
});
