import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/vectors.json';
import { createEmulator } from '../../src/testing/emulator';
import { nodeSign } from '../support/node-signer';
import { apiFor, BASE, CHECKOUT_INPUT, readResult, signedRequest } from './helpers';

const NOW = Date.UTC(2026, 0, 1);

function setup() {
  const emulator = createEmulator({ now: () => NOW });
  return { emulator, api: apiFor(emulator, { now: () => NOW }) };
}

describe('emulator authentication (WIRE 1)', () => {
  it('generates test credentials and accepts a correctly signed request', async () => {
    const { emulator, api } = setup();
    expect(emulator.credentials.keyId).toMatch(/^pk_test_[0-9a-f]{24}$/);
    expect(emulator.credentials.secret).toMatch(/^sk_test_[0-9a-f]{48}$/);
    const res = await api.post('/api/v1/customers', { email: 'ada@example.com' });
    expect(res.status).toBe(201);
    expect(res.body.data.email).toBe('ada@example.com');
    expect(res.body.meta.requestId).toMatch(/^req_/);
  });

  it.each([
    ['a wrong secret', { secret: 'sk_test_wrong' }],
    ['an altered body', { signedBody: JSON.stringify({ name: 'Mallory' }) }],
    ['an altered query', { signedTarget: '/api/v1/customers?limit=3' }],
    ['a missing idempotency line (header sent, not signed)', { signedIdempotencyKey: null }],
    ['an idempotency key other than the one sent', { signedIdempotencyKey: 'idem_other' }],
  ])('rejects %s with 401 invalid_signature', async (_name, tamper) => {
    const { api } = setup();
    const target = '/api/v1/customers?limit=2';
    const res = await api.call(target, { method: 'POST', body: { name: 'Ada' }, idempotencyKey: 'idem_1', ...tamper });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_signature');
    expect(res.body.data).toBeNull();
    expect(res.body.meta.requestId).toMatch(/^req_/);
  });

  it('rejects an altered query on a GET', async () => {
    const { api } = setup();
    const res = await api.get('/api/v1/customers?limit=20', { signedTarget: '/api/v1/customers?limit=2' });
    expect(res.body.error.code).toBe('invalid_signature');
  });

  it.each([
    ['stale', -301],
    ['future', +301],
  ])('rejects a %s timestamp beyond 300 s with 401 timestamp_skew (a well-formed value, outside the window)', async (_name, offset) => {
    const { api } = setup();
    const res = await api.get('/api/v1/customers', { timestamp: NOW / 1000 + offset });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('timestamp_skew');
    expect(res.body.error.message).toContain('301 s away');
  });

  it.each([-299, 299, -300, 300])('accepts a timestamp %i s away', async (offset) => {
    const { api } = setup();
    const res = await api.get('/api/v1/customers', { timestamp: NOW / 1000 + offset });
    expect(res.status).toBe(200);
  });

  it('rejects missing and non-digit timestamps with invalid_timestamp (malformed, not skewed)', async () => {
    const { api } = setup();
    for (const timestamp of ['', '17e8', '-5', '1700000000.5']) {
      const res = await api.get('/api/v1/customers', { timestamp, headers: { 'X-Plugipay-Timestamp': timestamp } });
      expect(res.body.error.code).toBe('invalid_timestamp');
    }
  });

  it('rejects an unknown key id with invalid_key and a malformed header with unauthorized', async () => {
    const { emulator, api } = setup();
    expect((await api.get('/api/v1/customers', { keyId: 'pk_test_nobody' })).body.error.code).toBe('invalid_key');
    const malformed = [
      undefined,
      'Basic abc',
      `Plugipay-HMAC-SHA256 keyId=${emulator.credentials.keyId}, scope=*, signature=XYZ`,
      `Plugipay-HMAC-SHA256 keyId=${emulator.credentials.keyId}, signature=${'a'.repeat(64)}`,
      `Plugipay-HMAC-SHA256 keyId=${emulator.credentials.keyId}, scope=*, signature=${'A'.repeat(64)}`,
    ];
    for (const authorization of malformed) {
      const headers: Record<string, string> = { 'X-Plugipay-Timestamp': String(NOW / 1000) };
      if (authorization) headers.Authorization = authorization;
      const res = await readResult(await emulator.fetch(`${BASE}/api/v1/customers`, { headers }));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('accepts Bearer api keys and refuses unknown ones', async () => {
    const emulator = createEmulator({ apiKeys: ['ak_dashboard_1'] });
    const ok = await emulator.fetch(`${BASE}/api/v1/customers`, { headers: { Authorization: 'Bearer ak_dashboard_1' } });
    expect(ok.status).toBe(200);
    const bad = await readResult(await emulator.fetch(`${BASE}/api/v1/customers`, { headers: { Authorization: 'Bearer nope' } }));
    expect(bad.body.error.code).toBe('invalid_key');
  });

  it('requires an Idempotency-Key on writes, after authentication', async () => {
    const { api } = setup();
    const res = await api.post('/api/v1/customers', {}, { idempotencyKey: null });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency_key_required');
  });

  it('signs the raw target: an id with spaces, % and non-ASCII characters', async () => {
    const { api } = setup();
    const id = 'cus 1/x%ü';
    const target = `/api/v1/customers/${encodeURIComponent(id)}`;
    const res = await api.get(target);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(`'${id}'`);
  });
});

describe('WIRE vectors R1–R8 at their fixed clock', () => {
  for (const vector of vectors.requests) {
    it(`accepts ${vector.id}: ${vector.method} ${vector.path}`, async () => {
      const keyId = `pk_vector_${vector.id}`;
      const emulator = createEmulator({
        keys: [{ keyId, secret: vector.secret }],
        now: () => Number(vector.timestamp) * 1000,
      });
      // The independent signer reproduces the published signature first.
      const body = vector.multipart ? '' : vector.body === '' ? null : vector.body;
      expect(
        nodeSign({
          secret: vector.secret,
          method: vector.method,
          target: vector.path,
          timestamp: vector.timestamp,
          body,
          idempotencyKey: vector.idempotencyKey,
        }),
      ).toBe(vector.signature);

      const headers = new Headers({
        Authorization: `Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${vector.signature}`,
        'X-Plugipay-Timestamp': vector.timestamp,
      });
      if (vector.idempotencyKey) headers.set('Idempotency-Key', vector.idempotencyKey);
      let requestBody: BodyInit | null = null;
      if (vector.multipart) {
        const form = new FormData();
        form.set('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'logo.png');
        requestBody = form;
      } else if (vector.body !== '') {
        headers.set('Content-Type', 'application/json');
        requestBody = vector.body;
      }
      const response = await emulator.fetch(`${BASE}${vector.path}`, { method: vector.method, headers, body: requestBody });
      const result = await readResult(response);
      expect(result.status, result.text).not.toBe(401);

      // The same request with one bit of the signature flipped is refused.
      const flipped = vector.signature.slice(0, -1) + (vector.signature.endsWith('0') ? '1' : '0');
      headers.set('Authorization', `Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${flipped}`);
      if (vector.multipart) {
        const form = new FormData();
        form.set('file', new Blob([new Uint8Array([1])], { type: 'image/png' }), 'logo.png');
        requestBody = form;
      }
      const refused = await emulator.fetch(`${BASE}${vector.path}`, { method: vector.method, headers, body: requestBody });
      expect(refused.status).toBe(401);
    });
  }

  it('answers R4 (dashboard) 501 not_emulated, R2 (/x) 404 and R7 a created customer', async () => {
    const byId = Object.fromEntries(vectors.requests.map((v) => [v.id, v]));
    const statusOf = async (id: string) => {
      const v = byId[id]!;
      const emulator = createEmulator({ keys: [{ keyId: 'k', secret: v.secret }], now: () => Number(v.timestamp) * 1000 });
      const headers: Record<string, string> = {
        Authorization: `Plugipay-HMAC-SHA256 keyId=k, scope=*, signature=${v.signature}`,
        'X-Plugipay-Timestamp': v.timestamp,
      };
      if (v.idempotencyKey) headers['Idempotency-Key'] = v.idempotencyKey;
      const res = await readResult(
        await emulator.fetch(`${BASE}${v.path}`, { method: v.method, headers, body: v.body === '' ? null : v.body }),
      );
      return res;
    };
    const r4 = await statusOf('R4');
    expect(r4.status).toBe(501);
    expect(r4.body.error.code).toBe('not_emulated');
    expect(r4.body.error.message).toContain('/api/v1/dashboard/metrics');
    expect((await statusOf('R2')).status).toBe(404);
    const r7 = await statusOf('R7');
    expect(r7.status).toBe(201);
    expect(r7.body.data).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
  });
});

describe('CORS', () => {
  it('is on the API only: the dashboard, the hosted page, /_emulator/objects/* and the assets carry no CORS headers', async () => {
    const { emulator, api } = setup();
    const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
    const origin = { Origin: 'https://evil.example' };
    for (const path of [
      '/',
      `/c/${session.id}`,
      `/_emulator/objects/checkout-sessions/${session.id}`,
      '/_emulator/objects/customers/cus_missing',
      '/_emulator/assets/hosted-checkout.mjs',
      `/_emulator/checkout/${session.id}/pay`,
    ]) {
      for (const method of ['GET', 'OPTIONS']) {
        const res = await emulator.fetch(`${BASE}${path}`, { method, headers: { ...origin, 'Access-Control-Request-Method': 'GET' } });
        expect([method, path, res.headers.get('access-control-allow-origin')]).toEqual([method, path, null]);
      }
    }
    // The API keeps it: the browser entry's public checkout client and signed pages call it from other origins.
    const publicSession = await emulator.fetch(`${BASE}/api/v1/public/checkout/sessions/${session.id}`, { headers: origin });
    expect(publicSession.headers.get('access-control-allow-origin')).toBe('*');
    const replayKey = { idempotencyKey: 'idem_cors' };
    await api.post('/api/v1/customers', {}, replayKey);
    expect((await api.post('/api/v1/customers', {}, replayKey)).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers preflights and exposes headers on every response', async () => {
    const { emulator, api } = setup();
    const preflight = await emulator.fetch(`${BASE}/api/v1/customers`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const name of ['authorization', 'content-type', 'idempotency-key', 'x-plugipay-timestamp', 'x-plugipay-on-behalf-of']) {
      expect(allowed).toContain(name);
    }
    const res = await api.get('/api/v1/customers', { secret: 'wrong' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});

it('signs with the fixed signer the same way for the signed-request helper', () => {
  const req = signedRequest({ keyId: 'k', secret: 'sk_x' }, '/x', {
    method: 'POST',
    body: '{}',
    idempotencyKey: 'idem_abc',
    timestamp: 1700000000,
  });
  expect(req.headers.get('authorization')).toContain('4c050b47344e753bfcdf409c1c1b363387ae3a56b075a215ff74c9356406d4e5');
});
