/**
 * Deno, through `deno test`: the packed package resolved from node_modules by name, a client
 * from `fromEnv()` over `Deno.env` (the runner sets PLUGIPAY_KEY_ID, PLUGIPAY_SECRET and
 * PLUGIPAY_BASE_URL to its emulator), the shared checks one test each, and the `--allow-env` message.
 */
import assert from 'node:assert';
import * as core from 'plugipay-edge';
import * as browser from 'plugipay-edge/browser';
import * as deno from 'plugipay-edge/deno';
import * as testing from 'plugipay-edge/testing';
import * as webhooks from 'plugipay-edge/webhooks';
import { runChecks } from '../shared/checks.mjs';

// The checks share state (the instanceof check reuses earlier errors), so they run once, in order,
// and each outcome becomes its own test.
const result = await runChecks({
  entries: { '.': core, './webhooks': webhooks, './testing': testing, './deno': deno, './browser': browser },
  makeClient: () => deno.fromEnv(),
});
for (const check of result.checks) {
  Deno.test(check.name, () => assert.ok(check.ok, check.detail));
}

Deno.test({
  name: 'deno: without env permission, fromEnv names --allow-env',
  permissions: { env: false, net: false, read: false },
  fn() {
    assert.throws(
      () => deno.fromEnv(),
      (error) =>
        error instanceof core.PlugipayError &&
        error.code === 'env_permission' &&
        /--allow-env=PLUGIPAY_KEY_ID,PLUGIPAY_SECRET/.test(error.message) &&
        error.message.includes('PLUGIPAY_'),
    );
  },
});

Deno.test('deno: Deno is not taken for a browser page, and the options win over Deno.env', () => {
  const client = deno.fromEnv({ baseUrl: 'https://example.test' });
  assert.strictEqual(client.baseUrl, 'https://example.test');
  assert.strictEqual(typeof globalThis.window, 'undefined');
});
