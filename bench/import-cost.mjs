/**
 * Cold start in Node: what importing each built entry costs a fresh `node` process, against an
 * empty module (issue 10's goal: the core at most 1.10x an empty module).
 *
 * Every candidate runs in its own fresh process, all of them interleaved round by round (the
 * order rotates each round, so none always runs first after a quiet moment), ROUNDS times. Two
 * measures per start:
 * - the process's wall time (spawn → exit), the goal's measure, noisy on a shared machine (±5 ms
 *   on ~80 ms), hence the median ratio and the min ratio (the quietest start of each);
 * - `await import()` timed inside the process (performance.now() around it): the module
 *   loader's work alone, without Node's own ~70 ms of start-up, so far less noisy.
 * The baseline is an empty FILE module (`export {}` in a temp dir: the same file: URL resolution
 * and read as an entry), with a `data:` URL empty module beside it for reference; valibot's own
 * build is a reference row (what the SDK bundles a part of instead of importing it).
 *
 *   npx rollup -c --silent && node bench/import-cost.mjs      (ROUNDS=31 by default)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROUNDS = Number(process.env.ROUNDS ?? 31);
const dir = mkdtempSync(join(tmpdir(), 'import-cost-'));
const emptyFile = join(dir, 'empty.mjs');
writeFileSync(emptyFile, 'export {};\n');
const dist = (name) => pathToFileURL(resolve('dist', name)).href;

/** [label, specifier]; the first is the baseline every ratio is taken against. */
const CANDIDATES = [
  ['empty file module (baseline)', pathToFileURL(emptyFile).href],
  ['empty `data:` URL module', 'data:text/javascript,export {}'],
  ['`plugipay-edge` (dist/index.mjs, the core: the goal)', dist('index.mjs')],
  ['`plugipay-edge/webhooks`', dist('webhooks.mjs')],
  ['`plugipay-edge/browser`', dist('browser.mjs')],
  ['`plugipay-edge/workers`', dist('workers.mjs')],
  ['`plugipay-edge/testing`', dist('testing.mjs')],
  // Bare, resolved from the repository like dist/ imported it before valibot was bundled.
  ['`valibot` alone (reference)', 'valibot'],
];

/** One fresh process: wall ms, and the ms of its `await import()`. */
function start(specifier) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`import of ${specifier} failed: ${r.stderr}`);
  return { wall, inProcess: Number(r.stdout) };
}

const runs = CANDIDATES.map(() => ({ wall: [], inProcess: [] }));
for (const [, specifier] of CANDIDATES) start(specifier); // warm the disk cache
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < CANDIDATES.length; k++) {
    const i = (k + round) % CANDIDATES.length;
    const { wall, inProcess } = start(CANDIDATES[i][1]);
    runs[i].wall.push(wall);
    runs[i].inProcess.push(inProcess);
  }
}
rmSync(dir, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const min = (xs) => Math.min(...xs);
const [base] = runs;
const load = (await import('node:os')).loadavg().map((l) => l.toFixed(2));
console.log(`${ROUNDS} fresh processes per module, interleaved; load average ${load.join(' / ')} (1/5/15 min).\n`);
console.log('| module | wall ms (median) | wall ratio (median) | wall ratio (min) | `await import()` ms (median) | over the empty file |');
console.log('|---|--:|--:|--:|--:|--:|');
CANDIDATES.forEach(([label], i) => {
  const r = runs[i];
  const cells = [
    median(r.wall).toFixed(1),
    `${(median(r.wall) / median(base.wall)).toFixed(2)}x`,
    `${(min(r.wall) / min(base.wall)).toFixed(2)}x`,
    median(r.inProcess).toFixed(2),
    `${(median(r.inProcess) - median(base.inProcess)).toFixed(2)} ms`,
  ];
  console.log(`| ${label} | ${cells.join(' | ')} |`);
});
