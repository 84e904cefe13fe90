/** The `plugipay-edge/webhooks` entry, bundled with everything it imports, stays within its budget (2 KB gzip). */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs module without types
import { BUDGETS } from '../package/budgets.mjs';

const BUDGET: number = BUDGETS.webhooks.bytes;
const entry = fileURLToPath(new URL('../../src/entries/webhooks.ts', import.meta.url));
const errors = fileURLToPath(new URL('../../src/core/errors.ts', import.meta.url));

async function bundle(options: { entryPoints?: string[]; stdin?: { contents: string; resolveDir: string } }) {
  const result = await build({
    ...options,
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs) };
}

it(`bundles to at most ${BUDGET} bytes (minified, gzip) and pulls in no client code`, async () => {
  const whole = await bundle({ entryPoints: [entry] });
  // The shared error hierarchy alone, to show how the budget splits.
  const shared = await bundle({
    stdin: { contents: `export * from ${JSON.stringify(errors)};`, resolveDir: process.cwd() },
  });
  console.log(
    `plugipay-edge/webhooks: ${whole.raw} B minified, ${whole.gzip} B gzip (budget ${BUDGET} B); ` +
      `of which the error classes alone are ${shared.gzip} B gzip`,
  );
  expect(whole.inputs.filter((f) => /ofetch|valibot|src\/resources\/|src\/core\/(client|transport)/.test(f))).toEqual([]);
  expect(whole.gzip).toBeLessThanOrEqual(BUDGET);
});
