/**
 * The emulator behind node:http on 127.0.0.1, for the playground and for tests in runtimes that
 * need a real URL. Node-only: it lives in its own entry (`plugipay-edge/testing/node`) so that
 * `plugipay-edge/testing` never pulls in a Node built-in.
 *
 * The raw request target (`req.url`) is handed to the emulator untouched, so the signature is
 * checked against the bytes that arrived rather than a re-serialized URL; a `reset` fault
 * destroys the socket, and a stalled body keeps it open until the client goes away.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator';

export interface StartEmulatorServerOptions extends EmulatorOptions {
  /** Serve this emulator instead of creating one from the other options. */
  emulator?: Emulator;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
}

export interface EmulatorServer {
  /** `http://127.0.0.1:<port>`, no trailing slash: the client's `baseUrl`. */
  url: string;
  emulator: Emulator;
  /** Stops listening and drops every open connection (keep-alive ones included). */
  close(): Promise<void>;
}

/** Hop-by-hop and length headers: the Request/Response objects manage their own. */
const SKIPPED_HEADERS = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | null> {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const joined = Buffer.concat(chunks);
  const body = new Uint8Array(joined.byteLength);
  body.set(joined);
  return body;
}

function toRequest(req: IncomingMessage, origin: string, body: Uint8Array<ArrayBuffer> | null, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!SKIPPED_HEADERS.has(raw[i]!.toLowerCase())) headers.append(raw[i]!, raw[i + 1]!);
  }
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    body: body && body.byteLength > 0 ? body : null,
    signal,
  });
}

async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

export async function startEmulatorServer(options: StartEmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { emulator: given, port = 0, ...emulatorOptions } = options;
  const emulator = given ?? createEmulator(emulatorOptions);
  let origin = '';

  const server = createServer((req, res) => {
    const aborter = new AbortController();
    // The client went away (or a reset destroyed the socket): let hanging faults stop waiting.
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort(new DOMException('The client closed the connection', 'AbortError'));
    });
    void (async () => {
      try {
        const body = await readBody(req);
        const request = toRequest(req, origin, body, aborter.signal);
        const response = await emulator.handle(request, { rawTarget: req.url ?? '/' });
        await sendResponse(response, res);
      } catch {
        // A reset fault, an aborted stall, or a request node could not parse: drop the connection.
        res.destroy();
        req.socket.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
