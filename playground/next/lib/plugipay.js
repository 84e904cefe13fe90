// The server-side client, configured from the environment when it is called (never at import
// time). `plugipay-edge/next` is the entry for Next.js server code: importing it from a
// client component fails `next build`, so the secret cannot end up in a browser chunk.
import { fromEnv } from 'plugipay-edge/next';

/** HMAC-signed client: PLUGIPAY_KEY_ID + PLUGIPAY_SECRET (+ PLUGIPAY_BASE_URL for the emulator). */
export function plugipay(options = {}) {
  return fromEnv(options);
}
