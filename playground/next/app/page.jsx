// A server component listing customers. `connection()` makes the page render per request
// (otherwise `next build` would prerender it once, with build-time data). The SDK's GETs are
// not put in Next's data cache: Next 15+ leaves fetch uncached unless asked, and the client
// asks only when you pass `fetchOptions` (see app/cached/page.jsx).
import { connection } from 'next/server';
import { plugipay } from '../lib/plugipay';

export default async function CustomersPage() {
  await connection();
  const page = await plugipay().customers.list({ limit: 20 });
  return (
    <main>
      <h1>Customers</h1>
      <p>
        {page.data.length} customer(s), request <code id="request-id">{page.requestId}</code>
      </p>
      <ul id="customers">
        {page.data.map((customer) => (
          <li key={customer.id} data-customer-id={customer.id}>
            {customer.name ?? '(no name)'} &lt;{customer.email}&gt;
          </li>
        ))}
      </ul>
    </main>
  );
}
