// Added to the built copy by the suite: an HMAC-signed list with the data-cache opt-in. Next keys
// its data cache on the request headers, and every signed request carries a fresh timestamp
// and signature, so this opt-in cannot hit across seconds; the runner checks that the README's
// advice (dashboard key, or cache at the app level) is still needed.
import { PlugipayClient } from 'plugipay-edge';

export async function GET() {
  const client = new PlugipayClient({
    keyId: process.env.PLUGIPAY_KEY_ID,
    secret: process.env.PLUGIPAY_SECRET,
    baseUrl: process.env.PLUGIPAY_BASE_URL,
    fetchOptions: { next: { revalidate: 3600 } },
  });
  const page = await client.customers.list({ limit: 100 });
  return Response.json(page.data.map((c) => c.id));
}
