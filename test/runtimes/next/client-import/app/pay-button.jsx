'use client';
// The mistake the guard exists for: a client component that imports the server entry, which
// would ship the key and secret in a browser chunk. `next build` must refuse it.
import { fromEnv } from 'plugipay-edge/next';

export function PayButton() {
  return <button onClick={() => fromEnv().checkoutSessions.create({})}>Pay</button>;
}
