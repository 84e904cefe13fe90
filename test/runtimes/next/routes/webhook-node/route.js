// Added to the built copy by the suite: the echoing webhook route (../webhook-echo.js) on the
// Node.js runtime.
import { echoWebhookRoute } from '../webhook-echo.js';

export const runtime = 'nodejs';

export const { POST } = echoWebhookRoute();
