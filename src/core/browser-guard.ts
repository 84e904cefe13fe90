/**
 * Keeps secrets out of browser pages: an HMAC secret or a dashboard key shipped to a page is
 * readable by every visitor. Buyer-facing code uses `plugipay-edge/browser`'s public checkout
 * client, which holds no secret at all.
 */
import { PlugipayError } from './errors';

interface SecretHolder {
  secret?: unknown;
  apiKey?: unknown;
  dangerouslyAllowBrowser?: unknown;
}

/**
 * True in a real browser page (and in a DOM emulation such as happy-dom or jsdom, where browser
 * code is tested). Server runtimes never are: Node, workerd and the Vercel/Next edge runtime
 * define no `document`; Deno 1.x defined `window`, so it is excluded by name; a Node process
 * with a DOM polyfill counts only when the polyfill says it emulates a browser.
 */
export function isBrowserPage(): boolean {
  const g = globalThis as {
    window?: unknown;
    document?: unknown;
    Deno?: unknown;
    EdgeRuntime?: unknown;
    navigator?: { userAgent?: unknown };
    process?: { versions?: { node?: unknown } };
  };
  if (typeof g.window !== 'object' || g.window === null || typeof g.document !== 'object' || g.document === null) return false;
  if (typeof g.Deno !== 'undefined' || typeof g.EdgeRuntime !== 'undefined') return false;
  const userAgent = String(g.navigator?.userAgent ?? '');
  if (userAgent === 'Cloudflare-Workers') return false;
  if (typeof g.process?.versions?.node === 'string') return /HappyDOM|jsdom/i.test(userAgent);
  return true;
}

/** Throws `browser_secret` when a secret-holding client is built in a browser page without the explicit opt-in. */
export function assertNoSecretInBrowser(options: SecretHolder | null | undefined): void {
  if (!options || options.dangerouslyAllowBrowser === true) return;
  if (options.secret === undefined && options.apiKey === undefined) return;
  if (!isBrowserPage()) return;
  throw new PlugipayError({
    code: 'browser_secret',
    message:
      'PlugipayClient: this page would expose your secret (secret/apiKey) to every visitor. Call Plugipay from your ' +
      "server and use PublicCheckoutClient from 'plugipay-edge/browser' in the page; pass dangerouslyAllowBrowser: true " +
      'only if this page is never public',
  });
}
