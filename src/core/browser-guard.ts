/**
 * Keeps secrets out of browser pages and browser workers: an HMAC secret or a dashboard key
 * shipped to either is readable by every visitor. Buyer-facing code uses `plugipay-edge/browser`'s public checkout
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
  const g = globalThis as ServerGlobals & { window?: unknown; document?: unknown };
  if (typeof g.window !== 'object' || g.window === null || typeof g.document !== 'object' || g.document === null) return false;
  if (isServerRuntime(g)) return false;
  if (typeof g.process?.versions?.node === 'string') return /HappyDOM|jsdom/i.test(String(g.navigator?.userAgent ?? ''));
  return true;
}

interface ServerGlobals {
  Deno?: unknown;
  EdgeRuntime?: unknown;
  Bun?: unknown;
  navigator?: { userAgent?: unknown };
  process?: { versions?: { node?: unknown } };
}

/** Deno, Vercel's edge runtime, Bun and workerd, by what each says of itself. */
function isServerRuntime(g: ServerGlobals): boolean {
  return (
    typeof g.Deno !== 'undefined' ||
    typeof g.EdgeRuntime !== 'undefined' ||
    typeof g.Bun !== 'undefined' ||
    String(g.navigator?.userAgent ?? '') === 'Cloudflare-Workers'
  );
}

/**
 * True in a dedicated, shared or service worker of a browser, whose code ships to every visitor
 * like a page's. workerd and Deno define `WorkerGlobalScope` too (workerd's global is a
 * `ServiceWorkerGlobalScope`); only a browser's workers have `importScripts` (a module worker's
 * throws when called, but it is there), and the server runtimes are excluded by name as well.
 */
export function isBrowserWorker(): boolean {
  const g = globalThis as ServerGlobals & { WorkerGlobalScope?: unknown; importScripts?: unknown };
  if (typeof g.WorkerGlobalScope !== 'function' || typeof g.importScripts !== 'function') return false;
  if (!(globalThis instanceof (g.WorkerGlobalScope as new () => object))) return false;
  return !isServerRuntime(g) && typeof g.process?.versions?.node !== 'string';
}

/**
 * Throws `browser_secret` when a secret-holding client is built in a browser page or a browser's
 * worker without the explicit opt-in.
 */
export function assertNoSecretInBrowser(options: SecretHolder | null | undefined): void {
  if (!options || options.dangerouslyAllowBrowser === true) return;
  if (options.secret === undefined && options.apiKey === undefined) return;
  const where = isBrowserPage() ? 'page' : isBrowserWorker() ? 'browser worker' : undefined;
  if (!where) return;
  throw new PlugipayError({
    code: 'browser_secret',
    message:
      `PlugipayClient: this ${where} would expose your secret (secret/apiKey) to every visitor. Call Plugipay from your ` +
      `server and use PublicCheckoutClient from 'plugipay-edge/browser' in the ${where}; pass dangerouslyAllowBrowser: true ` +
      `only if this ${where} is never public`,
  });
}
