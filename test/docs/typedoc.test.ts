/**
 * `npm run docs` fails on what it is meant to catch. A small project under .tmp/ (so that
 * typedoc and the plugin resolve from the repository's node_modules) is documented with the
 * repository's own typedoc.json settings, only its entry point swapped: an exported function
 * without a doc comment fails the build, and so does an option without one, an input type shown
 * as an unexpanded `Omit<…>`, an input field without a doc, and a name documented twice. The
 * suite's docs step runs the same settings over the real entries.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const DIR = join(ROOT, `.tmp/typedoc-plant-${process.pid}`);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function typedoc(source: string) {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const settings = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8'));
  const config = {
    ...settings,
    entryPoints: ['entry.ts'],
    tsconfig: 'tsconfig.json',
    projectDocuments: [],
    plugin: [join(ROOT, 'scripts/typedoc-options.mjs')],
  };
  writeFileSync(join(DIR, 'typedoc.json'), JSON.stringify(config));
  writeFileSync(
    join(DIR, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', types: [] },
      files: ['entry.ts'],
    }),
  );
  writeFileSync(join(DIR, 'entry.ts'), `/**\n * The entry.\n * @module\n */\n\n${source}\n`);
  const out = spawnSync(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none', '--logLevel', 'Warn'], {
    cwd: DIR,
    encoding: 'utf8',
  });
  return { status: out.status, text: (out.stdout + out.stderr).replace(ANSI_COLOR, '') };
}

it('the settings pass a documented project (the control)', () => {
  const { status, text } = typedoc(
    '/** Adds one. */\nexport function documented(n: number): number { return n + 1; }\n/** Options. */\nexport interface GoodOptions {\n  /** How many; default 1. */\n  count?: number;\n}',
  );
  expect({ status, text }).toEqual({ status: 0, text: '' });
}, 180_000);

it('an exported function without a doc comment fails the build', () => {
  const { status, text } = typedoc('export function plantedUndocumented(): number { return 1; }');
  expect(status).not.toBe(0);
  expect(text).toMatch(/plantedUndocumented \((Function|CallSignature)\), defined in .*, does not have any documentation/);
}, 180_000);

it('an option without a doc comment fails it too', () => {
  const { status, text } = typedoc('/** Options of nothing in particular. */\nexport interface PlantedOptions { retries?: number }');
  expect(status).not.toBe(0);
  expect(text).toContain('PlantedOptions.retries: an option without a doc comment');
}, 180_000);

it('an input shown as Omit<…>, an input field without a doc, and a name documented twice fail it too', () => {
  const { status, text } = typedoc(
    [
      'interface RefundFields {\n  /** Amount, minor units. */\n  amount: number;\n  /** Why. */\n  reason?: string;\n  /** Internal. */\n  note?: string;\n}',
      "/** What refunds.create takes. */\nexport type PlantedCreateInput = Omit<RefundFields, 'note'>;",
      '/** Filters. */\nexport interface PlantedListParams {\n  /** Page size. */\n  limit?: number;\n  cursor?: string;\n}',
      '/** A schema. */\nexport const PlantedTwice = () => 1;\n/** Its type. */\nexport type PlantedTwice = number;',
    ].join('\n'),
  );
  expect(status).not.toBe(0);
  expect(text).toContain('PlantedCreateInput: an input type shown as Omit<…>');
  expect(text).toContain('PlantedListParams.cursor: an input field without a doc comment');
  expect(text).toMatch(/PlantedTwice is documented twice/);
}, 180_000);
