#!/usr/bin/env node
// Edge runner: bundles the proof from the packed package (edge-light condition), evaluates it in EdgeVM.
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { join } from 'node:path';
import { formatReport } from '../shared/checks.mjs';
import { reportCrash, startFixtures } from '../support/fixtures.mjs';
import { stage } from '../support/packed.mjs';

try {
  const dir = stage('edge');
  const bundle = await build({
    entryPoints: [join(dir, 'proof.mjs')],
    bundle: true,
    format: 'iife',
    globalName: '__proof',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['edge-light', 'worker', 'import'],
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const fixtures = await startFixtures();
  try {
    const vm = new EdgeVM();
    vm.evaluate(bundle.outputFiles[0].text);
    const input = JSON.stringify({ url: fixtures.url, credentials: fixtures.credentials });
    const result = JSON.parse(await vm.evaluate(`__proof.prove(${input})`));
    console.log(formatReport('edge', result));
    if (result.failed) process.exitCode = 1;
  } finally {
    await fixtures.close();
  }
} catch (error) {
  reportCrash('edge', error);
}
