/**
 * Where importing a built entry spends its time: `node --cpu-prof` of a fresh process that only
 * imports it, RUNS times, then the median self time per file (Node's own modules by name, the
 * SDK's chunks without their hash), against an empty file module, so a cold-start regression
 * can be traced to a module.
 *
 *   npx rollup -c --silent && node bench/import-profile.mjs [dist/index.mjs]   (RUNS=7, TOP=20)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 7);
const TOP = Number(process.env.TOP ?? 20);
const entry = pathToFileURL(resolve(process.argv[2] ?? 'dist/index.mjs')).href;
const dir = mkdtempSync(join(tmpdir(), 'import-profile-'));

const profile = (specifier) => {
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-interval',
      '50',
      '--cpu-prof-dir',
      dir,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(specifier)})`,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`import of ${specifier} failed`);
};

/** Self time (ms) per file of one profile, plus its total. */
function selfTimes(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const times = new Map([['(total)', 0]]);
  p.samples.forEach((id, i) => {
    const frame = nodes.get(id).callFrame;
    const name = (frame.url || `(${frame.functionName || 'program'})`)
      .replace(/^.*\/(node_modules|dist)\//, '$1/')
      .replace(/-[\w-]{8}\.(m?js)$/, '.$1');
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    times.set(name, (times.get(name) ?? 0) + ms);
    times.set('(total)', times.get('(total)') + ms);
  });
  return times;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function summarize(specifier) {
  for (const f of readdirSync(dir)) rmSync(join(dir, f));
  for (let i = 0; i < RUNS; i++) profile(specifier);
  const runs = readdirSync(dir).map((f) => selfTimes(join(dir, f)));
  const names = new Set(runs.flatMap((r) => [...r.keys()]));
  return new Map([...names].map((n) => [n, median(runs.map((r) => r.get(n) ?? 0))]));
}

// The baseline is an empty FILE module, as in bench/import-cost.mjs: a data: URL would charge the
// file: URL resolution and read every entry pays to the entry.
const emptyFile = join(dir, '..', `${dir.split(/[\\/]/).pop()}-empty.mjs`);
writeFileSync(emptyFile, 'export {};\n');
const empty = summarize(pathToFileURL(emptyFile).href);
rmSync(emptyFile);
const full = summarize(entry);
console.log(`\n### Import profile: ${process.argv[2] ?? 'dist/index.mjs'} (median self time of ${RUNS} runs, ms)\n`);
console.log('| file | import | empty module | difference |');
console.log('|---|--:|--:|--:|');
const rows = [...full].sort((a, b) => b[1] - (empty.get(b[0]) ?? 0) - (a[1] - (empty.get(a[0]) ?? 0)));
for (const [name, ms] of rows.slice(0, TOP)) {
  const base = empty.get(name) ?? 0;
  console.log(`| ${name} | ${ms.toFixed(2)} | ${base.toFixed(2)} | ${(ms - base).toFixed(2)} |`);
}
rmSync(dir, { recursive: true });
