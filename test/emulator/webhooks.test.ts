import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { apiFor, CHECKOUT_INPUT } from './helpers';

const NOW = Date.UTC(2026, 5, 1);

interface Received {
  url: string;
  headers: Headers;
  body: string;
}

/** A webhook receiver: records what arrives, answers with the next scripted status. */
function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    received.push({ url: request.url, headers: request.headers, body: await request.text() });
    return new Response('ok', { status: statuses.shift() ?? 200 });
  };
  return { received, fetch };
}

/** Independent check of WIRE 7 with node:crypto. */
function verifies(header: string, body: string, secret: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return parts.v1 === expected;
}

describe('webhook delivery', () => {
  it('delivers signed events to subscribed endpoints and records deliveries', async () => {
    const hook = receiver();
    const emulator = createEmulator({ now: () => NOW, webhookFetch: hook.fetch });
    const api = apiFor(emulator, { now: () => NOW });
    const endpoint = (
      await api.post('/api/v1/webhooks', { url: 'https://hooks.example/plugipay', events: ['plugipay.checkout_session.completed.v1'] })
    ).body.data;
    expect(endpoint.secret).toMatch(/^whsec_/);
    const all = (await api.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/all' })).body.data;
    expect(all.events).toEqual(['*']);
    const listed = (await api.get('/api/v1/webhooks')).body.data;
    expect(Array.isArray(listed)).toBe(true);
    expect(listed).toHaveLength(2);
    expect(listed[0].secret).toBeUndefined();

    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    emulator.completeCheckout(session.id, { method: 'qris' });
    await emulator.flushWebhooks();

    const toEndpoint = hook.received.filter((r) => r.url === 'https://hooks.example/plugipay');
    expect(toEndpoint).toHaveLength(1);
    const [delivery] = toEndpoint;
    const header = delivery!.headers.get('x-plugipay-signature')!;
    expect(header).toMatch(new RegExp(`^t=${NOW / 1000},v1=[0-9a-f]{64}$`));
    expect(verifies(header, delivery!.body, endpoint.secret)).toBe(true);
    expect(verifies(header, delivery!.body, all.secret)).toBe(false);
    expect(delivery!.headers.get('content-type')).toBe('application/json');
    const event = JSON.parse(delivery!.body);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'plugipay.checkout_session.completed.v1',
      accountId: 'acc_emulator',
      data: { object: { id: session.id, status: 'completed' } },
    });
    // The '*' endpoint got it as well (it was created after the first endpoint, before the event).
    expect(hook.received.filter((r) => r.url.endsWith('/all'))).toHaveLength(1);

    const deliveries = (await api.get(`/api/v1/webhooks/deliveries?endpointId=${endpoint.id}`)).body.data;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'succeeded', attempts: 1, responseCode: 200, eventId: event.id, body: delivery!.body });
    expect((await api.get(`/api/v1/webhooks/deliveries/${deliveries[0].id}`)).body.data.id).toBe(deliveries[0].id);
  });

  it('records failures and retries on request', async () => {
    const hook = receiver([503]);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The retry's attempt waits at the gate, so the delivery is still queued when asked again.
    const emulator = createEmulator({
      webhookFetch: async (input, init) => {
        if (hook.received.length > 0) await gate;
        return hook.fetch(input, init);
      },
    });
    const api = apiFor(emulator);
    const endpoint = (await api.post('/api/v1/webhooks', { url: 'https://hooks.example/x' })).body.data;
    await api.post('/api/v1/customers', { name: 'Hooked' });
    await emulator.flushWebhooks();
    const [failed] = emulator.deliveries({ endpointId: endpoint.id });
    expect(failed).toMatchObject({ status: 'failed', responseCode: 503, lastError: 'HTTP 503', attempts: 1 });

    const retried = await api.post(`/api/v1/webhooks/deliveries/${failed!.id}/retry`);
    expect(retried.body.data.status).toBe('pending');
    const again = await api.post(`/api/v1/webhooks/deliveries/${failed!.id}/retry`);
    expect(again.body.error.code).toBe('already_queued');
    release();
    await emulator.flushWebhooks();
    const [done] = emulator.deliveries({ endpointId: endpoint.id });
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(done!.attemptLog.map((a) => a.responseCode)).toEqual([503, 200]);
    // The same event id on every attempt.
    expect(new Set(hook.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);

    await api.patch(`/api/v1/webhooks/${endpoint.id}`, { active: false });
    const disabled = await api.post(`/api/v1/webhooks/deliveries/${failed!.id}/retry`);
    expect(disabled.body.error.code).toBe('endpoint_disabled');
    expect((await api.del(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await api.del(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(404);
  });

  it('survives a receiver that is down', async () => {
    const emulator = createEmulator({
      webhookFetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const api = apiFor(emulator);
    await api.post('/api/v1/webhooks', { url: 'https://down.example/' });
    await api.post('/api/v1/customers', {});
    await emulator.flushWebhooks();
    expect(emulator.deliveries()[0]).toMatchObject({ status: 'failed', responseCode: null, lastError: 'fetch failed' });
  });

  it('validates endpoints', async () => {
    const api = apiFor(createEmulator());
    expect((await api.post('/api/v1/webhooks', {})).body.error.field).toBe('url');
    expect((await api.post('/api/v1/webhooks', { url: 'ftp://x' })).body.error.field).toBe('url');
    expect((await api.post('/api/v1/webhooks', { url: 'https://x.example', events: [] })).body.error.field).toBe('events');
  });
});
