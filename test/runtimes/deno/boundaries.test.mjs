/**
 * Deno proofs of issue 11's host rules, against the packed package: a fetch refused by
 * `--allow-net` is `permission_denied` naming the flag and host (rule 8), and a secret-holding
 * client built inside a Deno worker (which has `WorkerGlobalScope`) is not taken for a browser (rule 9).
 */
import assert from 'node:assert';
import * as core from 'plugipay-edge';

const baseUrl = Deno.env.get('PLUGIPAY_BASE_URL');
const credentials = { keyId: Deno.env.get('PLUGIPAY_KEY_ID'), secret: Deno.env.get('PLUGIPAY_SECRET') };

Deno.test({
  name: 'deno: a fetch refused by --allow-net is permission_denied, names --allow-net=<host:port>, and is not retried',
  // Narrower than the runner's --allow-net=127.0.0.1: the emulator's port is not in it.
  permissions: { net: ['127.0.0.1:1'], env: true, read: true },
  async fn() {
    const client = new core.PlugipayClient({ ...credentials, baseUrl, maxRetries: 2 });
    const error = await client.customers.create({ name: 'Refused' }).catch((e) => e);
    const host = new URL(baseUrl).host;
    assert.ok(error instanceof core.PlugipayError, String(error));
    assert.strictEqual(error.code, 'permission_denied', error.message);
    assert.strictEqual(error.status, 0);
    assert.ok(!(error instanceof core.PlugipayNetworkError));
    assert.strictEqual(core.isRetryable(error), false);
    assert.strictEqual(error.retries, 0);
    assert.ok(error.message.includes(`--allow-net=${host}`), error.message);
  },
});

Deno.test('deno: with the permission, the same call goes through', async () => {
  const client = new core.PlugipayClient({ ...credentials, baseUrl });
  const customer = await client.customers.create({ name: 'Allowed' });
  assert.match(customer.id, /^cus_/);
});

Deno.test('deno: a client with a secret inside a Deno worker is not taken for a browser worker', async () => {
  const worker = new Worker(new URL('./guard-worker.mjs', import.meta.url).href, { type: 'module' });
  const answer = await new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message));
    };
    worker.postMessage(credentials);
  });
  worker.terminate();
  assert.deepStrictEqual(answer, { workerScope: true, built: true });
});
