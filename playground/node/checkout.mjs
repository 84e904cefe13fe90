#!/usr/bin/env node
// The SDK's main job, end to end, with the public API of the BUILT package (imported by name):
// a customer, a QRIS checkout session in IDR, its payment, the signed webhook that announces it
// (received on a local handler and verified), and the resulting objects listed page by page.
//
// With no credentials it runs against the built-in emulator on 127.0.0.1 and prints the URLs
// of what it made: the session's hosted checkout page and the emulator's dashboard (it opens
// nothing itself; `npm run playground -- --serve` keeps the emulator up to visit them, and
// leaves a second, unpaid session to pay on its hosted page). With PLUGIPAY_KEY_ID
// and PLUGIPAY_SECRET (and optionally PLUGIPAY_BASE_URL) it runs the same steps against that
// server, up to where a real buyer would have to pay.
import { createServer } from 'node:http';
import { PlugipayClient, PlugipayError } from 'plugipay-edge';
import { startEmulatorServer } from 'plugipay-edge/testing/node';
import { verifyWebhookRequest } from 'plugipay-edge/webhooks';

const env = process.env;
const serve = process.argv.includes('--serve');
const live = Boolean(env.PLUGIPAY_KEY_ID && (env.PLUGIPAY_SECRET || env.PLUGIPAY_KEY_SECRET));

function step(name, detail, requestId) {
  console.log(`✓ ${name.padEnd(34)} ${detail}${requestId ? `  (request ${requestId})` : ''}`);
}

/** A local webhook handler: verifies each delivery against the endpoint's secret, then hands it over. */
async function startWebhookReceiver() {
  let secret;
  const received = [];
  let notify;
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
    try {
      const event = await verifyWebhookRequest(request, secret);
      received.push(event);
      res.writeHead(200).end('ok');
      notify?.();
    } catch (error) {
      console.error(`✗ webhook rejected: ${error.code}: ${error.message}`);
      res.writeHead(error instanceof PlugipayError ? error.status : 500).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/webhooks/plugipay`,
    useSecret: (s) => (secret = s),
    /** The first verified event of `type`, waiting for it if it has not arrived yet. */
    async event(type) {
      for (;;) {
        const found = received.find((e) => e.type === type);
        if (found) return found;
        await new Promise((resolve) => (notify = resolve));
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function main() {
  const emulator = live ? null : await startEmulatorServer();
  const client = live
    ? new PlugipayClient({
        keyId: env.PLUGIPAY_KEY_ID,
        secret: env.PLUGIPAY_SECRET ?? env.PLUGIPAY_KEY_SECRET,
        baseUrl: env.PLUGIPAY_BASE_URL,
        onBehalfOf: env.PLUGIPAY_ON_BEHALF_OF,
      })
    : new PlugipayClient({ ...emulator.emulator.credentials, baseUrl: emulator.url });
  console.log(live ? `Plugipay at ${client.baseUrl}` : `Local Plugipay emulator at ${emulator.url} (no credentials needed)`);

  const receiver = await startWebhookReceiver();
  try {
    if (!live) {
      // A real server cannot reach a handler on 127.0.0.1; the emulator can.
      const endpoint = await client.webhookEndpoints
        .create({ url: receiver.url, events: ['plugipay.checkout_session.completed.v1'] })
        .withResponse();
      receiver.useSecret(endpoint.data.secret);
      step('webhook endpoint registered', `${endpoint.data.id} → ${receiver.url}`, endpoint.requestId);
    }

    const customer = await client.customers
      .create({ email: 'ada@example.com', name: 'Ada Lovelace', metadata: { source: 'playground' } })
      .withResponse();
    step('customer created', `${customer.data.id} <${customer.data.email}>`, customer.requestId);

    const session = await client.checkoutSessions
      .create({
        amount: 125_000,
        currency: 'IDR',
        methods: ['qris'],
        customerId: customer.data.id,
        successUrl: 'https://shop.example/thanks',
        cancelUrl: 'https://shop.example/cart',
        lineItems: [{ name: 'Kopi susu', quantity: 5, unitAmount: 25_000 }],
        metadata: { order_id: 'order-001' },
      })
      .withResponse();
    step(
      'checkout session created',
      `${session.data.id} ${session.data.status}, IDR ${session.data.amount} → ${session.data.hostedUrl}`,
      session.requestId,
    );

    if (live) {
      console.log(`… a buyer pays at ${session.data.hostedUrl}; webhooks need a public URL, so this run stops before payment.`);
    } else {
      emulator.emulator.completeCheckout(session.data.id, { method: 'qris' });
      step('buyer paid with QRIS', '(emulated payment)');
      await emulator.emulator.flushWebhooks();
      const event = await receiver.event('plugipay.checkout_session.completed.v1');
      step('signed webhook verified', `${event.type} ${event.id} for ${event.data.object.id}`);
      const paid = await client.checkoutSessions.get(session.data.id).withResponse();
      step(
        'checkout session fetched',
        `${paid.data.id} ${paid.data.status} via ${paid.data.paymentMethod}, payment ${paid.data.paymentId}`,
        paid.requestId,
      );
    }

    // The resulting objects, page by page (one per page, to show the paging).
    let pages = 0;
    for await (const page of client.events.list({ order: 'asc', limit: 1 }).pages()) {
      pages++;
      step(`events page ${pages}`, page.data.map((e) => e.type.replace(/^plugipay\.|\.v1$/g, '')).join(', ') || '(none)', page.requestId);
    }
    const sessions = [];
    for await (const s of client.checkoutSessions.list({ customerId: customer.data.id, limit: 2 })) sessions.push(`${s.id} ${s.status}`);
    step('checkout sessions listed', sessions.join(', '));
    let customers = 0;
    for await (const _ of client.customers.list({ limit: 2 })) customers++;
    step('customers listed', `${customers}`);

    if (!live) {
      const unpaid = await client.checkoutSessions.create({
        amount: 48_000,
        currency: 'IDR',
        methods: ['qris', 'va', 'ewallet'],
        customerId: customer.data.id,
        successUrl: 'https://shop.example/thanks',
        cancelUrl: 'https://shop.example/cart',
        lineItems: [{ name: 'Es teh', quantity: 4, unitAmount: 12_000 }],
      });
      console.log('');
      console.log(`Hosted checkout page (paid):   ${session.data.hostedUrl}`);
      console.log(`Hosted checkout page (unpaid): ${unpaid.hostedUrl}   ← pick QRIS, then "Simulate payment"`);
      console.log(`Dashboard:                     ${emulator.url}/`);
      if (serve) {
        console.log('Serving until Ctrl-C.');
        await new Promise((resolve) => process.once('SIGINT', resolve));
      } else {
        console.log('(these close with this run; `npm run playground -- --serve` keeps them up)');
      }
    }
  } finally {
    await receiver.close();
    await emulator?.close();
  }
  console.log('Done.');
}

main().catch((error) => {
  if (error instanceof PlugipayError) {
    console.error(`✗ ${error.name} ${error.status} ${error.code}: ${error.message} (request ${error.requestId})`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
