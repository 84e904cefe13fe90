#!/usr/bin/env node
// Node runner: stages the proof beside the packed package, starts the emulator, runs the checks.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { formatReport } from '../shared/checks.mjs';
import { reportCrash, startFixtures } from '../support/fixtures.mjs';
import { stage } from '../support/packed.mjs';

try {
  const dir = stage('node');
  const { prove } = await import(pathToFileURL(join(dir, 'proof.mjs')).href);
  const fixtures = await startFixtures();
  try {
    const result = await prove(fixtures);
    console.log(formatReport('node', result));
    if (result.failed) process.exitCode = 1;
  } finally {
    await fixtures.close();
  }
} catch (error) {
  reportCrash('node', error);
}
