// A webhook handler on the edge runtime: verifies the raw body against PLUGIPAY_WEBHOOK_SECRET
// before trusting anything in it. `plugipay-edge/webhooks` carries no HTTP client.
import { PlugipayError, verifyWebhookRequest } from 'plugipay-edge/webhooks';

export const runtime = 'edge';

export async function POST(request) {
  try {
    const event = await verifyWebhookRequest(request, process.env.PLUGIPAY_WEBHOOK_SECRET);
    // Handle the event here (fulfil the order, …), then answer 2xx quickly.
    return Response.json({ received: event.id, type: event.type, runtime: typeof EdgeRuntime === 'string' ? 'edge' : 'node' });
  } catch (error) {
    if (!(error instanceof PlugipayError)) throw error;
    // Signature failures are 401, a signed non-event 400; a missing secret is our own 500.
    const status = error.status >= 400 ? error.status : 500;
    return Response.json({ error: { code: error.code, message: error.message } }, { status });
  }
}
