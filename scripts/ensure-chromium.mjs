#!/usr/bin/env node
// The browser runners drive Debian's chromium. On a fresh machine it is not there yet: install
// it with apt (as root, or through sudo), so that `npm ci && npm test` works from a clean start.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './chromium.mjs';

if (existsSync(CHROMIUM)) {
  console.log(`chromium: ${CHROMIUM}`);
  process.exit(0);
}
const root = process.getuid?.() === 0;
const sudo = root ? [] : ['sudo'];
console.log(`chromium: ${CHROMIUM} is missing; installing Debian's chromium with apt-get`);
for (const args of [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'chromium'],
]) {
  const [cmd, ...rest] = [...sudo, ...args];
  const { status } = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (status !== 0) {
    console.error(`chromium: \`${[cmd, ...rest].join(' ')}\` failed; install chromium yourself or set CHROMIUM_PATH`);
    process.exit(1);
  }
}
process.exit(existsSync(CHROMIUM) ? 0 : 1);
