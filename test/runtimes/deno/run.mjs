#!/usr/bin/env node
// Deno runner: stages the test beside the packed package and runs `deno test` against the emulator.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { reportCrash, startFixtures } from '../support/fixtures.mjs';
import { ROOT, stage } from '../support/packed.mjs';

/** `ok | 8 passed | 0 failed (1s)` (or `FAILED | …`): deno test's summary line. */
function parseSummary(output) {
  const lines = output.split('\n').filter((line) => /\d+ passed.*\d+ failed/.test(line));
  const match = /(\d+) passed.*?(\d+) failed/.exec(lines.at(-1) ?? '');
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

/**
 * JSR readiness: `deno publish --dry-run` over jsr.json (the TypeScript sources of every entry
 * but the Node- and Next-only ones), without `--allow-slow-types`: every public symbol has an
 * explicit type, so JSR type-checks users fast and generates docs and .d.ts files from the
 * declarations themselves. Offline: valibot resolves from the repository's node_modules
 * (`--node-modules-dir=manual`). Any slow type fails it.
 */
function jsrDryRun() {
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/deno'),
    ['publish', '--dry-run', '--allow-dirty', '--no-lock', '--node-modules-dir=manual', '--config', 'jsr.json'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, timeout: 300_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status === 0 && /Success Dry run complete/.test(output)) {
    const files = (output.match(/^\s+file:\/\/\S+/gm) ?? []).length;
    return { ok: true, detail: `deno publish --dry-run passes, no slow types (${files} files)` };
  }
  const errors = output.split(/\n(?=error)/).filter((e) => e.startsWith('error'));
  const located = errors.map((e) => /-->\s+(\S+?):\d+:\d+/.exec(e)?.[1]).filter(Boolean);
  const files = [...new Set(located.map((file) => file.slice(ROOT.length + 1)))];
  return {
    ok: false,
    detail: `deno publish --dry-run failed${files.length ? ` (in ${files.join(', ')})` : ''}:\n${output.slice(-3000)}`,
  };
}

try {
  const dir = stage('deno');
  const fixtures = await startFixtures();
  try {
    // Async spawn: the emulator runs in this process and must keep answering.

    const child = spawn(
      join(ROOT, 'node_modules/.bin/deno'),
      // --unstable-kv (and a temp KV file to write): Deno KV as a dedupe store (once.test.mjs).
      [
        'test',
        '--no-check',
        '--no-lock',
        '--unstable-kv',
        '--allow-net=127.0.0.1',
        '--allow-env',
        '--allow-read',
        '--allow-write',
        'checks.test.mjs',
        'boundaries.test.mjs',
        'once.test.mjs',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          DENO_NO_UPDATE_CHECK: '1',
          NO_COLOR: '1',
          PLUGIPAY_KEY_ID: fixtures.credentials.keyId,
          PLUGIPAY_SECRET: fixtures.credentials.secret,
          PLUGIPAY_BASE_URL: fixtures.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => process.stdout.write(((output += chunk), chunk)));
    child.stderr.on('data', (chunk) => process.stderr.write(((output += chunk), chunk)));
    const code = await new Promise((resolve) => child.on('close', resolve));
    const counts = parseSummary(output) ?? { passed: 0, failed: 1 };
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    const jsr = jsrDryRun();
    console.log(`${jsr.ok ? '✓' : '✗'} [deno] jsr.json: ${jsr.detail}`);
    counts[jsr.ok ? 'passed' : 'failed'] += 1;
    console.log(`PLUGIPAY_RESULT ${JSON.stringify({ runtime: 'deno', ...counts })}`);
    if (counts.failed) process.exitCode = 1;
  } finally {
    await fixtures.close();
  }
} catch (error) {
  reportCrash('deno', error);
}
