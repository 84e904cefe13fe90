// Added to the built copy by the suite: the echoing webhook route (../webhook-echo.js) on the
// edge runtime.
import { echoWebhookRoute } from '../webhook-echo.js';

export const runtime = 'edge';

export const { POST } = echoWebhookRoute();
