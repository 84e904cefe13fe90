/**
 * A raw TCP server on 127.0.0.1 that answers HTTP by hand, for faults an HTTP library will not
 * produce: a reset in the middle of a body, a hang before or after the headers, a body shorter
 * than its Content-Length, a close-delimited body cut short.
 */
import { createServer, type Socket } from 'node:net';

export type TcpScript = (socket: Socket, request: string) => void;

export interface TcpServer {
  url: string;
  /** Requests seen, as raw head + body text. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTcpServer(script: TcpScript): Promise<TcpServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      requests.push(buffered);
      const request = buffered;
      buffered = '';
      script(socket, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The head of an HTTP/1.1 response. */
export function head(status: number, headers: Record<string, string | number>): string {
  const lines = [`HTTP/1.1 ${status} X`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
