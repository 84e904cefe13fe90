/**
 * A bare node:http server on 127.0.0.1 for byte-level tests: it records each request's raw
 * target, headers and body exactly as received, and answers with whatever the test scripts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  method: string;
  /** The raw request target (`pathname + search`) as it arrived on the socket. */
  target: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (req: Received, res: ServerResponse) => unknown;

export interface RawServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startRawServer(handler: Handler): Promise<RawServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Received = { method: req.method!, target: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      void Promise.resolve(handler(entry, res)).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function envelope(data: unknown, meta: Record<string, unknown> = {}) {
  return JSON.stringify({ data, error: null, meta: { requestId: 'req_test', timestamp: '2026-01-01T00:00:00Z', ...meta } });
}

export function sendJson(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}
