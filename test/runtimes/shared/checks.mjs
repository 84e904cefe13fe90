/**
 * The checks every runtime proof runs, written once and loaded unchanged in Node, the edge VM,
 * workerd, Deno, Chromium and Next.js. It imports nothing: each runtime imports the BUILT
 * package by name and hands the entry modules in, so this file proves nothing about resolution
 * and everything about behaviour.
 *
 * The local server it talks to is the emulator, started by the runner with `STALL_PATH` set to
 * hang (see `support/fixtures.mjs`) and a webhook secret of `WEBHOOK_SECRET`.
 */

/** A GET on this path never answers: the timeout check's request. */
export const STALL_PATH = '/api/v1/customers/cus_stall';
export const WEBHOOK_SECRET = 'whsec_runtime_checks';

class CheckFailed extends Error {}

function expect(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new CheckFailed('expected a rejection, got a result');
}

function describe(error) {
  return error ? `${error.name} ${error.code ?? ''} ${error.message}`.trim() : String(error);
}

/**
 * @param {object} ctx
 * @param {Record<string, any>} ctx.entries  entry modules by subpath: '.', './webhooks', './testing', plus the runtime's own
 * @param {() => any} ctx.makeClient  how this runtime builds a signed client (fromEnv, or options)
 * @param {{ name: string, run: () => Promise<string | void> }[]} [ctx.extra]  runtime-specific checks
 * @returns {Promise<{ passed: number, failed: number, checks: { name: string, ok: boolean, detail: string }[] }>}
 */
export async function runChecks({ entries, makeClient, extra = [] }) {
  const core = entries['.'];
  const webhooks = entries['./webhooks'];
  const testing = entries['./testing'];
  const withErrors = Object.entries(entries).filter(([, m]) => typeof m.PlugipayError === 'function');
  const seen = {};

  const checks = [
    {
      name: 'a signed request is verified by the local server',
      async run() {
        const client = makeClient();
        const created = await client.customers.create({ email: 'ada@example.com', name: 'Ada' }).withResponse();
        const fetched = await client.customers.get(created.data.id).withResponse();
        expect(fetched.data.id === created.data.id, `fetched ${fetched.data.id}, created ${created.data.id}`);
        expect(/^req_/.test(fetched.requestId ?? ''), `request id ${fetched.requestId}`);
        expect(/^idem_/.test(created.idempotencyKey ?? ''), `idempotency key ${created.idempotencyKey}`);
        return `${created.data.id} (request ${fetched.requestId})`;
      },
    },
    {
      name: 'an error envelope becomes a PlugipayError with its request id',
      async run() {
        const error = await rejection(makeClient().customers.get('cus_does_not_exist'));
        seen.api = error;
        expect(error instanceof core.PlugipayError, `not a PlugipayError: ${describe(error)}`);
        expect(error.status === 404 && error.code === 'not_found', `got ${error.status} ${error.code}`);
        expect(/^req_/.test(error.requestId ?? ''), `request id ${error.requestId}`);
        return `${error.status} ${error.code} (request ${error.requestId})`;
      },
    },
    {
      name: 'a timeout becomes a PlugipayTimeoutError',
      async run() {
        const started = Date.now();
        const error = await rejection(makeClient().customers.get(STALL_PATH.split('/').pop(), { timeoutMs: 300 }));
        seen.timeout = error;
        expect(error instanceof core.PlugipayTimeoutError, `not a PlugipayTimeoutError: ${describe(error)}`);
        expect(error.code === 'timeout' && error.status === 0, `got ${error.status} ${error.code}`);
        expect(error.message === 'Plugipay request timed out after 0.3s', `message ${error.message}`);
        return `${error.message} (${Date.now() - started} ms)`;
      },
    },
    {
      name: 'a signed webhook verifies and a tampered one is rejected',
      async run() {
        const body = JSON.stringify({
          id: 'evt_runtime',
          type: 'plugipay.checkout_session.completed.v1',
          accountId: 'acc_1',
          occurredAt: new Date().toISOString(),
          data: { object: { id: 'cs_1', amount: 125000 } },
        });
        const header = await testing.signWebhookPayload(body, WEBHOOK_SECRET);
        const event = await webhooks.verifyWebhook(body, header, WEBHOOK_SECRET);
        expect(event.id === 'evt_runtime', `event ${event.id}`);
        const request = new Request('https://merchant.example/webhooks', {
          method: 'POST',
          headers: { 'X-Plugipay-Signature': header },
          body,
        });
        expect((await webhooks.verifyWebhookRequest(request, WEBHOOK_SECRET)).id === 'evt_runtime', 'Request form did not verify');
        const error = await rejection(webhooks.verifyWebhook(body.replace('125000', '1'), header, WEBHOOK_SECRET));
        seen.signature = error;
        expect(error instanceof webhooks.PlugipaySignatureError, `not a PlugipaySignatureError: ${describe(error)}`);
        expect(error.code === 'signature_invalid' && error.status === 401, `got ${error.status} ${error.code}`);
        expect(!JSON.stringify(error.toJSON()).includes(WEBHOOK_SECRET), 'the secret leaked into the error');
        return `${event.type} verified; tampered: ${error.code}`;
      },
    },
    {
      name: 'errors are instanceof the classes of every entry',
      async run() {
        expect(seen.api && seen.timeout && seen.signature, 'an earlier check did not produce its error');
        for (const [name, m] of withErrors) {
          expect(seen.api instanceof m.PlugipayError, `API error is not ${name} PlugipayError`);
          expect(seen.signature instanceof m.PlugipayError, `signature error is not ${name} PlugipayError`);
          expect(seen.signature instanceof m.PlugipaySignatureError, `signature error is not ${name} PlugipaySignatureError`);
          if (m.PlugipayTimeoutError) {
            expect(seen.timeout instanceof m.PlugipayTimeoutError, `timeout is not ${name} PlugipayTimeoutError`);
            expect(!(seen.timeout instanceof m.PlugipayNetworkError), `timeout is ${name} PlugipayNetworkError`);
            expect(!(seen.api instanceof m.PlugipayTimeoutError), `API error is ${name} PlugipayTimeoutError`);
          }
        }
        return withErrors.map(([name]) => name).join(', ');
      },
    },
    ...extra,
  ];

  const results = [];
  for (const check of checks) {
    try {
      const detail = await check.run();
      results.push({ name: check.name, ok: true, detail: detail ?? '' });
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: error instanceof CheckFailed ? error.message : describe(error) });
    }
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, checks: results };
}

/** One line per check, then the machine-readable line `scripts/test.mjs` parses. */
export function formatReport(runtime, result) {
  const lines = result.checks.map((c) => `${c.ok ? '✓' : '✗'} [${runtime}] ${c.name}${c.detail ? `: ${c.detail}` : ''}`);
  lines.push(`PLUGIPAY_RESULT ${JSON.stringify({ runtime, passed: result.passed, failed: result.failed })}`);
  return lines.join('\n');
}
