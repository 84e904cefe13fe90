/**
 * The Next.js entry's webhook route, answer for answer the same as the Workers handler (the
 * Next.js runner proves it again inside a built app, on both of Next's runtimes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/entries/workers';
import { createWebhookRoute } from '../../src/runtimes/next';
import { memoryDedupe } from '../../src/entries/index';
import { signWebhookPayload } from '../../src/testing/sign-webhook';

const secret = 'whsec_next_test';
const body = JSON.stringify({
  id: 'evt_1',
  type: 'plugipay.invoice.paid.v1',
  accountId: 'acc_1',
  occurredAt: '2026-01-01T00:00:00Z',
  data: { object: {} },
});
const post = (payload: string, header?: string) =>
  new Request('https://shop.example/api/webhooks/plugipay', {
    method: 'POST',
    headers: header ? { 'x-plugipay-signature': header } : {},
    body: payload,
  });

const saved = process.env.PLUGIPAY_WEBHOOK_SECRET;
afterEach(() => {
  if (saved === undefined) delete process.env.PLUGIPAY_WEBHOOK_SECRET;
  else process.env.PLUGIPAY_WEBHOOK_SECRET = saved;
});

describe('createWebhookRoute(handler)', () => {
  it('calls the handler with the verified event and the request; 204 when it returns nothing', async () => {
    process.env.PLUGIPAY_WEBHOOK_SECRET = secret;
    const seen: string[] = [];
    const { POST } = createWebhookRoute((event, request) => void seen.push(`${event.id} ${new URL(request.url).pathname}`));
    const response = await POST(post(body, await signWebhookPayload(body, secret)));
    expect(response.status).toBe(204);
    expect(seen).toEqual(['evt_1 /api/webhooks/plugipay']);
    const { POST: echo } = createWebhookRoute((event) => Response.json({ got: event.type }, { status: 202 }));
    const echoed = await echo(post(body, await signWebhookPayload(body, secret)));
    expect([echoed.status, await echoed.json()]).toEqual([202, { got: 'plugipay.invoice.paid.v1' }]);
  });

  it('answers every failed verification exactly as the Workers handler does', async () => {
    process.env.PLUGIPAY_WEBHOOK_SECRET = secret;
    const never = () => {
      throw new Error('must not be called');
    };
    const { POST } = createWebhookRoute(never);
    const worker = createWebhookHandler(never);
    const header = await signWebhookPayload(body, secret);
    const stale = await signWebhookPayload(body, secret, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const cases = [
      () => post(body.replace('evt_1', 'evt_2'), header),
      () => post(body),
      () => post(body, 'not-a-valid-header'),
      () => post(body, stale),
      () => post('[]', undefined),
    ];
    const notEvent = await signWebhookPayload('[]', secret);
    cases.push(() => post('[]', notEvent));
    const answers = [];
    for (const make of cases) {
      const [next, workers] = [await POST(make()), await worker(make(), { PLUGIPAY_WEBHOOK_SECRET: secret }, {})];
      const fromNext = { status: next.status, body: await next.json() };
      expect(fromNext).toEqual({ status: workers.status, body: await workers.json() });
      answers.push(`${fromNext.status} ${fromNext.body.error.code}`);
    }
    expect(answers).toEqual([
      '401 signature_invalid',
      '401 signature_missing',
      '401 signature_malformed',
      '401 signature_stale',
      '401 signature_missing',
      '400 invalid_payload',
    ]);
  });

  it('takes the secret (or a rotation list) and verification options directly', async () => {
    delete process.env.PLUGIPAY_WEBHOOK_SECRET;
    const t = 1_750_000_000;
    const { POST } = createWebhookRoute(() => undefined, { secret: ['whsec_old', secret], now: t * 1000 + 1000 });
    const header = await signWebhookPayload(body, secret, { timestamp: t });
    expect((await POST(post(body, header))).status).toBe(204);
  });

  it('with dedupe, a handler answering 503 releases the claim and passes the 503 through, so the retry runs it', async () => {
    process.env.PLUGIPAY_WEBHOOK_SECRET = secret;
    let status = 503;
    const runs: number[] = [];
    const { POST } = createWebhookRoute(() => (runs.push(status), new Response(null, { status })), { dedupe: memoryDedupe() });
    const signed = async () => post(body, await signWebhookPayload(body, secret));
    expect((await POST(await signed())).status).toBe(503);
    status = 204;
    expect((await POST(await signed())).status).toBe(204);
    const duplicate = await POST(await signed());
    expect(await duplicate.json()).toEqual({ received: true, duplicate: true, id: 'evt_1' });
    expect(runs).toEqual([503, 204]);
  });

  it('throws a missing secret (a 500 in your logs) instead of answering it', async () => {
    delete process.env.PLUGIPAY_WEBHOOK_SECRET;
    const { POST } = createWebhookRoute(() => undefined);
    await expect(POST(post(body, 't=1,v1=00'))).rejects.toMatchObject({
      code: 'missing_credentials',
      message: expect.stringContaining('.env.local'),
    });
  });
});
