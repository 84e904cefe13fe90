// Shared by the webhook-edge and webhook-node routes (a module, not a route: Next serves only
// route.js files): createWebhookRoute with the secret from PLUGIPAY_WEBHOOK_SECRET. The handler
// echoes what it saw, so the runner can tell a verified event (200) from the route's own
// 204/400/401 answers, and on which runtime it ran.
import { createWebhookRoute } from 'plugipay-edge/next';

export const echoWebhookRoute = () =>
  createWebhookRoute(async (event, request) => {
    if (event.type === 'plugipay.invoice.paid.v1') return; // nothing to say: 204
    return Response.json({
      received: event.id,
      type: event.type,
      runtime: typeof EdgeRuntime === 'string' ? 'edge' : 'node',
      url: new URL(request.url).pathname,
    });
  });
