/** Which globals count as a browser page, and the `browser_secret` guard of PlugipayClient. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlugipayClient } from '../../src/resources/registry';
import { assertNoSecretInBrowser, isBrowserPage } from '../../src/core/browser-guard';
import { PlugipayError } from '../../src/core/errors';

const page = () => {
  vi.stubGlobal('window', {});
  vi.stubGlobal('document', {});
};

afterEach(() => vi.unstubAllGlobals());

describe('isBrowserPage', () => {
  it('is false in plain Node', () => {
    expect(isBrowserPage()).toBe(false);
  });

  it('is true with window and document and no server runtime', () => {
    page();
    vi.stubGlobal('process', undefined);
    expect(isBrowserPage()).toBe(true);
  });

  it('is false in Deno (Deno 1 defined window), workerd and the edge runtime', () => {
    page();
    vi.stubGlobal('process', undefined);
    vi.stubGlobal('Deno', { env: {} });
    expect(isBrowserPage()).toBe(false);
    vi.stubGlobal('Deno', undefined);
    vi.stubGlobal('EdgeRuntime', 'edge-runtime');
    expect(isBrowserPage()).toBe(false);
    vi.stubGlobal('EdgeRuntime', undefined);
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    expect(isBrowserPage()).toBe(false);
  });

  it('in Node, counts a DOM emulation (happy-dom, jsdom) but not a stray window global', () => {
    page();
    vi.stubGlobal('navigator', { userAgent: 'Node.js/20' });
    expect(isBrowserPage()).toBe(false);
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x64) HappyDOM/21.0.4' });
    expect(isBrowserPage()).toBe(true);
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (linux) jsdom/26.0.0' });
    expect(isBrowserPage()).toBe(true);
  });
});

describe('the browser_secret guard', () => {
  it('throws for a secret or a dashboard key in a page, naming the fix and not the secret', () => {
    page();
    vi.stubGlobal('process', undefined);
    for (const options of [{ keyId: 'pk_1', secret: 'sk_very_secret' }, { apiKey: 'sk_very_secret' }]) {
      let error: unknown;
      try {
        new PlugipayClient(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PlugipayError);
      expect(error).toMatchObject({ code: 'browser_secret', status: 0 });
      expect((error as PlugipayError).message).toMatch(/plugipay-edge\/browser.*dangerouslyAllowBrowser: true/);
      expect(JSON.stringify((error as PlugipayError).toJSON())).not.toContain('sk_very_secret');
    }
  });

  it('lets dangerouslyAllowBrowser: true through, and says nothing outside a page', () => {
    expect(() => new PlugipayClient({ keyId: 'pk_1', secret: 's' })).not.toThrow();
    page();
    vi.stubGlobal('process', undefined);
    expect(() => new PlugipayClient({ keyId: 'pk_1', secret: 's', dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => assertNoSecretInBrowser({})).not.toThrow();
    expect(() => assertNoSecretInBrowser(undefined)).not.toThrow();
  });

  it('checks dangerouslyAllowBrowser is a boolean', () => {
    expect(() => new PlugipayClient({ apiKey: 'k', dangerouslyAllowBrowser: 'yes' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('dangerouslyAllowBrowser') }),
    );
  });
});
