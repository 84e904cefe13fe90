// plugipay-edge in Deno: a QRIS checkout end to end. With no PLUGIPAY_KEY_ID in the environment
// it serves the emulator itself with Deno.serve on 127.0.0.1, so it needs no credentials.
//
//   deno run --allow-net=127.0.0.1 --allow-env=PLUGIPAY_KEY_ID,PLUGIPAY_SECRET,PLUGIPAY_KEY_SECRET,PLUGIPAY_API_KEY,PLUGIPAY_BASE_URL,PLUGIPAY_ON_BEHALF_OF,PLUGIPAY_WEBHOOK_SECRET playground/deno/main.ts
import { PublicCheckoutClient } from 'plugipay-edge/browser';
import { fromEnv, PlugipayClient, PlugipayError, verifyWebhookRequest, type WebhookEvent } from 'plugipay-edge/deno';
import { createEmulator } from 'plugipay-edge/testing';

function step(name: string, detail: string) {
  console.log(`✓ ${name.padEnd(30)} ${detail}`);
}

function serve(handler: (request: Request) => Response | Promise<Response>) {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, handler);
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

let live = false;
try {
  live = Boolean(Deno.env.get('PLUGIPAY_KEY_ID'));
} catch {
  // No --allow-env: the emulator needs no environment.
}
const emulator = live ? undefined : createEmulator();
// A signal of its own: Deno warns when a handler listens to a served request's signal.
const api = emulator ? serve((request) => emulator.fetch(new Request(request, { signal: new AbortController().signal }))) : undefined;
// Live: PLUGIPAY_KEY_ID, PLUGIPAY_SECRET, … from Deno.env. Emulator: its own key pair and URL.
const plugipay = emulator ? new PlugipayClient({ ...emulator.credentials, baseUrl: api!.url }) : fromEnv();
console.log(live ? `Plugipay at ${plugipay.baseUrl}` : `Local Plugipay emulator at ${api!.url}, served by Deno (no credentials needed)`);

const events: WebhookEvent[] = [];
let webhookSecret = '';
const receiver = serve(async (request) => {
  try {
    events.push(await verifyWebhookRequest(request, webhookSecret));
    return new Response('ok');
  } catch (error) {
    return new Response(String(error), { status: error instanceof PlugipayError ? error.status || 500 : 500 });
  }
});

try {
  if (emulator) {
    const endpoint = await plugipay.request<{ id: string; secret: string }>({
      method: 'POST',
      path: '/api/v1/webhooks',
      body: { url: `${receiver.url}/webhooks/plugipay`, events: ['plugipay.checkout_session.completed.v1'] },
    });
    webhookSecret = endpoint.secret;
    step('webhook endpoint registered', `${endpoint.id} → ${receiver.url}/webhooks/plugipay`);
  }
  const customer = await plugipay.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' });
  step('customer created', `${customer.id} <${customer.email}>`);
  const session = await plugipay.checkoutSessions.create({
    amount: 125_000,
    currency: 'IDR',
    methods: ['qris'],
    customerId: customer.id,
    successUrl: 'https://shop.example/thanks',
    cancelUrl: 'https://shop.example/cart',
    lineItems: [{ name: 'Kopi susu', quantity: 5, unitAmount: 25_000 }],
  });
  step('checkout session created', `${session.id} ${session.status} → ${session.hostedUrl}`);

  if (emulator) {
    // What the buyer's page does, unsigned.
    const checkout = new PublicCheckoutClient({ baseUrl: api!.url });
    const charge = await checkout.charge(session.id, { method: 'qris' });
    step('buyer charged (public route)', charge.kind === 'instructions' ? charge.instructions.heading : charge.redirectUrl);
    emulator.completeCheckout(session.id, { method: 'qris' });
    await emulator.flushWebhooks();
    const event = events.find((e) => e.type === 'plugipay.checkout_session.completed.v1');
    if (!event) throw new Error('no verified checkout_session.completed webhook');
    step('signed webhook verified', `${event.type} ${event.id}`);
    const paid = await plugipay.checkoutSessions.get(session.id).withResponse();
    step('checkout session fetched', `${paid.data.id} ${paid.data.status} (request ${paid.requestId})`);
  }
  console.log('Done.');
} catch (error) {
  console.error(error instanceof PlugipayError ? `✗ ${error.name} ${error.status} ${error.code}: ${error.message}` : error);
  Deno.exitCode = 1;
} finally {
  await receiver.close();
  await api?.close();
}
