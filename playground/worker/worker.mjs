// A Cloudflare Worker using plugipay-edge: POST /checkout creates a customer and a QRIS
// checkout session with a client from the Worker's bindings; GET /checkout does the same and
// redirects the buyer to the session's hostedUrl (against the emulator: its own hosted page,
// not plugipay.com); POST /webhooks/plugipay verifies
// Plugipay's signed webhooks. Deploy it with wrangler (`wrangler secret put PLUGIPAY_SECRET`, …);
// `npm run playground:worker` runs it locally in workerd against the emulator.
import { createWebhookHandler, fromEnv, PlugipayError } from 'plugipay-edge/workers';

const onWebhook = createWebhookHandler(async (event) => {
  // Fulfil the order here. The body was verified against PLUGIPAY_WEBHOOK_SECRET first.
  console.log(`worker: verified webhook ${event.type} ${event.id}`);
  return Response.json({ received: event.id });
});

async function createCheckout(env) {
  const plugipay = fromEnv(env);
  const customer = await plugipay.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' });
  const session = await plugipay.checkoutSessions
    .create({
      amount: 125_000,
      currency: 'IDR',
      methods: ['qris'],
      customerId: customer.id,
      successUrl: 'https://shop.example/thanks',
      cancelUrl: 'https://shop.example/cart',
      lineItems: [{ name: 'Kopi susu', quantity: 5, unitAmount: 25_000 }],
    })
    .withResponse();
  return Response.json({
    customerId: customer.id,
    sessionId: session.data.id,
    hostedUrl: session.data.hostedUrl,
    requestId: session.requestId,
  });
}

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    try {
      if (pathname === '/webhooks/plugipay') return await onWebhook(request, env, ctx);
      if (pathname === '/checkout' && request.method === 'POST') return await createCheckout(env);
      if (pathname === '/checkout' && request.method === 'GET') {
        // The buyer goes to the hosted page; 303 so the browser GETs it.
        const { hostedUrl } = await (await createCheckout(env)).json();
        return Response.redirect(hostedUrl, 303);
      }
      return new Response('not found', { status: 404 });
    } catch (error) {
      if (!(error instanceof PlugipayError)) throw error;
      return Response.json({ error: error.toJSON() }, { status: error.status >= 400 ? error.status : 500 });
    }
  },
};
