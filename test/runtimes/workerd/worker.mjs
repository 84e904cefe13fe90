/**
 * workerd (Cloudflare Workers), without `nodejs_compat`: a Worker built from the packed package
 * whose `/checks` route runs the shared checks with a client from `fromEnv(env)`, plus the
 * Workers entry's own promises (binding errors, workerd-safe fetch options, the webhook handler).
 */
import * as core from 'plugipay-edge';
import * as browser from 'plugipay-edge/browser';
import * as testing from 'plugipay-edge/testing';
import * as webhooks from 'plugipay-edge/webhooks';
import * as workers from 'plugipay-edge/workers';
import { runChecks, WEBHOOK_SECRET } from '../shared/checks.mjs';

const onWebhook = workers.createWebhookHandler((event) => Response.json({ received: event.id }));

function rejects(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

function workerChecks(env, ctx) {
  return [
    {
      name: 'workerd: fromEnv names the missing binding and `wrangler secret put`',
      async run() {
        const error = rejects(() => workers.fromEnv({ PLUGIPAY_KEY_ID: 'pk_test_x' }));
        if (!(error instanceof core.PlugipayError) || error.code !== 'missing_credentials') throw error;
        if (!/PLUGIPAY_SECRET/.test(error.message) || !/wrangler secret put PLUGIPAY_SECRET/.test(error.message))
          throw new Error(error.message);
        return error.message;
      },
    },
    {
      name: 'workerd: fetchOptions.cache is refused when the client is built',
      async run() {
        const error = rejects(() => workers.fromEnv(env, { fetchOptions: { cache: 'no-store' } }));
        if (!(error instanceof workers.PlugipayError) || error.code !== 'invalid_config' || !/cache/.test(error.message)) throw error;
        // Why: workerd itself throws on the cache modes it does not implement (on every mode
        // before compatibility date 2024-11-11).
        const raw = await fetch(`${env.PLUGIPAY_BASE_URL}/api/v1/config`, { cache: 'force-cache' }).then(
          () => 'accepted',
          (e) => String(e),
        );
        if (raw === 'accepted') throw new Error('workerd accepted cache: "force-cache"; revisit the rule');
        return `${error.message} (workerd itself: ${raw})`;
      },
    },
    {
      name: 'workerd: the webhook handler accepts a signed POST, rejects a tampered one and a GET',
      async run() {
        const body = JSON.stringify({
          id: 'evt_w',
          type: 'plugipay.invoice.paid.v1',
          accountId: 'acc_1',
          occurredAt: '2026-01-01T00:00:00Z',
          data: { object: {} },
        });
        const header = await testing.signWebhookPayload(body, WEBHOOK_SECRET);
        const post = (payload) =>
          new Request('https://worker.example/webhooks', { method: 'POST', headers: { 'x-plugipay-signature': header }, body: payload });
        const ok = await onWebhook(post(body), env, ctx);
        const tampered = await onWebhook(post(body.replace('evt_w', 'evt_x')), env, ctx);
        const get = await onWebhook(new Request('https://worker.example/webhooks'), env, ctx);
        const okBody = await ok.json();
        const bad = await tampered.json();
        if (ok.status !== 200 || okBody.received !== 'evt_w') throw new Error(`signed: ${ok.status} ${JSON.stringify(okBody)}`);
        if (tampered.status !== 401 || bad.error.code !== 'signature_invalid')
          throw new Error(`tampered: ${tampered.status} ${JSON.stringify(bad)}`);
        if (get.status !== 405) throw new Error(`GET: ${get.status}`);
        return `200 ${okBody.received}; tampered ${tampered.status} ${bad.error.code}; GET ${get.status}`;
      },
    },
    {
      name: 'workerd: no nodejs_compat globals, and not taken for a browser page',
      async run() {
        for (const name of ['process', 'Buffer', 'require']) if (name in globalThis) throw new Error(`${name} is defined`);
        new core.PlugipayClient({ keyId: 'pk_x', secret: 'sk_x' });
        return `navigator.userAgent = ${navigator.userAgent}`;
      },
    },
  ];
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/webhooks') return onWebhook(request, env, ctx);
    if (url.pathname !== '/checks') return new Response('not found', { status: 404 });
    const result = await runChecks({
      entries: { '.': core, './webhooks': webhooks, './testing': testing, './workers': workers, './browser': browser },
      makeClient: () => workers.fromEnv(env),
      extra: workerChecks(env, ctx),
    });
    return Response.json(result);
  },
};
