/**
 * The server the boundary tests send to: a raw node:http server on 127.0.0.1 that answers every
 * request with an empty success envelope and counts what arrived, so "refused before any
 * request" is asserted from the server's side, not assumed.
 */
import { PlugipayClient, type ClientOptions } from '../../src/entries/index';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

export const SECRET = 'sk_test_boundaries';
export const KEY_ID = 'pk_test_boundaries';

export async function startCountingServer(): Promise<RawServer> {
  return startRawServer((req, res) => {
    // List routes want an array; everything else takes an object.
    const list = req.method === 'GET' && !/\/(pk|cus|inv)_|\/x_1/.test(req.target);
    sendJson(res, 200, envelope(list ? [] : {}));
  });
}

export function clientFor(server: RawServer, options: Partial<ClientOptions> = {}): PlugipayClient {
  return new PlugipayClient({ keyId: KEY_ID, secret: SECRET, baseUrl: server.url, ...options });
}
