import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatorServer, type EmulatorServer } from '../../src/testing/node-server';
import { nodeSign } from '../support/node-signer';
import { apiFor, CHECKOUT_INPUT, readResult, signedRequest } from './helpers';

let server: EmulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startEmulatorServer (node:http on 127.0.0.1)', () => {
  it('serves signed requests over real fetch', async () => {
    server = await startEmulatorServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const api = apiFor(server.emulator, { fetch: (input, init) => fetch(input, init), base: server.url });
    const created = await api.post('/api/v1/customers', { name: 'Over the wire' });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    const listed = await api.get('/api/v1/customers?limit=1');
    expect(listed.body.data[0].id).toBe(created.body.data.id);
    expect((await api.get('/api/v1/customers', { secret: 'sk_wrong' })).body.error.code).toBe('invalid_signature');
  });

  it('passes an id with spaces, % and non-ASCII through exactly', async () => {
    const id = 'cus 1/x%ü 😀';
    server = await startEmulatorServer({ seed: { customers: [{ id, name: 'Odd' }] } });
    const api = apiFor(server.emulator, { fetch: (input, init) => fetch(input, init), base: server.url });
    const target = `/api/v1/customers/${encodeURIComponent(id)}`;
    const res = await api.get(target);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, name: 'Odd' });
    expect(server.emulator.requests.at(-1)!.path).toBe(target);
  });

  it('verifies against the raw request target, not a re-serialized URL', async () => {
    server = await startEmulatorServer();
    const { keyId, secret } = server.emulator.credentials;
    // WHATWG URL would send `'` as %27; a raw HTTP client sends it as is, and signs it as is.
    const target = "/api/v1/customers?email=o'brien%40example.com";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = nodeSign({ secret, method: 'GET', target, timestamp, body: null, idempotencyKey: null });
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: target,
          headers: {
            Authorization: `Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${signature}`,
            'X-Plugipay-Timestamp': timestamp,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(server.emulator.requests.at(-1)!.path).toBe(target);
  });

  it('turns a reset fault into a dropped connection (fetch TypeError)', async () => {
    server = await startEmulatorServer();
    server.emulator.inject({ reset: true });
    const error = await fetch(signedRequest(server.emulator.credentials, '/api/v1/customers', { base: server.url })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    // And the next request on a new connection works.
    const ok = await fetch(signedRequest(server.emulator.credentials, '/api/v1/customers', { base: server.url }));
    expect(ok.status).toBe(200);
  });

  it('hangs until the client gives up, stalls and truncates bodies, and still closes promptly', async () => {
    server = await startEmulatorServer();
    const { emulator } = server;
    emulator.inject({ delayMs: Infinity });
    const hung = await fetch(
      signedRequest(emulator.credentials, '/api/v1/customers', { base: server.url, signal: AbortSignal.timeout(100) }),
    ).catch((e: unknown) => e);
    expect((hung as Error).name).toBe('TimeoutError');

    emulator.inject({ stallBody: true });
    // Aborted only once the headers are in, so a slow machine cannot fail the status check.
    const reader = new AbortController();
    const stalled = await fetch(signedRequest(emulator.credentials, '/api/v1/customers', { base: server.url, signal: reader.signal }));
    expect(stalled.status).toBe(200);
    const body = stalled.text();
    setTimeout(() => reader.abort(), 150);
    await expect(body).rejects.toThrow();

    emulator.inject({ truncate: true });
    const truncated = await readResult(await fetch(signedRequest(emulator.credentials, '/api/v1/customers', { base: server.url })));
    expect(truncated.status).toBe(200);
    expect(truncated.text).toMatch(/^\{"data":\[\]/);
    expect(truncated.body).toBeUndefined();

    emulator.inject({ status: 503, headers: { 'Retry-After': '1' } });
    const unavailable = await fetch(signedRequest(emulator.credentials, '/api/v1/customers', { base: server.url }));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');

    // A keep-alive connection is still open; close() must not wait for it.
    const started = Date.now();
    await server.close();
    server = undefined;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops a scripted hang when the client goes away, and logs the request as aborted', async () => {
    server = await startEmulatorServer();
    const { emulator } = server;
    emulator.inject({ delayMs: Infinity });
    const gaveUp = await fetch(
      signedRequest(emulator.credentials, '/api/v1/customers', { base: server.url, signal: AbortSignal.timeout(100) }),
    ).catch((e: unknown) => e);
    expect((gaveUp as Error).name).toBe('TimeoutError');
    await expect.poll(() => emulator.requests.at(-1)).toMatchObject({ status: null, outcome: 'aborted' });
    // The next request is served as usual on a new connection.
    const api = apiFor(emulator, { fetch: (input, init) => fetch(input, init), base: server.url });
    expect((await api.get('/api/v1/customers')).status).toBe(200);
  });

  it('delivers a signed webhook to a local receiver through the global fetch (the playground flow)', async () => {
    const received: { header: string; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ header: String(req.headers['x-plugipay-signature']), body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      server = await startEmulatorServer();
      const api = apiFor(server.emulator, { fetch: (input, init) => fetch(input, init), base: server.url });
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const endpoint = (await api.post('/api/v1/webhooks', { url: hookUrl, events: ['plugipay.checkout_session.completed.v1'] })).body.data;
      const session = (await api.post('/api/v1/checkout-sessions', CHECKOUT_INPUT)).body.data;
      server.emulator.completeCheckout(session.id);
      await server.emulator.flushWebhooks();
      expect(received).toHaveLength(1);
      const { header, body } = received[0]!;
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      expect(createHmac('sha256', endpoint.secret).update(`${t}.${body}`).digest('hex')).toBe(v1);
      expect(JSON.parse(body).data.object.id).toBe(session.id);
      const deliveries = (await api.get('/api/v1/webhooks/deliveries')).body.data;
      expect(deliveries[0]).toMatchObject({ status: 'succeeded', responseCode: 204 });
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('the Host header (DNS rebinding)', () => {
  /** A GET with the given Host header, over a raw node:http request (fetch cannot set Host). */
  function getWithHost(url: string, path: string, host: string | null): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const { port } = new URL(url);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(port),
          path,
          method: 'GET',
          setHost: host !== null,
          headers: host === null ? {} : { Host: host },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('answers 127.0.0.1:<port> and localhost:<port>, and refuses any other name with 421 host_not_allowed, before anything is served', async () => {
    server = await startEmulatorServer({ seed: { customers: [{ id: 'cus_secret', name: 'Private' }] } });
    const { port, host } = new URL(server.url);
    for (const ok of [host, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await getWithHost(server.url, '/', ok)).status, ok).toBe(200);
    }
    const before = server.emulator.requests.length;
    for (const bad of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost:${Number(port) + 1}`, 'x']) {
      for (const path of ['/', '/_emulator/objects/customers/cus_secret', '/api/v1/customers']) {
        const res = await getWithHost(server.url, path, bad);
        expect([bad, path, res.status]).toEqual([bad, path, 421]);
        const parsed = JSON.parse(res.body);
        expect(parsed.error.code).toBe('host_not_allowed');
        expect(parsed.error.message).toContain(server.url);
        expect(res.body).not.toContain('Private');
      }
    }
    // No Host at all: node itself refuses an HTTP/1.1 request without one.
    expect((await getWithHost(server.url, '/', null)).status).toBe(400);
    expect(server.emulator.requests.length).toBe(before); // never reached the emulator
  });

  it('accepts the names given in allowedHosts', async () => {
    server = await startEmulatorServer({ allowedHosts: ['emulator.internal', 'tunnel.example:443'] });
    expect((await getWithHost(server.url, '/', 'emulator.internal:8080')).status).toBe(200);
    expect((await getWithHost(server.url, '/', 'tunnel.example:443')).status).toBe(200);
    expect((await getWithHost(server.url, '/', 'tunnel.example:80')).status).toBe(421);
  });
});
