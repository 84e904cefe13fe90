/**
 * Vercel edge (the Next.js edge runtime): bundled by esbuild with the `edge-light` condition,
 * as Next does, and evaluated in @edge-runtime/vm's EdgeVM, where there is no `process` and no
 * `require`. Exposed as the global `__proof` by the IIFE bundle.
 */
import * as core from 'plugipay-edge';
import * as browser from 'plugipay-edge/browser';
import * as testing from 'plugipay-edge/testing';
import * as webhooks from 'plugipay-edge/webhooks';
import { runChecks } from '../shared/checks.mjs';

export async function prove({ url, credentials }) {
  const result = await runChecks({
    entries: { '.': core, './webhooks': webhooks, './testing': testing, './browser': browser },
    makeClient: () => new core.PlugipayClient({ ...credentials, baseUrl: url }),
    extra: [
      {
        name: 'the edge VM has no process and no require, and is not taken for a browser page',
        async run() {
          // Read off globalThis: a bundler may shim a bare `require` reference.
          if ('process' in globalThis || 'require' in globalThis) throw new Error('process or require is defined');
          new core.PlugipayClient({ ...credentials, baseUrl: url });
          return `EdgeRuntime = ${typeof EdgeRuntime === 'string' ? EdgeRuntime : 'undefined'}`;
        },
      },
    ],
  });
  // Crosses the VM boundary as text.
  return JSON.stringify(result);
}
