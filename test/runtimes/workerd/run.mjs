#!/usr/bin/env node
// workerd runner: bundles the Worker from the packed package (workerd condition) and runs it in
// miniflare without nodejs_compat; the Worker reaches the emulator on 127.0.0.1 over real fetch.
import { Miniflare } from 'miniflare';
import { bundleWorker } from './bundle.mjs';
import { join } from 'node:path';
import { formatReport, WEBHOOK_SECRET } from '../shared/checks.mjs';
import { reportCrash, startFixtures } from '../support/fixtures.mjs';
import { stage } from '../support/packed.mjs';
import { runOnceChecks } from './once.mjs';

try {
  const dir = stage('workerd');
  const script = await bundleWorker(join(dir, 'worker.mjs'));
  const fixtures = await startFixtures();
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: [],
    bindings: {
      PLUGIPAY_KEY_ID: fixtures.credentials.keyId,
      PLUGIPAY_SECRET: fixtures.credentials.secret,
      PLUGIPAY_BASE_URL: fixtures.url,
      PLUGIPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  try {
    const response = await mf.dispatchFetch('http://worker.local/checks');
    const text = await response.text();
    let result;
    try {
      result = JSON.parse(text);
    } catch {
      throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}`);
    }
    // Exactly-once handling (D1, Queues) runs in a Worker of its own, with those bindings.
    const once = await runOnceChecks(dir);
    result.checks.push(...once.checks);
    result.passed += once.passed;
    result.failed += once.failed;
    console.log(formatReport('workerd', result));
    if (result.failed) process.exitCode = 1;
  } finally {
    await mf.dispose();
    await fixtures.close();
  }
} catch (error) {
  reportCrash('workerd', error);
}
