/** handleOnce and memoryDedupe: exactly one run under concurrency, release on failure, expiry, and every boundary. */
import { describe, expect, it, vi } from 'vitest';
import { handleOnce, memoryDedupe, PlugipayError, type WebhookDedupeStore } from '../../src/entries/index';

const event = { id: 'evt_once', type: 'plugipay.invoice.paid.v1' };
const CLAIMED = { state: 'claimed', owner: 'owner_1' } as const;

async function rejection(promise: Promise<unknown>): Promise<PlugipayError> {
  try {
    await promise;
  } catch (error) {
    return error as PlugipayError;
  }
  throw new Error('expected a rejection');
}

/** Yields to the event loop a few times, so concurrent callers really interleave. */
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('handleOnce with memoryDedupe()', () => {
  it('runs fn once for 100 concurrent deliveries of one event, and answers duplicate afterwards', async () => {
    const store = memoryDedupe();
    const fn = vi.fn(async () => {
      await ticks(3);
      return 'fulfilled';
    });
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => handleOnce(store, event, fn)));
    expect(fn).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((o) => o.status === 'processed')).toEqual([{ status: 'processed', result: 'fulfilled' }]);
    expect(outcomes.filter((o) => o.status === 'in_progress')).toHaveLength(99);
    expect(await handleOnce(store, event, fn)).toEqual({ status: 'duplicate' });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('passes the event to fn and keeps events apart by id', async () => {
    const store = memoryDedupe();
    const seen: string[] = [];
    await handleOnce(store, { id: 'evt_a' }, (e) => void seen.push(e.id));
    await handleOnce(store, { id: 'evt_b' }, (e) => void seen.push(e.id));
    await handleOnce(store, { id: 'evt_a' }, (e) => void seen.push(e.id));
    expect(seen).toEqual(['evt_a', 'evt_b']);
  });

  it('releases the claim when fn throws and rethrows the same error; the next delivery processes it', async () => {
    const store = memoryDedupe();
    const boom = new Error('warehouse down');
    expect(await rejection(handleOnce(store, event, () => Promise.reject(boom)))).toBe(boom);
    const sync = new TypeError('sync throw');
    expect(
      await rejection(
        handleOnce(store, event, () => {
          throw sync;
        }),
      ),
    ).toBe(sync);
    expect(await handleOnce(store, event, () => 42)).toEqual({ status: 'processed', result: 42 });
    expect(await handleOnce(store, event, () => 43)).toEqual({ status: 'duplicate' });
  });

  it('lets a crashed claim expire after ttlSec of processing time (injected clock)', async () => {
    let now = 1_000_000;
    const store = memoryDedupe({ now: () => now });
    // A process claims and dies: the claim is never completed nor released.
    expect(await store.claim(event.id, 60)).toMatchObject({ state: 'claimed' });
    expect(await handleOnce(store, event, () => 'x', { ttlSec: 60 })).toEqual({ status: 'in_progress' });
    now += 59_999;
    expect(await handleOnce(store, event, () => 'x', { ttlSec: 60 })).toEqual({ status: 'in_progress' });
    now += 1;
    expect(await handleOnce(store, event, () => 'after expiry', { ttlSec: 60 })).toEqual({ status: 'processed', result: 'after expiry' });
  });

  it('uses 300 s as the default claim lifetime', async () => {
    let now = 0;
    const store = memoryDedupe({ now: () => now });
    const claim = vi.spyOn(store, 'claim');
    await store.claim(event.id, 300);
    now = 299_999;
    expect((await handleOnce(store, event, () => 1)).status).toBe('in_progress');
    expect(claim).toHaveBeenLastCalledWith(event.id, 300);
    now = 300_000;
    expect((await handleOnce(store, event, () => 1)).status).toBe('processed');
  });

  it('forgets a completed event after retainSec, and sweeps expired entries as the map grows', async () => {
    let now = 0;
    const store = memoryDedupe({ now: () => now, retainSec: 10 });
    await handleOnce(store, event, () => 1);
    now = 9_999;
    expect((await handleOnce(store, event, () => 1)).status).toBe('duplicate');
    now = 10_000;
    expect((await handleOnce(store, event, () => 1)).status).toBe('processed');
    // Thousands of events over time: the old ones go, without changing any answer.
    for (let i = 0; i < 5000; i++) {
      now += 100;
      expect((await handleOnce(store, { id: `evt_${i}` }, () => i)).status).toBe('processed');
    }
    now += 100;
    expect((await handleOnce(store, { id: 'evt_4999' }, () => 0)).status).toBe('duplicate');
  });

  it('release does not drop a completion, even by the owner whose run completed it', async () => {
    const store = memoryDedupe();
    const claim = await store.claim(event.id, 300);
    if (claim.state !== 'claimed') throw new Error(claim.state);
    await store.complete(event.id, claim.owner);
    await store.release(event.id, claim.owner);
    expect(await store.claim(event.id, 300)).toEqual({ state: 'done' });
  });
});

describe('claims carry an owner: complete and release act only on their own', () => {
  /** A deferred result, so a test decides when each run ends. */
  const deferred = <T>() => {
    let resolve!: (value: T) => void, reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it('each claim gets its own token, and handleOnce hands that token to complete and release', async () => {
    const store = memoryDedupe();
    const complete = vi.spyOn(store, 'complete');
    const release = vi.spyOn(store, 'release');
    const claim = vi.spyOn(store, 'claim');
    await handleOnce(store, { id: 'evt_ok' }, () => 1);
    await rejection(handleOnce(store, { id: 'evt_bad' }, () => Promise.reject(new Error('x'))));
    const [ok, bad] = await Promise.all(claim.mock.results.map((r) => r.value as Promise<{ owner: string }>));
    expect(ok!.owner).toMatch(/^[0-9a-f-]{36}$/);
    expect(bad!.owner).not.toBe(ok!.owner);
    expect(complete).toHaveBeenCalledWith('evt_ok', ok!.owner);
    expect(release).toHaveBeenCalledWith('evt_bad', bad!.owner);
  });

  it("a run that outlives ttlSec and then fails does not release the next run's live claim", async () => {
    let now = 1_000_000;
    const store = memoryDedupe({ now: () => now });
    const first = deferred<string>();
    const second = deferred<string>();
    const runs: string[] = [];
    const slow = handleOnce(store, event, () => (runs.push('first'), first.promise), { ttlSec: 60 });
    await ticks(1);
    now += 60_000; // the first run's claim expires while it still runs
    const next = handleOnce(store, event, () => (runs.push('second'), second.promise), { ttlSec: 60 });
    await ticks(1);
    first.reject(new Error('the first run fails late'));
    await rejection(slow);
    // The second run's claim holds: a third delivery must not run alongside it.
    const third = vi.fn();
    expect(await handleOnce(store, event, third, { ttlSec: 60 })).toEqual({ status: 'in_progress' });
    expect(third).not.toHaveBeenCalled();
    second.resolve('shipped');
    expect(await next).toEqual({ status: 'processed', result: 'shipped' });
    expect(await handleOnce(store, event, third)).toEqual({ status: 'duplicate' });
    expect(runs).toEqual(['first', 'second']);
  });

  it("a late completion does not finish the next run's claim; that run's failure frees the event for a redelivery", async () => {
    let now = 1_000_000;
    const store = memoryDedupe({ now: () => now });
    const first = deferred<string>();
    const second = deferred<string>();
    const slow = handleOnce(store, event, () => first.promise, { ttlSec: 60 });
    await ticks(1);
    now += 60_001;
    const next = handleOnce(store, event, () => second.promise, { ttlSec: 60 });
    await ticks(1);
    first.resolve('late');
    expect(await slow).toEqual({ status: 'processed', result: 'late' });
    // Still the second run's claim, not a completion written over it.
    expect(await store.claim(event.id, 60)).toEqual({ state: 'processing' });
    second.reject(new Error('the second run fails'));
    await rejection(next);
    expect(await handleOnce(store, event, () => 'third')).toEqual({ status: 'processed', result: 'third' });
  });

  it("release and complete with a token that is not the claim's change nothing", async () => {
    const store = memoryDedupe();
    const claim = await store.claim(event.id, 60);
    await store.release(event.id, 'someone-else');
    await store.complete(event.id, 'someone-else');
    expect(await store.claim(event.id, 60)).toEqual({ state: 'processing' });
    if (claim.state !== 'claimed') throw new Error(claim.state);
    await store.release(event.id, claim.owner);
    expect(await store.claim(event.id, 60)).toMatchObject({ state: 'claimed' });
  });
});

describe('memoryDedupe maxEntries', () => {
  it('holds at most maxEntries ids: the oldest completions go first, a recent one is still a duplicate', async () => {
    const store = memoryDedupe({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) await handleOnce(store, { id: `evt_${i}` }, () => i);
    // The newest hundred are remembered; the oldest were forgotten to stay within the bound.
    expect((await handleOnce(store, { id: 'evt_999' }, () => 0)).status).toBe('duplicate');
    expect((await handleOnce(store, { id: 'evt_900' }, () => 0)).status).toBe('duplicate');
    expect((await handleOnce(store, { id: 'evt_0' }, () => 0)).status).toBe('processed');
  });

  it('never forgets a live claim to make room: a claim beyond the bound fails as dedupe_store_failed', async () => {
    const store = memoryDedupe({ maxEntries: 3 });
    for (const id of ['evt_a', 'evt_b', 'evt_c']) expect(await store.claim(id, 60)).toMatchObject({ state: 'claimed' });
    const fn = vi.fn();
    const error = await rejection(handleOnce(store, { id: 'evt_d' }, fn));
    expect(error.code).toBe('dedupe_store_failed');
    expect(String((error.cause as Error).message)).toMatch(/all 3 entries \(maxEntries\) are live claims.*raise maxEntries/);
    expect(fn).not.toHaveBeenCalled();
    // The live claims are all still held.
    for (const id of ['evt_a', 'evt_b', 'evt_c']) expect(await store.claim(id, 60)).toEqual({ state: 'processing' });
  });

  it('the oldest entry that is expired or completed makes room: an abandoned claim goes before a newer completion', async () => {
    let now = 0;
    const store = memoryDedupe({ maxEntries: 2, now: () => now });
    await store.claim('evt_crashed', 10);
    await handleOnce(store, { id: 'evt_done' }, () => 1);
    now = 10_000;
    expect((await handleOnce(store, { id: 'evt_new' }, () => 2)).status).toBe('processed');
    expect((await handleOnce(store, { id: 'evt_done' }, () => 3)).status).toBe('duplicate');
  });

  it.each([0, -1, 1.5, Number.NaN, '10', null])('refuses maxEntries %s', (maxEntries) => {
    expect(() => memoryDedupe({ maxEntries: maxEntries as never })).toThrow(/maxEntries must be a whole number ≥ 1/);
  });
});

describe('handleOnce boundaries', () => {
  const store = memoryDedupe();

  it.each([
    ['no event', undefined],
    ['null', null],
    ['an event without id', { type: 'x' }],
    ['a numeric id', { id: 42 }],
    ['an empty id', { id: '' }],
  ])('refuses %s with invalid_request naming the fix', async (_, bad) => {
    const error = await rejection(handleOnce(store, bad as never, () => 1));
    expect(error).toBeInstanceOf(PlugipayError);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/non-empty string id: pass the verified event/);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '60', null])('refuses ttlSec %s', async (ttlSec) => {
    const fn = vi.fn();
    const error = await rejection(handleOnce(store, { id: 'evt_ttl' }, fn, { ttlSec: ttlSec as never }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/ttlSec must be a positive whole number of seconds/);
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses a store without the three methods, and fn that is not a function', async () => {
    const error = await rejection(handleOnce({ claim: async () => CLAIMED } as never, event, () => 1));
    expect(error.code).toBe('dedupe_store_invalid');
    expect(error.message).toMatch(/claim, complete and release.*memoryDedupe\(\)/);
    expect((await rejection(handleOnce(store, event, 'fn' as never))).code).toBe('invalid_request');
  });

  const fakeStore = (claim: () => Promise<unknown>, extra: Partial<WebhookDedupeStore> = {}): WebhookDedupeStore => ({
    claim: claim as WebhookDedupeStore['claim'],
    complete: async () => {},
    release: async () => {},
    ...extra,
  });

  it.each([
    ['yes'],
    ['claimed'],
    [true],
    [undefined],
    [null],
    [{ status: 'claimed' }],
    [{ state: 'claimed' }],
    [{ state: 'claimed', owner: '' }],
    [{ state: 'claimed', owner: 7 }],
    [{ state: 'mine' }],
  ])('refuses a claim that resolves to %j, without running fn', async (answer) => {
    const fn = vi.fn();
    const error = await rejection(
      handleOnce(
        fakeStore(async () => answer),
        event,
        fn,
      ),
    );
    expect(error.code).toBe('dedupe_store_invalid');
    expect(error.message).toMatch(
      /it must resolve to \{ state: 'claimed', owner: '<token>' \}, \{ state: 'processing' \} or \{ state: 'done' \}/,
    );
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses a claim answer that JSON cannot show (a BigInt inside) with dedupe_store_invalid, not a raw TypeError', async () => {
    for (const answer of [10n, { state: 'claimed', owner: 1n }]) {
      const error = await rejection(
        handleOnce(
          fakeStore(async () => answer),
          event,
          () => 1,
        ),
      );
      expect(error.code).toBe('dedupe_store_invalid');
      expect(error.message).toMatch(/resolved to (bigint|object): it must resolve to \{ state: 'claimed', owner/);
    }
  });

  it('wraps a store that throws or rejects in dedupe_store_failed, with the store error as cause', async () => {
    const down = new Error('connection reset');
    const rejecting = await rejection(
      handleOnce(
        fakeStore(() => Promise.reject(down)),
        event,
        () => 1,
      ),
    );
    expect(rejecting).toBeInstanceOf(PlugipayError);
    expect(rejecting.code).toBe('dedupe_store_failed');
    expect(rejecting.cause).toBe(down);
    expect(rejecting.message).toMatch(/claim\("evt_once"\) failed/);
    const throwing = await rejection(
      handleOnce(
        fakeStore(() => {
          throw down;
        }),
        event,
        () => 1,
      ),
    );
    expect(throwing.code).toBe('dedupe_store_failed');
  });

  it('a failing complete after fn ran is thrown as dedupe_store_failed', async () => {
    const fn = vi.fn(() => 'done');
    const down = new Error('write failed');
    const error = await rejection(
      handleOnce(
        fakeStore(async () => CLAIMED, { complete: () => Promise.reject(down) }),
        event,
        fn,
      ),
    );
    expect(fn).toHaveBeenCalledTimes(1);
    expect(error.code).toBe('dedupe_store_failed');
    expect(error.message).toMatch(/complete/);
    expect(error.cause).toBe(down);
  });

  it('when fn and release both fail, neither error is dropped', async () => {
    const fnError = new Error('fn failed');
    const releaseError = new Error('release failed');
    const error = await rejection(
      handleOnce(
        fakeStore(async () => CLAIMED, { release: () => Promise.reject(releaseError) }),
        event,
        () => Promise.reject(fnError),
      ),
    );
    expect(error.code).toBe('dedupe_store_failed');
    expect(error.message).toMatch(/claim holds until ttlSec \(300 s\)/);
    expect((error.cause as AggregateError).errors).toEqual([fnError, releaseError]);
  });

  const never = () => new Promise<never>(() => {});

  it('a store call that never settles fails as dedupe_store_failed after storeTimeoutMs, without running fn', async () => {
    const fn = vi.fn();
    const started = Date.now();
    const error = await rejection(handleOnce(fakeStore(never), event, fn, { storeTimeoutMs: 50 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.code).toBe('dedupe_store_failed');
    expect(error.message).toMatch(/claim\("evt_once"\) failed/);
    expect(String((error.cause as Error).message)).toMatch(/no answer within storeTimeoutMs \(50 ms\)/);
    expect(fn).not.toHaveBeenCalled();
  });

  it('a complete or release that hangs is bounded too', async () => {
    const fn = vi.fn(() => 'ran');
    const hungComplete = await rejection(
      handleOnce(
        fakeStore(async () => CLAIMED, { complete: never }),
        event,
        fn,
        { storeTimeoutMs: 50 },
      ),
    );
    expect(fn).toHaveBeenCalledTimes(1);
    expect(hungComplete.message).toMatch(/complete\("evt_once"\) failed/);
    const fnError = new Error('fn failed');
    const hungRelease = await rejection(
      handleOnce(
        fakeStore(async () => CLAIMED, { release: never }),
        event,
        () => Promise.reject(fnError),
        { storeTimeoutMs: 50 },
      ),
    );
    expect(hungRelease.code).toBe('dedupe_store_failed');
    expect((hungRelease.cause as AggregateError).errors[0]).toBe(fnError);
  });

  it('a store that answers in time is not cut short, and its timer does not outlive the call', async () => {
    vi.useFakeTimers();
    try {
      const slow = fakeStore(() => new Promise((resolve) => setTimeout(() => resolve(CLAIMED), 9_000)));
      const outcome = handleOnce(slow, event, () => 'ok');
      await vi.advanceTimersByTimeAsync(9_000);
      await expect(outcome).resolves.toEqual({ status: 'processed', result: 'ok' });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, -1, 1.5, 2 ** 31, Number.NaN, '100', null])('refuses storeTimeoutMs %s, naming the range', async (ms) => {
    const fn = vi.fn();
    const error = await rejection(handleOnce(store, { id: 'evt_timeout' }, fn, { storeTimeoutMs: ms as never }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/storeTimeoutMs must be a whole number of ms from 1 to 2147483647/);
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses bad memoryDedupe options', () => {
    expect(() => memoryDedupe({ retainSec: 0 })).toThrow(/retainSec must be a positive whole number/);
    expect(() => memoryDedupe({ now: 5 as never })).toThrow(/now must be a function/);
  });
});
