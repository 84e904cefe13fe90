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

/** The entry's bundle, measured as everywhere else in the repository. */
const gzipSize = (entry: string): Promise<{ text: string; raw: number; gzip: number }> => bundledSize(join(ROOT, `dist/${entry}.mjs`));

for (const [entry, budget] of Object.entries(BUDGETS as Record<string, number>)) {
  it(`dist/${entry}.mjs bundles to at most ${budget} B (minified, gzip -9)`, async () => {
    const { raw, gzip } = await gzipSize(entry);
    console.log(`size ${entry}: ${raw} B minified, ${gzip} B gzip (budget ${budget} B)`);
    expect(gzip).toBeLessThanOrEqual(budget);
  });
}

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

it('every import left in dist/ is a package name or a relative chunk (ofetch is bundled, never an absolute path)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  for (const dir of ['dist', 'dist/shared']) {
    for (const name of readdirSync(join(ROOT, dir)).filter((f) => /\.(mjs|cjs)$/.test(f))) {
      const code = readFileSync(join(ROOT, dir, name), 'utf8');
      const specifiers = [
        ...code.matchAll(/^(?:import|export)\b[^;\n]*?from\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g),
      ].map((m) => m[1]!);
      // `server-only` is the Next entry's build-time guard, resolved by Next itself.
      for (const specifier of specifiers) expect(specifier, `${dir}/${name}`).toMatch(/^(\.\.?\/|node:|valibot$|server-only$)/);
    }
  }
});
