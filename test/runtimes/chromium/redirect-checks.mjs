/**
 * Rule 5 in a real browser: the page's fetch runs with `redirect: 'manual'`, so a 307 comes back
 * as an opaque redirect (status 0) and the SDK fails with `unexpected_redirect` while the origin
 * it pointed to receives nothing. Two servers on 127.0.0.1: one that redirects (with CORS
 * headers, as a misconfigured proxy would send) and one that counts what reaches it.
 */
import { createServer } from 'node:http';

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

/** The redirecting server and the counting target. */
export async function startRedirectServers() {
  let reached = 0;
  const target = await listen((req, res) => {
    reached++;
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' }).end('{"data":{"stolen":true}}');
  });
  const redirector = await listen((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    res.writeHead(307, { ...cors, location: `${target.url}/steal${req.url}` }).end();
  });
  return {
    url: redirector.url,
    reached: () => reached,
    close: () => Promise.all([redirector, target].map(({ server }) => new Promise((r) => server.close(r)))),
  };
}

/** In the page: the public checkout client against the redirecting server. */
async function tryRedirect(baseUrl) {
  const { PublicCheckoutClient } = window.__plugipayBrowser;
  const client = new PublicCheckoutClient({ baseUrl });
  const read = await client.getSession('cs_1').then(
    () => ({ resolved: true }),
    (e) => ({ code: e.code, status: e.status, name: e.name }),
  );
  const write = await client.charge('cs_1', { method: 'qris' }).then(
    () => ({ resolved: true }),
    (e) => ({ code: e.code, status: e.status, name: e.name }),
  );
  return { read, write };
}

export async function redirectChecks(tab, servers) {
  const result = await tab.evaluate(tryRedirect, servers.url);
  const refused = (r) => r.code === 'unexpected_redirect' && r.status === 0 && r.name === 'PlugipayError';
  return [
    {
      name: 'chromium: a 307 is an opaque redirect (status 0) → unexpected_redirect, for a GET and a POST; nothing reaches the other origin',
      ok: refused(result.read) && refused(result.write) && servers.reached() === 0,
      detail: `GET → ${JSON.stringify(result.read)}, POST → ${JSON.stringify(result.write)}, requests at the other origin: ${servers.reached()}`,
    },
  ];
}
