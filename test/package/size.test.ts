/**
 * Size budgets of the BUILT entries, each bundled with everything it imports (valibot
 * included): esbuild --bundle --minify --format=esm, then gzip level 9.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

// @ts-expect-error: a plain .mjs module without types
import { BUDGETS } from './budgets.mjs';
// @ts-expect-error: a plain .mjs module without types
import { bundledSize } from '../../scripts/bundle-size.mjs';

type Budget = { entry: string; only?: string[]; bytes: number };
type Bundle = { text: string; raw: number; gzip: number };

/** The entry's bundle (or an app's that imports only `only` from it), measured as everywhere else in the repository. */
const gzipSize = (entry: string, only?: string[]): Promise<Bundle> => bundledSize(join(ROOT, `dist/${entry}.mjs`), only);

for (const [name, { entry, only, bytes }] of Object.entries(BUDGETS as Record<string, Budget>)) {
  const what = only ? `{ ${only.join(', ')} } from dist/${entry}.mjs` : `dist/${entry}.mjs`;
  it(`${what} bundles to at most ${bytes} B (minified, gzip -9)`, async () => {
    const { raw, gzip } = await gzipSize(entry, only);
    console.log(`size ${name}: ${raw} B minified, ${gzip} B gzip (budget ${bytes} B)`);
    expect(gzip).toBeLessThanOrEqual(bytes);
  });
}

it('the client budget measures the client with every namespace, and nothing of webhooks or exactly-once handling', async () => {
  const { text } = await gzipSize('index', ['PlugipayClient']);
  // Paths of the first and last namespaces of the registry, and of one in the middle.
  for (const path of ['/api/v1/customers', '/api/v1/admin/', '/api/v1/webhooks/deliveries']) expect(text.includes(path), path).toBe(true);
  // Webhook verification's header parsing and handleOnce's messages stay out (and are in the whole entry).
  const whole = (await gzipSize('index')).text;
  for (const marker of ['x-plugipay-signature', 'handleOnce']) {
    expect(text.includes(marker), marker).toBe(false);
    expect(whole.includes(marker), marker).toBe(true);
  }
});

it('dist/webhooks.mjs carries no ofetch (and the core does: the marker is real)', async () => {
  // ofetch's error class names itself (a string a minifier keeps), and its retry options are read by name.
  for (const marker of ['"FetchError"', 'retryStatusCodes']) {
    expect((await gzipSize('webhooks')).text).not.toContain(marker);
    expect((await gzipSize('index')).text).toContain(marker);
  }
});

it('ofetch is bundled without ufo and destr (reached only for options the transport never passes)', async () => {
  for (const entry of ['index', 'browser']) {
    const { text } = await gzipSize(entry);
    expect(text).toContain('plugipay-edge bundles ofetch without ufo and destr');
  }
});

it('every import left in dist/ is a Node built-in, server-only or a relative chunk (ofetch and valibot are bundled, never an absolute path)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  for (const dir of ['dist', 'dist/shared']) {
    for (const name of readdirSync(join(ROOT, dir)).filter((f) => /\.(mjs|cjs)$/.test(f))) {
      const code = readFileSync(join(ROOT, dir, name), 'utf8');
      const specifiers = [
        ...code.matchAll(/^(?:import|export)\b[^;\n]*?from\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g),
      ].map((m) => m[1]!);
      // `server-only` is the Next entry's build-time guard, resolved by Next itself. valibot is
      // bundled (rollup.config.mjs says why): no built file imports it at run time.
      for (const specifier of specifiers) expect(specifier, `${dir}/${name}`).toMatch(/^(\.\.?\/|node:|server-only$)/);
    }
  }
});
