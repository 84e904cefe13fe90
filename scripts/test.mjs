#!/usr/bin/env node
// The whole test suite, as CI runs it: build, type-check, pack, then every runner in turn. Each
// runner reports its own pass/fail counts; the last line sums them as `N passed, N failed`
// and the exit code is non-zero when anything failed (or a runner broke before counting).
//
// Runtime proofs (test/runtimes/<runtime>/run.mjs) run the built package, packed and installed
// under .tmp/consumer, in the real runtime, and end with a machine-readable line:
// `PLUGIPAY_RESULT {"runtime":…,"passed":N,"failed":N}`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { countRuntime, countStep, countVitest, summarize } from './summary.mjs';

const TMP = '.tmp/test-results';
rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });

// Set here too, so that `node scripts/test.mjs` outside CI stays offline and quiet.
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.DENO_NO_UPDATE_CHECK = '1';

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** A step that is one check: it passes or fails as a whole. */
function step(name, cmd, args) {
  console.log(`\n── ${name} ──`);
  return { name, ...countStep(run(cmd, args)) };
}

/** A vitest project, counted test by test from its JSON report. */
function vitest(name, args = []) {
  console.log(`\n── ${name} ──`);
  const out = `${TMP}/${name}.json`;
  const status = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  let report = null;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    // No report: vitest crashed before writing it; countVitest counts that as a failure.
  }
  return { name, ...countVitest(report, status) };
}

/** A runtime proof, counted from the `PLUGIPAY_RESULT` line it prints last. */
function runtime(name, script) {
  console.log(`\n── ${name} ──`);
  const started = Date.now();
  const result = spawnSync('node', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout ?? '');
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { name, ...countRuntime(result.stdout, result.status ?? 1) };
}

const suiteStarted = Date.now();
const results = [];
results.push(step('chromium (Debian package, for the browser runners)', 'node', ['scripts/ensure-chromium.mjs']));
results.push(step('build', 'npx', ['rollup', '-c', '--silent']));
results.push(step('typecheck', 'npx', ['tsc', '-p', '.']));
results.push(step('typecheck (Node-only modules)', 'npx', ['tsc', '-p', 'tsconfig.node.json']));
results.push(step('typecheck (tests, incl. expectTypeOf type tests)', 'npx', ['tsc', '-p', 'test/tsconfig.json']));
results.push(step('lint (eslint, incl. no Node built-ins in src/)', 'npx', ['eslint', '.', '--max-warnings', '0']));
results.push(step('docs (typedoc: API reference, warnings as errors)', 'npx', ['typedoc', '--logLevel', 'Warn']));
results.push(step('format (prettier --check)', 'npx', ['prettier', '--check', '.']));
results.push(step('pack (npm pack → .tmp/consumer)', 'node', ['test/runtimes/support/packed.mjs']));
results.push(vitest('node', ['--project', 'node']));
results.push(vitest('happy-dom', ['--project', 'happy-dom']));
results.push(runtime('node (built package)', 'test/runtimes/node/run.mjs'));
results.push(runtime('edge (@edge-runtime/vm)', 'test/runtimes/edge/run.mjs'));
results.push(runtime('workerd (miniflare)', 'test/runtimes/workerd/run.mjs'));
results.push(runtime('deno', 'test/runtimes/deno/run.mjs'));
results.push(runtime('chromium (playwright-core)', 'test/runtimes/chromium/run.mjs'));
results.push(runtime('chromium: the emulator hosted checkout page and dashboard', 'test/runtimes/chromium/hosted-checkout.mjs'));
results.push(runtime('next.js', 'test/runtimes/next/run.mjs'));
results.push(step('playground (node, against the emulator)', 'node', ['playground/node/checkout.mjs']));
results.push(step('playground:worker (workerd)', 'node', ['playground/worker/run.mjs']));
results.push(
  step('playground:deno', 'node_modules/.bin/deno', [
    'run',
    '--no-lock',
    '--allow-net=127.0.0.1',
    '--allow-env',
    'playground/deno/main.ts',
  ]),
);
results.push(step('playground:browser (chromium)', 'node', ['playground/browser/run.mjs']));

console.log('\n── summary ──');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
const total = summarize(results);
console.log(`(${((Date.now() - suiteStarted) / 1000).toFixed(0)} s)`);
console.log(total.line);
process.exit(total.exitCode);
