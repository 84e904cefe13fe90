// The server-side client, configured from the environment at request time (never at import
// time, never in a client component: the secret stays on the server).
import { PlugipayClient } from 'plugipay-edge';

/** HMAC-signed client: PLUGIPAY_KEY_ID + PLUGIPAY_SECRET (+ PLUGIPAY_BASE_URL for the emulator). */
export function plugipay(options = {}) {
  return new PlugipayClient({
    keyId: process.env.PLUGIPAY_KEY_ID,
    secret: process.env.PLUGIPAY_SECRET ?? process.env.PLUGIPAY_KEY_SECRET,
    baseUrl: process.env.PLUGIPAY_BASE_URL,
    ...options,
  });
}
