// A webhook handler on the edge runtime: createWebhookRoute verifies the raw body against
// PLUGIPAY_WEBHOOK_SECRET before the handler sees anything, and answers a bad signature with
// 401 and a signed body that is not an event with 400.
import { createWebhookRoute } from 'plugipay-edge/next';

export const runtime = 'edge';

export const { POST } = createWebhookRoute(async (event) => {
  // Handle the event here (fulfil the order, …), then answer 2xx quickly.
  return Response.json({ received: event.id, type: event.type, runtime: typeof EdgeRuntime === 'string' ? 'edge' : 'node' });
});
