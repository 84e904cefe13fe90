'use client';
// The mistake the guard exists for: a client component that imports the server entry, which
// would ship the key and secret in a browser chunk. `next build` must refuse it. It imports
// only a name the entry re-exports from a shared chunk: with `"sideEffects": false` a bundler
// could skip the entry file (and its `import 'server-only'`) for such a name, which is why
// package.json lists the entry in `sideEffects`.
import { PlugipayClient } from 'plugipay-edge/next';

export function PayButton() {
  const pay = () =>
    new PlugipayClient({ keyId: process.env.NEXT_PUBLIC_KEY_ID, secret: process.env.NEXT_PUBLIC_SECRET }).checkoutSessions.list();
  return <button onClick={pay}>Pay</button>;
}
