/**
 * Chromium: a real page on one 127.0.0.1 origin, calling the emulator on another (real CORS).
 * Bundled by esbuild from the packed package; the runner reads `window.__result`.
 */
import * as core from 'plugipay-edge';
import * as browser from 'plugipay-edge/browser';
import * as testing from 'plugipay-edge/testing';
import * as webhooks from 'plugipay-edge/webhooks';
import { runChecks } from '../shared/checks.mjs';

const config = JSON.parse(document.getElementById('config').textContent);
// For the runner's own checks that drive the browser entry from the page (redirect-checks.mjs).
window.__plugipayBrowser = browser;
const { url, credentials, sessionId } = config;

const extra = [
  {
    name: 'chromium: a secret-holding PlugipayClient throws browser_secret in a page',
    async run() {
      try {
        new core.PlugipayClient({ ...credentials, baseUrl: url });
      } catch (error) {
        if (error instanceof browser.PlugipayError && error.code === 'browser_secret' && !error.message.includes(credentials.secret)) {
          return error.message;
        }
        throw error;
      }
      throw new Error('no browser_secret error');
    },
  },
  {
    name: 'chromium: the public checkout client works across origins',
    async run() {
      const checkout = new browser.PublicCheckoutClient({ baseUrl: url });
      const { data, requestId } = await checkout.getSession(sessionId).withResponse();
      if (data.session.id !== sessionId) throw new Error(`got session ${data.session.id}`);
      const missing = await checkout.getSession('cs_missing').catch((e) => e);
      if (!(missing instanceof core.PlugipayError) || missing.status !== 404 || !/^req_/.test(missing.requestId ?? '')) throw missing;
      return `${data.session.id} ${data.session.currency} ${data.session.amount}, methods ${data.methods.join('/')} (request ${requestId}); missing → ${missing.code}`;
    },
  },
  {
    name: 'chromium: one charge in flight per session',
    async run() {
      const checkout = new browser.PublicCheckoutClient({ baseUrl: url });
      const first = checkout.charge(sessionId, { method: 'qris' });
      const again = checkout.charge(sessionId, { method: 'qris' });
      const other = await checkout.charge(sessionId, { method: 'va' }).catch((e) => e);
      if (first !== again) throw new Error('a double click started a second charge');
      if (other?.code !== 'charge_in_progress') throw new Error(`other method: ${other?.code ?? 'resolved'}`);
      const result = await first;
      document.getElementById('shown').textContent = result.kind === 'instructions' ? result.instructions.heading : result.redirectUrl;
      return `${result.kind}; a second method while pending → ${other.code}`;
    },
  },
];

runChecks({
  entries: { '.': core, './browser': browser, './webhooks': webhooks, './testing': testing },
  // Signing works in a page too, when a private page opts in.
  makeClient: () => new core.PlugipayClient({ ...credentials, baseUrl: url, dangerouslyAllowBrowser: true }),
  extra,
}).then(
  (result) => {
    document.getElementById('result').textContent = JSON.stringify(result, null, 2);
    window.__result = result;
  },
  (error) => {
    window.__result = { passed: 0, failed: 1, checks: [{ name: 'page crashed', ok: false, detail: String(error) }] };
  },
);
