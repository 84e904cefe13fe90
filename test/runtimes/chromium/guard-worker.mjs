/**
 * Runs as a dedicated, a shared and a service worker of the Chromium page (bundled by the
 * runner): a secret-holding PlugipayClient built here must throw browser_secret, as in a page.
 */
import { PlugipayError, PublicCheckoutClient } from 'plugipay-edge/browser';
import * as core from 'plugipay-edge';

function probe(credentials) {
  const result = { scope: globalThis.constructor.name, guarded: 'built', leaked: false, optIn: 'built', publicClient: 'built' };
  try {
    new core.PlugipayClient({ ...credentials, baseUrl: 'http://127.0.0.1:1' });
  } catch (error) {
    result.guarded = error instanceof PlugipayError ? error.code : `${error?.name}: ${error?.message}`;
    result.leaked = String(error?.message).includes(credentials.secret) || JSON.stringify(error).includes(credentials.secret);
    result.message = String(error?.message);
  }
  try {
    new core.PlugipayClient({ ...credentials, baseUrl: 'http://127.0.0.1:1', dangerouslyAllowBrowser: true });
  } catch (error) {
    result.optIn = error?.code ?? String(error);
  }
  try {
    new PublicCheckoutClient({ baseUrl: 'http://127.0.0.1:1' });
  } catch (error) {
    result.publicClient = error?.code ?? String(error);
  }
  return result;
}

// Dedicated and service workers: a message, answered on its port when one is given.
self.addEventListener('message', (event) => (event.ports[0] ?? self).postMessage(probe(event.data)));
// Shared workers: a connection whose port carries the message.
self.addEventListener('connect', (event) => {
  const port = event.ports[0];
  port.onmessage = (message) => port.postMessage(probe(message.data));
});
// A service worker takes control at once, so the page's test needs no reload.
self.addEventListener('install', () => self.skipWaiting?.());
