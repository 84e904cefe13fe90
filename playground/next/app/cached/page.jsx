// Opting in to Next's data cache through `fetchOptions`. Next keys its cache on the request's
// headers too, and an HMAC-signed request carries a fresh timestamp and signature every
// second, so only a dashboard-key client (PLUGIPAY_API_KEY, Bearer: the same headers every
// time) gets cache hits this way. With HMAC keys, cache at the app level instead
// (`unstable_cache` or 'use cache').
import { connection } from 'next/server';
import { fromEnv } from 'plugipay-edge/next';

export default async function CachedCustomersPage() {
  await connection();
  // The dashboard key is passed explicitly (the HMAC pair in the environment would win);
  // the base URL still comes from PLUGIPAY_BASE_URL.
  const client = fromEnv({ apiKey: process.env.PLUGIPAY_API_KEY, fetchOptions: { next: { revalidate: 3600 } } });
  const page = await client.customers.list({ limit: 20 });
  return (
    <main>
      <h1>Customers (cached for an hour)</h1>
      <ul id="customers">
        {page.data.map((customer) => (
          <li key={customer.id} data-customer-id={customer.id}>
            {customer.email}
          </li>
        ))}
      </ul>
    </main>
  );
}
