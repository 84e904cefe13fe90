// How the suite counts: one place that turns what each kind of runner left behind into
// `{ passed, failed }`, so that nothing that broke can vanish from the last line. A test file
// that failed to load, a runner that crashed before it reported, a step that exited non-zero:
// each is at least one failure.

/** A step that is one check: it passes or fails as a whole. */
export function countStep(status) {
  return status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/**
 * A vitest JSON report (`--reporter=json`) and the exit status of the run. Each failed test
 * counts; a test file that failed without a failed test in it (it did not load, or a hook threw)
 * counts once; a non-zero exit with nothing failed (an unhandled error, a crash before the
 * report) counts once. No report at all is one failure.
 */
export function countVitest(report, status) {
  if (!report || !Array.isArray(report.testResults)) return { passed: 0, failed: 1 };
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults) {
    const tests = file.assertionResults ?? [];
    const failedTests = tests.filter((t) => t.status === 'failed').length;
    passed += tests.filter((t) => t.status === 'passed').length;
    failed += failedTests;
    if (file.status === 'failed' && failedTests === 0) failed += 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

export const RESULT_PREFIX = 'PLUGIPAY_RESULT ';

/**
 * A runtime proof's stdout and exit status: its last `PLUGIPAY_RESULT {…}` line. A missing or
 * unreadable line (the runner crashed) is one failure; a non-zero exit after a clean report is
 * one failure too.
 */
export function countRuntime(stdout, status) {
  const line = String(stdout ?? '')
    .split('\n')
    .filter((l) => l.startsWith(RESULT_PREFIX))
    .at(-1);
  let counts;
  try {
    counts = JSON.parse(line.slice(RESULT_PREFIX.length));
  } catch {
    return { passed: 0, failed: 1 };
  }
  const passed = Number.isInteger(counts?.passed) && counts.passed >= 0 ? counts.passed : 0;
  let failed = Number.isInteger(counts?.failed) && counts.failed >= 0 ? counts.failed : 1;
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/** The totals of named results, and the closing line the suite prints. */
export function summarize(results) {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  return { passed, failed, line: `${passed} passed, ${failed} failed`, exitCode: failed > 0 ? 1 : 0 };
}
