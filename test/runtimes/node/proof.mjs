/**
 * Node: the built package imported by name (ESM, and the CJS build through require), with the
 * shared checks. The behaviour itself is covered by the vitest suite against src/.
 */
import { createRequire } from 'node:module';
import * as core from 'plugipay-edge';
import * as browser from 'plugipay-edge/browser';
import * as deno from 'plugipay-edge/deno';
import * as testing from 'plugipay-edge/testing';
import * as webhooks from 'plugipay-edge/webhooks';
import * as workers from 'plugipay-edge/workers';
import { runChecks } from '../shared/checks.mjs';

const require = createRequire(import.meta.url);

export function prove({ url, credentials }) {
  const cjs = require('plugipay-edge');
  return runChecks({
    entries: {
      '.': core,
      './webhooks': webhooks,
      './testing': testing,
      './workers': workers,
      './deno': deno,
      './browser': browser,
      "require('plugipay-edge')": cjs,
    },
    makeClient: () => new core.PlugipayClient({ ...credentials, baseUrl: url }),
    extra: [
      {
        name: 'Node is never taken for a browser page (no browser_secret)',
        async run() {
          new core.PlugipayClient({ ...credentials, baseUrl: url });
          new cjs.PlugipayClient({ ...credentials, baseUrl: url });
        },
      },
      {
        name: 'workers fromEnv works from a plain env object',
        async run() {
          const client = workers.fromEnv({
            PLUGIPAY_KEY_ID: credentials.keyId,
            PLUGIPAY_SECRET: credentials.secret,
            PLUGIPAY_BASE_URL: url,
          });
          const page = await client.customers.list({ limit: 1 });
          return `${page.data.length} customer(s) on the first page`;
        },
      },
    ],
  });
}
