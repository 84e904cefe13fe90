/**
 * Issue 11, rule 11: the emulator holds its own boundaries. Raw TCP clients against the
 * node:http server: an unsigned or oversized (over 1 MiB) request is answered before its body
 * has been sent, and no malformed request crashes the server (it keeps answering afterwards).
 */
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/testing/emulator';
import { startEmulatorServer, type EmulatorServer } from '../../src/testing/node-server';
import { nodeSign } from '../support/node-signer';
import { apiFor, BASE } from './helpers';

const MiB = 1024 * 1024;
let server: EmulatorServer;

beforeEach(async () => {
  server = await startEmulatorServer();
});
afterEach(async () => {
  await server.close();
});

interface RawExchange {
  /** Everything the server sent back. */
  response: string;
  /** Body bytes this client had written when the response's status line arrived. */
  sentBeforeAnswer: number;
}

/** `Host: x` in a raw request becomes the server's own address, which is the only Host it answers. */
function ownHost(head: string): string {
  return head.replace('\r\nHost: x\r\n', `\r\nHost: ${new URL(server.url).host}\r\n`);
}

/** Writes `head`, then body chunks as long as the server has not answered; resolves on close. */
function rawExchange(rawHead: string, body: { total: number; chunk?: number } | Buffer | string = ''): Promise<RawExchange> {
  const head = ownHost(rawHead);
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let response = '';
    let sent = 0;
    let sentBeforeAnswer = -1;
    socket.on('data', (chunk) => {
      if (sentBeforeAnswer < 0) {
        sentBeforeAnswer = sent;
        // Answered: stop, as a client does, and let the server close.
        setTimeout(() => socket.end(), 100);
      }
      response += chunk.toString('latin1');
    });
    socket.on('error', () => undefined); // the server may reset a connection it stopped reading
    socket.on('close', () => resolve({ response, sentBeforeAnswer }));
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`no answer; got so far: ${response.slice(0, 200)}`));
    });
    socket.on('connect', async () => {
      socket.write(head);
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        socket.write(body);
        sent += Buffer.byteLength(body);
        return;
      }
      const chunk = Buffer.alloc(body.chunk ?? 64 * 1024, 0x61);
      while (sent < body.total && sentBeforeAnswer < 0 && !socket.destroyed) {
        socket.write(chunk);
        sent += chunk.byteLength;
        // Give the server a chance to answer before the next chunk.
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  });
}

const status = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

async function stillServes(): Promise<void> {
  const api = apiFor(server.emulator, { fetch: (i, init) => fetch(i, init), base: server.url });
  expect((await api.get('/api/v1/customers?limit=1')).status).toBe(200);
}

function signedHeaders(method: string, target: string, body: string): string {
  const { keyId, secret } = server.emulator.credentials;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = nodeSign({ secret, method, target, timestamp, body, idempotencyKey: 'idem_boundary' });
  return `Authorization: Plugipay-HMAC-SHA256 keyId=${keyId}, scope=*, signature=${signature}\r\nX-Plugipay-Timestamp: ${timestamp}\r\nIdempotency-Key: idem_boundary\r\n`;
}

describe('emulator boundaries (issue 11 rule 11)', () => {
  it('an unsigned POST declaring 8 MiB is answered 401 before its body is sent', async () => {
    const head = `POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${8 * MiB}\r\n\r\n`;
    const { response, sentBeforeAnswer } = await rawExchange(head, { total: 8 * MiB });
    expect(status(response)).toBe(401);
    expect(response).toContain('"code":"unauthorized"');
    expect(sentBeforeAnswer).toBeLessThan(MiB);
    await stillServes();
  });

  it('a signed request declaring more than 1 MiB is refused 413 by its Content-Length, before the body is read', async () => {
    const head = `POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${signedHeaders('POST', '/api/v1/customers', '')}Content-Length: ${MiB + 1}\r\n\r\n`;
    const { response, sentBeforeAnswer } = await rawExchange(head, { total: MiB + 1 });
    expect(status(response)).toBe(413);
    expect(response).toContain('"code":"payload_too_large"');
    expect(sentBeforeAnswer).toBeLessThan(MiB);
    await stillServes();
  });

  it('a chunked body is counted as it arrives and refused once over 1 MiB', async () => {
    const head = `POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${signedHeaders('POST', '/api/v1/customers', '')}Transfer-Encoding: chunked\r\n\r\n`;
    const { port } = new URL(server.url);
    const result = await new Promise<{ response: string; sent: number }>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let response = '';
      let sent = 0;
      let answered = false;
      socket.on('data', (c) => {
        if (!answered) setTimeout(() => socket.end(), 100);
        answered = true;
        response += c.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ response, sent }));
      socket.on('connect', async () => {
        socket.write(ownHost(head));
        const piece = Buffer.alloc(64 * 1024, 0x61);
        while (!answered && !socket.destroyed && sent < 16 * MiB) {
          socket.write(`${piece.byteLength.toString(16)}\r\n`);
          socket.write(piece);
          socket.write('\r\n');
          sent += piece.byteLength;
          await new Promise((r) => setTimeout(r, 2));
        }
      });
    });
    expect(status(result.response)).toBe(413);
    expect(result.sent).toBeLessThan(4 * MiB);
    await stillServes();
  });

  it.each([
    ['garbage instead of HTTP', 'hello there\r\n\r\n'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n'],
    ['a bad Content-Length', 'POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    [
      'conflicting Content-Length and chunked',
      'POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['a NUL in the target', 'GET /api/v1/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a 64 KiB header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`],
  ])('%s: a 4xx answer, and the server keeps serving', async (_name, bytes) => {
    const { response } = await rawExchange(bytes);
    expect(status(response)).toBeGreaterThanOrEqual(400);
    expect(status(response)).toBeLessThan(500);
    await stillServes();
  });

  it.each([
    ['a lone % in the path', 'GET /api/v1/customers/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an absolute-form target', 'GET http://evil.example/api/v1/customers HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a path of dots', 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a body that ends early', 'POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"na'],
  ])('%s: answered or dropped, never a crash', async (_name, bytes) => {
    const exchange = rawExchange(bytes);
    // A short body keeps the request open: end the socket from our side after a moment.
    const { response } = await Promise.race([
      exchange,
      new Promise<RawExchange>((resolve) => setTimeout(() => resolve({ response: '', sentBeforeAnswer: 0 }), 500)),
    ]);
    if (response) expect(status(response)).toBeGreaterThanOrEqual(400);
    await stillServes();
  });

  it('a signed body that is not JSON, or not UTF-8, is a 400 envelope', async () => {
    for (const body of ['{"name": ', '\u00ff\u00fe']) {
      const bytes = Buffer.from(body, 'latin1');
      const head = `POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${signedHeaders('POST', '/api/v1/customers', bytes.toString('latin1'))}Content-Length: ${bytes.byteLength}\r\nConnection: close\r\n\r\n`;
      const { response } = await rawExchange(head, bytes);
      // The node signer hashes the latin1 string's UTF-8 bytes, so a non-UTF-8 body fails the signature (401) or parses as 400: both are envelopes.
      expect([400, 401]).toContain(status(response));
      expect(response).toContain('"error":{');
    }
    await stillServes();
  });

  it('in process too: a declared length over 1 MiB is refused without reading the stream', async () => {
    const emulator = createEmulator();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const response = await emulator.fetch(
      new Request(`${BASE}/api/v1/customers`, {
        method: 'POST',
        body,
        headers: { 'content-length': String(2 * MiB) },
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(401); // unsigned: refused from the headers alone
    expect(pulled).toBeLessThanOrEqual(1);
  });
});
