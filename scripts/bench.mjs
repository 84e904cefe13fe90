#!/usr/bin/env node
// `npm run bench`: builds, then prints every benchmark's table. Results worth keeping go into
// BENCHMARKS.md together with this command.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};
run('npx', ['rollup', '-c', '--silent']);
console.log('\n## Bundle sizes\n');
run('node', ['bench/sizes.mjs']);
console.log('\n## Where the bytes are\n');
run('node', ['bench/size-breakdown.mjs', 'index', 'browser']);
console.log('\n## Webhook verification\n');
run('npx', ['tsx', 'bench/webhooks.ts']);
console.log('\n## Request path and client construction\n');
run('npx', ['tsx', 'bench/request-path.ts']);
console.log('\n## Cold start: import cost in Node\n');
run('node', ['bench/import-cost.mjs']);
run('node', ['bench/import-profile.mjs']);
console.log('\n## workerd cold start\n');
run('node', ['bench/workerd-cold-start.mjs']);
console.log('\n## Emulator as its state grows\n');
run('npx', ['tsx', 'bench/emulator.ts']);
console.log('\n## Boundary checks on the request path\n');
run('npx', ['tsx', 'bench/boundaries.ts']);
console.log('\n## Exactly-once handling (handleOnce, memoryDedupe)\n');
run('npx', ['tsx', 'bench/handle-once.ts']);
