/**
 * Rule 6: bounded responses. Raw TCP servers send an endless body, a gzip bomb and a huge
 * declared Content-Length; the client reads at most `maxResponseBytes` (after decompression),
 * fails with `response_too_large`, and releases the connection (the server sees its socket close).
 */
import { gzipSync } from 'node:zlib';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isRetryable } from '../../src/entries/index';
import { DEFAULT_MAX_RESPONSE_BYTES, readBoundedBytes } from '../../src/core/bounded-body';
import { failure } from '../support/failure';
import { head, startTcpServer, type TcpServer } from '../support/tcp-server';
import { clientFor } from './counting-server';

const MiB = 1024 * 1024;
let server: TcpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Resolves when the socket closes, with the bytes written to it by then. */
function closed(socket: Socket, written: () => number): Promise<number> {
  return new Promise((resolve) => socket.once('close', () => resolve(written())));
}

describe('maxResponseBytes', () => {
  it('an endless body is cut at the cap, and the connection is released', async () => {
    let release: Promise<number> | undefined;
    server = await startTcpServer((socket) => {
      let written = 0;
      release = closed(socket, () => written);
      socket.write(head(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-request-id': 'req_endless' }));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!socket.destroyed && written < 512 * MiB) {
          written += chunk.length;
          if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`, 'latin1'))
            return void socket.once('drain', pump);
        }
      };
      pump();
    });
    const client = clientFor(server as never, { maxResponseBytes: 2 * MiB, maxRetries: 2 });
    const error = await failure(client.customers.get('cus_1'));
    expect(error).toMatchObject({ code: 'response_too_large', status: 200, requestId: 'req_endless' });
    expect(error.message).toContain(String(2 * MiB));
    expect(isRetryable(error)).toBe(false);
    // Released: the server's socket closes although it would have sent 512 MiB.
    const written = await release!;
    expect(written).toBeLessThan(64 * MiB);
    expect(server.requests).toHaveLength(1);
  });

  it('a gzip bomb is counted after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MiB, 0x20));
    expect(bomb.length).toBeLessThan(1 * MiB);
    server = await startTcpServer((socket) => {
      socket.end(
        Buffer.concat([
          Buffer.from(head(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length })),
          bomb,
        ]),
      );
    });
    const client = clientFor(server as never, { maxResponseBytes: 4 * MiB });
    expect(await failure(client.customers.get('cus_1'))).toMatchObject({ code: 'response_too_large' });
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    let release: Promise<number> | undefined;
    server = await startTcpServer((socket) => {
      release = closed(socket, () => 0);
      // Declares 10 GB, then sends nothing: only the header can have decided.
      socket.write(head(200, { 'content-type': 'application/json', 'content-length': 10 * 1024 * MiB }));
    });
    const client = clientFor(server as never, { timeoutMs: 10_000 });
    const started = Date.now();
    const error = await failure(client.customers.get('cus_1'));
    expect(error).toMatchObject({ code: 'response_too_large' });
    expect(error.message).toContain(`declares ${10 * 1024 * MiB} bytes`);
    expect(error.message).toContain(String(DEFAULT_MAX_RESPONSE_BYTES));
    expect(Date.now() - started).toBeLessThan(5_000);
    await release;
  });

  it('the per-call option overrides the client option, both ways', async () => {
    const body = JSON.stringify({ data: { id: 'cus_1', note: 'x'.repeat(4096) }, meta: { requestId: 'req_1' } });
    server = await startTcpServer((socket) => {
      socket.write(
        head(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }) + body,
      );
      socket.end();
    });
    const small = clientFor(server as never, { maxResponseBytes: 100 });
    expect(await small.customers.get('cus_1', { maxResponseBytes: 10_000 })).toMatchObject({ id: 'cus_1' });
    expect(await failure(clientFor(server as never).customers.get('cus_1', { maxResponseBytes: 100 }))).toMatchObject({
      code: 'response_too_large',
    });
  });

  it.each([0, -1, 1.5, Number.NaN, '1000'])(
    'maxResponseBytes %s is refused (invalid_config / invalid_request)',
    async (maxResponseBytes) => {
      server = await startTcpServer(() => undefined);
      expect(() => clientFor(server as never, { maxResponseBytes } as never)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
      expect(await failure(clientFor(server as never).customers.get('cus_1', { maxResponseBytes } as never))).toMatchObject({
        code: 'invalid_request',
      });
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('readBoundedBytes', () => {
  it('reads a body of exactly the cap, and refuses one byte more', async () => {
    const body = (n: number) => new Response(new Uint8Array(n));
    expect((await readBoundedBytes(body(1000), 1000)).byteLength).toBe(1000);
    await expect(readBoundedBytes(body(1001), 1000)).rejects.toMatchObject({ code: 'response_too_large' });
  });

  it('returns a lone chunk as it is only when it is its whole buffer: a view into a larger one is copied to exactly its bytes', async () => {
    const whole = new Uint8Array([1, 2, 3]);
    const alone = new Response(new ReadableStream({ start: (c) => (c.enqueue(whole), c.close()) }));
    const bytes = await readBoundedBytes(alone, 10);
    expect(bytes.buffer.byteLength).toBe(3);
    const backing = new Uint8Array([9, 9, 4, 5, 6, 9]);
    const view = new Response(new ReadableStream({ start: (c) => (c.enqueue(backing.subarray(2, 5)), c.close()) }));
    const copied = await readBoundedBytes(view, 10);
    expect([...copied]).toEqual([4, 5, 6]);
    expect(copied.buffer.byteLength).toBe(3);
    expect(copied.buffer).not.toBe(backing.buffer);
  });

  it('joins many chunks in order, and a duplicated Content-Length is left to the count', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array([i]));
        controller.close();
      },
    });
    const response = new Response(stream, { headers: { 'content-length': '10, 10' } });
    expect([...(await readBoundedBytes(response, 10))]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
