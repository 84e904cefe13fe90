/**
 * Rule 9: the browser guard covers browser workers, and never takes a server runtime for one.
 * Here the globals of each runtime are imitated; test/runtimes/chromium proves it in real
 * dedicated, shared and service workers, and test/runtimes/deno in a real Deno worker.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBrowserWorker } from '../../src/core/browser-guard';
import { PlugipayClient } from '../../src/resources/registry';

/** A `WorkerGlobalScope` that the current global is an instance of, as inside a worker. */
class WorkerGlobalScope {
  static [Symbol.hasInstance](value: unknown) {
    return value === globalThis;
  }
}

function worker({ importScripts = true, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' } = {}) {
  vi.stubGlobal('WorkerGlobalScope', WorkerGlobalScope);
  if (importScripts) vi.stubGlobal('importScripts', () => undefined);
  vi.stubGlobal('navigator', { userAgent });
  vi.stubGlobal('process', undefined);
}

afterEach(() => vi.unstubAllGlobals());

describe('isBrowserWorker', () => {
  it('is true in a browser worker: WorkerGlobalScope and importScripts, no server runtime', () => {
    worker();
    expect(isBrowserWorker()).toBe(true);
    expect(() => new PlugipayClient({ keyId: 'pk_1', secret: 'sk_live_WORKERSECRET' })).toThrow(
      expect.objectContaining({ code: 'browser_secret', message: expect.stringContaining('browser worker') }),
    );
    expect(() => new PlugipayClient({ keyId: 'pk_1', secret: 'sk_1', dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it('is false in workerd: a WorkerGlobalScope, but no importScripts, and says Cloudflare-Workers', () => {
    worker({ importScripts: false, userAgent: 'Cloudflare-Workers' });
    vi.stubGlobal('ServiceWorkerGlobalScope', WorkerGlobalScope);
    expect(isBrowserWorker()).toBe(false);
    // Even a workerd that defined importScripts is known by its user agent.
    vi.stubGlobal('importScripts', () => undefined);
    expect(isBrowserWorker()).toBe(false);
  });

  it.each([
    ['Deno (whose workers have WorkerGlobalScope)', 'Deno', { env: {} }],
    ['Bun', 'Bun', { version: '1.2.0' }],
    ["Vercel's edge runtime", 'EdgeRuntime', 'edge-runtime'],
  ])('is false in %s', (_, name, value) => {
    worker();
    vi.stubGlobal(name, value);
    expect(isBrowserWorker()).toBe(false);
  });

  it('is false in Node (a worker_threads worker has no WorkerGlobalScope), and with importScripts alone', () => {
    expect(isBrowserWorker()).toBe(false);
    vi.stubGlobal('importScripts', () => undefined);
    expect(isBrowserWorker()).toBe(false);
  });
});
