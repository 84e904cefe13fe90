/**
 * A merchant integration replayed the way the official Node and Go clients call the API, against
 * the emulator over HTTP: plain fetch, the node:crypto signer (no SDK code), camelCase JSON, an
 * Idempotency-Key only on the writes those clients send one on (none on PATCH/DELETE
 * /webhooks/{id}, delivery retry, confirm, bank account), and pages read from `meta.hasMore` and
 * `meta.cursor` only, never `meta.page`. Each step is one a newcomer's app takes.
 */
import { randomUUID, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type EmulatorServer } from '../../src/testing/node-server';
import { nodeSign } from '../support/node-signer';

let emulator: EmulatorServer;
let receiver: Server;
let receiverUrl = '';
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-plugipay-signature'] ?? '') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/plugipay`;
  emulator = await startEmulatorServer();
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  error: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: any;
}

/** One call as the official clients make it: `idem` true sends a fresh `idem_<uuid>`; the timestamp may be moved. */
async function call(method: string, target: string, body?: unknown, { idem = false, skewSec = 0 } = {}): Promise<Answer> {
  const { keyId, secret } = emulator.emulator.credentials;
  const text = body === undefined ? null : JSON.stringify(body);
  const idempotencyKey = idem ? `idem_${randomUUID()}` : null;
  const timestamp = String(Math.floor(Date.now() / 1000) + skewSec);
  const headers: Record<string, string> = {
    Authorization: `Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${nodeSign({ secret, method, target, timestamp, body: text, idempotencyKey })}`,
    'X-Plugipay-Timestamp': timestamp,
    Accept: 'application/json',
  };
  if (text !== null) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const res = await fetch(`${emulator.url}${target}`, { method, headers, ...(text !== null ? { body: text } : {}) });
  const raw = await res.text();
  const envelope = raw ? JSON.parse(raw) : { data: null, error: null, meta: null };
  return { status: res.status, data: envelope.data, error: envelope.error, meta: envelope.meta };
}

/** Every item of a list, page by page, the way the official clients page: `meta.hasMore` and `meta.cursor`. */
async function walk(path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await call('GET', `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    pages++;
    ids.push(...res.data.map((item: { id: string }) => item.id));
    cursor = res.meta.hasMore ? res.meta.cursor : null;
    if (res.meta.hasMore) expect(typeof res.meta.cursor).toBe('string');
  } while (cursor && pages < 50);
  return { ids, pages };
}

describe('a merchant integration written like the official clients', () => {
  it('registers a webhook, sells, confirms, pages, manages the endpoint and payouts, and reads the events', async () => {
    // Setup: an endpoint for every event, created (with a key, as every create).
    const endpoint = await call('POST', '/api/v1/webhooks', { url: receiverUrl, events: ['*'], description: 'shop' }, { idem: true });
    expect(endpoint.status).toBe(201);
    const whsec: string = endpoint.data.secret ?? emulator.emulator.webhookSecret(endpoint.data.id);

    // Customers and one checkout session each.
    const sessions: string[] = [];
    for (const [i, name] of ['Ada', 'Budi', 'Citra', 'Dewi', 'Eka'].entries()) {
      const customer = await call(
        'POST',
        '/api/v1/customers',
        { name, email: `${name.toLowerCase()}@example.com`, externalId: `user-${i}` },
        { idem: true },
      );
      expect(customer.status).toBe(201);
      const session = await call(
        'POST',
        '/api/v1/checkout-sessions',
        {
          amount: 150000 + i,
          currency: 'IDR',
          methods: ['qris', 'va'],
          customerId: customer.data.id,
          successUrl: 'https://shop.example/thanks',
          cancelUrl: 'https://shop.example/cart',
          lineItems: [{ name: 'Kopi', quantity: 1, unitAmount: 150000 + i }],
          metadata: { orderId: `ord_${i}` },
        },
        { idem: true },
      );
      expect(session.status).toBe(201);
      sessions.push(session.data.id);
    }

    // Pages read from meta.cursor: all five sessions, two at a time.
    const listed = await walk('/api/v1/checkout-sessions', 2);
    expect(listed.pages).toBe(3);
    expect([...listed.ids].sort()).toEqual([...sessions].sort());

    // A bank transfer arrived: the merchant confirms (no key, as the official clients send none).
    const confirmed = await call('POST', `/api/v1/checkout-sessions/${sessions[0]}/confirm`, {});
    expect([confirmed.status, confirmed.data?.status]).toEqual([200, 'completed']);
    await emulator.emulator.flushWebhooks();
    const delivered = received.map((r) => JSON.parse(r.body) as { id: string; type: string });
    expect(delivered.map((e) => e.type)).toContain('plugipay.checkout_session.completed.v1');
    // The delivery is signed with the endpoint's secret, as the receiving app checks it.
    const completed = received.find((r) => r.body.includes('checkout_session.completed'))!;
    const [t, v1] = completed.signature.split(',').map((part) => part.trim().split('=')[1]);
    expect(createHmac('sha256', whsec).update(`${t}.${completed.body}`).digest('hex')).toBe(v1);

    // Endpoint management without keys: rename it, retry the delivery, then remove it.
    const renamed = await call('PATCH', `/api/v1/webhooks/${endpoint.data.id}`, { description: 'shop (orders)' });
    expect([renamed.status, renamed.data?.description]).toEqual([200, 'shop (orders)']);
    const deliveries = await walk('/api/v1/webhooks/deliveries', 1);
    expect(deliveries.ids.length).toBeGreaterThan(0);
    const retried = await call('POST', `/api/v1/webhooks/deliveries/${deliveries.ids[0]}/retry`, {});
    expect(retried.status).toBe(200);
    await emulator.emulator.flushWebhooks();

    // Payout destination, saved without a key.
    const bank = await call('PATCH', '/api/v1/payouts/bank-account', {
      bankName: 'BCA',
      bankAccountNumber: '8800123456',
      bankAccountHolder: 'PT Kopi Kita',
    });
    expect([bank.status, bank.data?.configured]).toEqual([200, true]);

    // The event log, paged by meta.cursor.
    const events = await walk('/api/v1/events', 3);
    expect(events.ids.length).toBeGreaterThanOrEqual(6);
    expect(new Set(events.ids).size).toBe(events.ids.length);

    const removed = await call('DELETE', `/api/v1/webhooks/${endpoint.data.id}`);
    expect(removed.status).toBe(204);
    expect((await call('GET', '/api/v1/webhooks')).data).toEqual([]);

    // Every call above succeeded; none of the keyless writes was refused for a missing key.
    const writes = emulator.emulator.requests.filter((r) => r.method !== 'GET');
    expect(writes.filter((r) => r.idempotencyKey === null).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 200',
      'PATCH 200',
      'POST 200',
      'PATCH 200',
      'DELETE 204',
    ]);
  });

  it('a clock outside the window is timestamp_skew, a malformed timestamp invalid_timestamp', async () => {
    const skewed = await call('GET', '/api/v1/customers', undefined, { skewSec: -600 });
    expect([skewed.status, skewed.error?.code]).toEqual([401, 'timestamp_skew']);
    const res = await fetch(`${emulator.url}/api/v1/customers`, {
      headers: {
        Authorization: `Plugipay-HMAC-SHA256 keyId=${emulator.emulator.credentials.keyId}, scope=*, signature=${'0'.repeat(64)}`,
        'X-Plugipay-Timestamp': 'soon',
      },
    });
    expect([res.status, (await res.json()).error.code]).toEqual([401, 'invalid_timestamp']);
  });
});
