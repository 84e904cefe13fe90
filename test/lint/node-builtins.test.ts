/**
 * The lint rule that keeps Node out of the SDK: on a copy of the repository's src/ and lint
 * configuration, a planted `import 'node:crypto'` (or a Node global) in src/core makes
 * `eslint` fail, while the same import in a Node-only module passes. The copy lives under
 * .tmp/ inside the repository, so the config's imports resolve from its node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const COPY = join(ROOT, `.tmp/lint-plant-${process.pid}`);

beforeAll(() => {
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(COPY, { recursive: true });
  for (const file of ['src', 'eslint.config.mjs', 'scripts/node-only.mjs', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, file), join(COPY, file), { recursive: true });
});
afterAll(() => rmSync(COPY, { recursive: true, force: true }));

function lint(files: string[]) {
  const out = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--max-warnings', '0', ...files],
    {
      cwd: COPY,
      encoding: 'utf8',
    },
  );
  const report = JSON.parse(out.stdout || '[]') as {
    filePath: string;
    messages: { ruleId: string | null; message: string; line: number }[];
  }[];
  return {
    status: out.status,
    messages: report.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(COPY.length + 1), ...m }))),
  };
}

describe('no Node built-ins or Node globals in src/', () => {
  // One eslint run over three planted files (the suite's lint step covers the real tree).
  let result: ReturnType<typeof lint>;
  beforeAll(() => {
    writeFileSync(
      join(COPY, 'src/core/planted.ts'),
      "import 'node:crypto';\nimport { readFileSync } from 'fs';\nexport const planted = readFileSync;\n",
    );
    writeFileSync(
      join(COPY, 'src/core/planted-globals.ts'),
      [
        "export const a = Buffer.from('x');",
        'export const b = process.env.PLUGIPAY_SECRET;',
        "export const c = require('x');",
        'export const d = __dirname;',
        // Property reads off globalThis are feature detection, not a dependency on Node.
        'export const e = (globalThis as { process?: unknown }).process;',
      ].join('\n'),
    );
    // The same import in a Node-only module (src/testing/node-*) is allowed.
    writeFileSync(
      join(COPY, 'src/testing/node-planted.ts'),
      "import { createHash } from 'node:crypto';\nexport const hash = createHash('sha256').update(Buffer.from('x')).digest('hex') + process.pid;\n",
    );
    result = lint(['src/core/planted.ts', 'src/core/planted-globals.ts', 'src/testing/node-planted.ts']);
  }, 60_000);

  it("a planted `import 'node:crypto'` in src/core fails the lint, naming the fix", () => {
    expect(result.status).toBe(1);
    const mine = result.messages.filter((m) => m.file === 'src/core/planted.ts');
    expect(mine.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['1 no-restricted-imports', '2 no-restricted-imports']);
    expect(mine[0]!.message).toMatch(/runs outside Node.*Node-only module/);
  });

  it('planted Node globals (Buffer, process, require, __dirname) in src/core fail the lint', () => {
    const mine = result.messages.filter((m) => m.file === 'src/core/planted-globals.ts' && m.ruleId === 'no-restricted-globals');
    expect(mine.map((m) => `${m.line} ${m.ruleId}`)).toEqual([1, 2, 3, 4].map((line) => `${line} no-restricted-globals`));
  });

  it('the same import and globals in a Node-only module (src/testing/node-*) pass', () => {
    expect(result.messages.filter((m) => m.file === 'src/testing/node-planted.ts')).toEqual([]);
  });
});
