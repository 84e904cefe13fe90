/**
 * The README's vitest recipe (the block that imports from 'vitest' and gives the emulator a
 * `webhookFetch`) runs as written and passes: readme.test.ts only compiles blocks, and a recipe
 * whose tests fail would teach the wrong thing. The block is copied to .tmp with its package
 * imports pointed at src/ and 'vitest' at a shim that collects its tests, which then run here,
 * in order, each after the block's beforeEach hooks.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const recipe = [...README.matchAll(/^```ts\n([^]*?)^```$/gm)]
  .map((m) => m[1]!)
  .find((code) => /from 'vitest'/.test(code) && /webhookFetch/.test(code));

const SHIM = `import { expect } from 'vitest';
export { expect };
export const collected = { tests: [], beforeEach: [] };
export const it = (name, fn) => collected.tests.push({ name, fn });
export const test = it;
export const beforeEach = (fn) => collected.beforeEach.push(fn);
`;

it('the README has a vitest recipe that uses webhookFetch', () => {
  expect(recipe).toBeDefined();
  expect(recipe).toMatch(/createEmulator\(/);
  expect(recipe).toMatch(/retryAfterMs: 0/);
});

it('each of its tests passes', async () => {
  const dir = join(ROOT, '.tmp', 'readme-recipe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vitest-shim.mjs'), SHIM);
  const entries: Record<string, string> = {
    'plugipay-edge': 'index',
    'plugipay-edge/testing': 'testing',
    'plugipay-edge/webhooks': 'webhooks',
  };
  const code = recipe!
    .replace(/from 'vitest'/, `from ${JSON.stringify(pathToFileURL(join(dir, 'vitest-shim.mjs')).href)}`)
    .replace(/from '(plugipay-edge(?:\/\w+)?)'/g, (_, name: string) => {
      const entry = entries[name];
      if (!entry) throw new Error(`the recipe imports ${name}: add it to this test`);
      return `from ${JSON.stringify(join(ROOT, 'src/entries', `${entry}.ts`))}`;
    });
  const file = join(dir, 'recipe.ts');
  writeFileSync(file, code);
  await import(/* @vite-ignore */ pathToFileURL(file).href);
  const { collected } = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'vitest-shim.mjs')).href)) as {
    collected: { tests: { name: string; fn: () => Promise<void> }[]; beforeEach: (() => void)[] };
  };
  expect(collected.tests.length).toBeGreaterThanOrEqual(2);
  for (const { name, fn } of collected.tests) {
    for (const hook of collected.beforeEach) await hook();
    await expect(fn(), name).resolves.toBeUndefined();
  }
});
