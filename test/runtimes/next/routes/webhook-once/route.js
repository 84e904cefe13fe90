// Added to the built copy by the suite: createWebhookRoute with exactly-once handling on the
// Node.js runtime (`next start` is one process, so a memory store holds for every request).
// The handler is slow on purpose, so that concurrent deliveries of one event overlap; GET
// reports how many times it ran per event id.
import { createWebhookRoute, memoryDedupe } from 'plugipay-edge/next';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const runs = new Map();

export const { POST } = createWebhookRoute(
  async (event) => {
    runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return Response.json({ processed: event.id });
  },
  { dedupe: memoryDedupe(), retryAfterSec: 5 },
);

export function GET() {
  return Response.json(Object.fromEntries(runs));
}
