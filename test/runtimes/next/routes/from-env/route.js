// Added to the built copy by the suite: fromEnv() of plugipay-edge/next over process.env,
// which the runner points at the emulator with PLUGIPAY_BASE_URL.
import { fromEnv } from 'plugipay-edge/next';

export const runtime = 'nodejs';

export async function GET() {
  const client = fromEnv();
  const page = await client.customers.list({ limit: 100 });
  return Response.json({ baseUrl: client.baseUrl, ids: page.data.map((c) => c.id), requestId: page.requestId });
}
