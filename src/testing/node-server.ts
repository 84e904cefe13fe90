/**
 * The emulator behind node:http on 127.0.0.1, for the `plugipay-emulator` command, the
 * playground and tests in runtimes that need a real URL. Node-only: it lives in its own entry
 * (`plugipay-edge/testing/node`) so that `plugipay-edge/testing` never pulls in a Node built-in.
 *
 * - The raw request target (`req.url`) is handed to the emulator untouched, so the signature is
 *   checked against the bytes that arrived rather than a re-serialized URL.
 * - The request body is streamed into the emulator on demand: an unsigned request or one over
 *   1 MiB is answered before its body is read, and the connection is then closed.
 * - A body the emulator built itself is written once, with a Content-Length; only scripted
 *   faults (stalled or truncated bodies) are streamed.
 * - A request node cannot parse gets a 400 and a closed socket; nothing a client sends crashes it.
 * - Only the names it listens at are answered (`Host: 127.0.0.1:<port>` or `localhost:<port>`,
 *   plus `allowedHosts`): any other Host is a 421, against DNS rebinding.
 * - The hosted checkout page's scripts (the browser entry and valibot) are served from the
 *   installed package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator, type EmulatorOptions, type PageAssets } from './emulator';
import { hostAllowed, hostRefusal } from './emulator/host-check';
import { knownBody } from './emulator/reply';
import { nodeHmacVerifier } from './node-hmac';

/** Options of {@link startEmulatorServer}: the emulator's options, plus where to listen. */
export interface StartEmulatorServerOptions extends EmulatorOptions {
  /** Serve this emulator instead of creating one from the other options. */
  emulator?: Emulator;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /**
   * `Host` values accepted besides `127.0.0.1:<port>` and `localhost:<port>` (say, a tunnel's
   * or a container's name), as `name:port` or a bare `name`. Any other Host is refused.
   */
  allowedHosts?: string[];
}

/** A running emulator server: its URL, the emulator itself, and `close()`. */
export interface EmulatorServer {
  /** `http://127.0.0.1:<port>`, no trailing slash: the client's `baseUrl`. */
  url: string;
  emulator: Emulator;
  /** Stops listening and drops every open connection (keep-alive ones included). */
  close(): Promise<void>;
}

function refuseHost(req: IncomingMessage, res: ServerResponse, origin: string): void {
  const { status, body, requestId } = hostRefusal(req.headers.host, origin);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    connection: 'close',
  });
  res.end(body);
}

/** Hop-by-hop and length headers: the Request/Response objects manage their own. */
const SKIPPED_HEADERS = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

/** How long a client may go on sending a body the emulator has already answered. */
const EARLY_ANSWER_GRACE_MS = 2000;

function hasBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/** The request body as a pull stream: node reads from the socket only as the emulator asks. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        if (closed) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (!closed) controller.close();
        closed = true;
      });
      req.once('error', (error) => {
        if (!closed) controller.error(error);
        closed = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      closed = true;
      req.pause();
    },
  });
}

/**
 * The `Request` the emulator sees. No signal: a Request built with one follows it through
 * listeners and a finalization registry (about 25 µs here), so the client's going away is
 * passed to `emulator.handle` beside it instead.
 */
function toRequest(req: IncomingMessage, origin: string): Request {
  const headers: [string, string][] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!SKIPPED_HEADERS.has(raw[i]!.toLowerCase())) headers.push([raw[i]!, raw[i + 1]!]);
  }
  // The declared length stays visible to the emulator, which refuses oversized bodies by it.
  const length = req.headers['content-length'];
  if (length !== undefined) headers.push(['content-length', length]);
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
  if (hasBody(req)) {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  // One URL parse: an origin-form target (`/path?q`, the only form a client sends here) is
  // appended to the origin as it is; anything else (absolute-form, `*`) is resolved against it.
  const target = req.url ?? '/';
  return new Request(target.startsWith('/') ? origin + target : new URL(target, origin), init);
}

function headerRecord(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

async function sendResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = headerRecord(response);
  // Answered before the body was read (unsigned, too large). Closing at once could reset the
  // connection before the client reads the answer (unread bytes turn a close into an RST), so
  // node discards what still arrives, and a client that keeps sending is cut off after a grace.
  if (!req.complete && hasBody(req)) {
    res.once('finish', () => {
      if (!req.complete) setTimeout(() => req.socket.destroy(), EARLY_ANSWER_GRACE_MS).unref();
    });
  }
  const body = knownBody(response);
  if (body !== undefined || !response.body) {
    if (response.status !== 204 && response.status !== 304) {
      headers['content-length'] = String(body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    }
    res.writeHead(response.status, headers);
    // A string body goes to node as a string: it is encoded once, into the header block's write
    // (no intermediate Buffer copy).
    res.end(body);
    return;
  }
  // A scripted fault's body (stalled, truncated): streamed as the fault produces it.
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/** Where the built package's files are: beside this module when installed, `dist/` when run from source. */
function packageDist(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '../../dist')]) if (existsSync(join(dir, 'browser.mjs'))) return dir;
  return undefined;
}

/** The hosted checkout page's scripts, read from the installed package once each. */
export function packageAssets(): PageAssets {
  const dist = packageDist();
  const cache = new Map<string, Uint8Array<ArrayBuffer> | undefined>();
  const read = (file: string | undefined) => {
    if (file === undefined || !existsSync(file)) return undefined;
    const bytes = readFileSync(file);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return copy;
  };
  const locate = (name: string): string | undefined => {
    // Only the browser entry and its chunks: a name is never a path of the caller's choosing.
    if (dist && (name === 'browser.mjs' || /^shared\/[\w-]+\.mjs$/.test(name))) return join(dist, name);
    return undefined;
  };
  return (name) => {
    if (!cache.has(name)) {
      try {
        cache.set(name, read(locate(name)));
      } catch {
        cache.set(name, undefined);
      }
    }
    return cache.get(name);
  };
}

export async function startEmulatorServer(options: StartEmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { emulator: given, port = 0, allowedHosts = [], ...emulatorOptions } = options;
  let emulator: Emulator | undefined = given;
  let origin = '';
  const hosts = new Set<string>();

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => {
    if (!hostAllowed(req.headers.host, hosts)) {
      refuseHost(req, res, origin);
      return;
    }
    const aborter = new AbortController();
    // The client went away (or a reset destroyed the socket): let hanging faults stop waiting.
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort(new DOMException('The client closed the connection', 'AbortError'));
    });
    void (async () => {
      try {
        const request = toRequest(req, origin);
        const response = await emulator!.handle(request, { rawTarget: req.url ?? '/', signal: aborter.signal });
        await sendResponse(response, req, res);
      } catch {
        // A reset fault, an aborted stall, or a request node could not parse: drop the connection.
        res.destroy();
        req.socket.destroy();
      }
    })();
  });
  // Bytes that are not HTTP: answer 400 and close, never throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const listening = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${listening}`;
  for (const host of [`127.0.0.1:${listening}`, `localhost:${listening}`, ...allowedHosts]) hosts.add(host.toLowerCase());
  // Created once the origin is known, so seeded sessions get a hostedUrl on this server; the
  // signature check on node:crypto spares a thread-pool job per request (see node-hmac.ts).
  try {
    emulator ??= createEmulator({ pageAssets: packageAssets(), hmacVerifier: nodeHmacVerifier(), ...emulatorOptions, origin });
  } catch (error) {
    // Refused state or seed: the port is not left listening behind the error.
    server.close();
    throw error;
  }

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
