#!/usr/bin/env node
// The whole test suite, as CI runs it: build, type-check, then every runner in turn. Each
// runner reports its own pass/fail counts; the last line sums them as `N passed, N failed`
// and the exit code is non-zero when anything failed (or a runner broke before counting).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const TMP = '.tmp/test-results';
rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** A step that is one check: it passes or fails as a whole. */
function step(name, cmd, args) {
  console.log(`\n── ${name} ──`);
  const ok = run(cmd, args) === 0;
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

/** A vitest project, counted test by test from its JSON report. */
function vitest(name, args = []) {
  console.log(`\n── ${name} ──`);
  const out = `${TMP}/${name}.json`;
  const status = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
    return { name, passed: report.numPassedTests, failed };
  } catch {
    return { name, passed: 0, failed: 1 };
  }
}

const results = [];
results.push(step('build', 'npx', ['rollup', '-c', '--silent']));
results.push(step('typecheck', 'npx', ['tsc', '-p', '.']));
results.push(step('typecheck (Node-only modules)', 'npx', ['tsc', '-p', 'tsconfig.node.json']));
results.push(step('typecheck (tests, incl. expectTypeOf type tests)', 'npx', ['tsc', '-p', 'test/tsconfig.json']));
results.push(vitest('node'));
results.push(step('playground (node, against the emulator)', 'node', ['playground/node/checkout.mjs']));

console.log('\n── summary ──');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
