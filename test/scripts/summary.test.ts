/**
 * The suite's last line counts everything that failed. Proven on real output: a vitest run over
 * a planted test file that cannot load (beside one that passes and one that fails), a runner
 * that crashes before it reports, and a step that exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types
import { countRuntime, countStep, countVitest, summarize } from '../../scripts/summary.mjs';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

// Inside the repository, so that `vitest` resolves from its node_modules.
const PLANT = join(ROOT, `.tmp/summary-plant-${process.pid}`);
afterAll(() => rmSync(PLANT, { recursive: true, force: true }));

function plant(files: Record<string, string>) {
  rmSync(PLANT, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(PLANT, file, '..'), { recursive: true });
    writeFileSync(join(PLANT, file), text);
  }
}

describe('a vitest run, from its JSON report', () => {
  it('counts a test file that fails to load as failed, beside the tests that ran', () => {
    plant({
      'vitest.config.mjs': 'export default { test: { include: ["*.test.mjs"] } };',
      'fine.test.mjs':
        "import { it, expect } from 'vitest';\nit('passes', () => expect(1).toBe(1));\nit('fails', () => expect(1).toBe(2));\n",
      'also-fine.test.mjs': "import { it } from 'vitest';\nit('passes too', () => {});\n",
      'broken.test.mjs': "import './no-such-module.mjs';\nimport { it } from 'vitest';\nit('never runs', () => {});\n",
      'throws.test.mjs': "throw new Error('planted: this file throws at load');\n",
    });
    const out = join(PLANT, 'report.json');
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', PLANT, '--reporter=json', `--outputFile.json=${out}`],
      {
        cwd: PLANT,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      },
    );
    expect(run.status).not.toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // vitest's own counts miss the two files that never loaded:
    expect(report.numFailedTests).toBe(1);
    expect(countVitest(report, run.status)).toEqual({ passed: 2, failed: 3 });
  }, 60_000);

  it('counts no report, or a non-zero exit with nothing failed, as one failure', () => {
    expect(countVitest(null, 1)).toEqual({ passed: 0, failed: 1 });
    const clean = { testResults: [{ status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'passed' }] }] };
    expect(countVitest(clean, 0)).toEqual({ passed: 2, failed: 0 });
    expect(countVitest(clean, 1)).toEqual({ passed: 2, failed: 1 });
  });
});

describe('a runtime runner, from its PLUGIPAY_RESULT line', () => {
  it('counts a runner that crashes before reporting as one failure', () => {
    const crashed = spawnSync(process.execPath, ['-e', "console.log('starting'); throw new Error('planted crash')"], { encoding: 'utf8' });
    expect(crashed.status).not.toBe(0);
    expect(countRuntime(crashed.stdout, crashed.status)).toEqual({ passed: 0, failed: 1 });
  });

  it('reads the last result line, and a non-zero exit after a clean report is a failure', () => {
    const ran = spawnSync(
      process.execPath,
      [
        '-e',
        'console.log(\'PLUGIPAY_RESULT {"runtime":"x","passed":1,"failed":0}\'); console.log(\'PLUGIPAY_RESULT {"runtime":"x","passed":7,"failed":0}\'); process.exit(3)',
      ],
      { encoding: 'utf8' },
    );
    expect(countRuntime(ran.stdout, ran.status)).toEqual({ passed: 7, failed: 1 });
    expect(countRuntime('PLUGIPAY_RESULT {"passed":4,"failed":2}\n', 1)).toEqual({ passed: 4, failed: 2 });
    expect(countRuntime('PLUGIPAY_RESULT {not json\n', 0)).toEqual({ passed: 0, failed: 1 });
    expect(countRuntime('PLUGIPAY_RESULT {"passed":4}\n', 0)).toEqual({ passed: 4, failed: 1 });
  });
});

describe('steps and the closing line', () => {
  it('a step that breaks is a failure, and the line sums every result', () => {
    const broke = spawnSync(process.execPath, ['-e', 'process.exit(2)']);
    const results = [countStep(0), countStep(broke.status), { passed: 5, failed: 0 }, countRuntime('', 1)];
    expect(summarize(results)).toEqual({ passed: 6, failed: 2, line: '6 passed, 2 failed', exitCode: 1 });
    expect(summarize([countStep(0)])).toEqual({ passed: 1, failed: 0, line: '1 passed, 0 failed', exitCode: 0 });
  });
});
