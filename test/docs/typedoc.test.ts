/**
 * `npm run docs` fails on what it is meant to catch. On a copy of the sources and the TypeDoc
 * configuration (under .tmp/, so that typedoc and its plugin resolve from the repository's
 * node_modules), an exported function without a doc comment and an option without one each make
 * TypeDoc fail with a message naming them.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const COPY = join(ROOT, `.tmp/typedoc-plant-${process.pid}`);
afterAll(() => rmSync(COPY, { recursive: true, force: true }));

function copy(plant: string) {
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(join(COPY, 'scripts'), { recursive: true });
  for (const file of ['src', 'docs', 'typedoc.json', 'tsconfig.json', 'tsconfig.docs.json', 'package.json', 'scripts/typedoc-options.mjs', 'README.md']) {
    cpSync(join(ROOT, file), join(COPY, file), { recursive: true });
  }
  appendFileSync(join(COPY, 'src/entries/webhooks.ts'), `\n${plant}\n`);
  const out = spawnSync(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none', '--logLevel', 'Warn'], { cwd: COPY, encoding: 'utf8' });
  return { status: out.status, text: (out.stdout + out.stderr).replace(ANSI_COLOR, '') };
}

it('an exported function without a doc comment fails the API reference build', () => {
  const { status, text } = copy('export function plantedUndocumented(): number { return 1; }');
  expect(status).not.toBe(0);
  expect(text).toMatch(/plantedUndocumented \((Function|CallSignature)\), defined in .*, does not have any documentation/);
  // The real sources add nothing to the complaint.
  expect(text.match(/does not have any documentation/g)).toHaveLength(1);
}, 120_000);

it('an option without a doc comment fails it too', () => {
  const { status, text } = copy('/** Options of nothing in particular. */\nexport interface PlantedOptions { retries?: number }');
  expect(status).not.toBe(0);
  expect(text).toContain('PlantedOptions.retries: an option without a doc comment');
  expect(text).toMatch(/Found 0 errors and 1 warnings/);
}, 120_000);
