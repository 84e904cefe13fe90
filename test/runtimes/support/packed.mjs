/**
 * The package as users get it: `npm pack` of the built tree, extracted into
 * `.tmp/consumer/node_modules/plugipay-edge`. Runtime proofs resolve `plugipay-edge/...` from
 * there, through the packed package.json's `exports`, so a file missing from `files` or a wrong
 * export path fails them. `valibot` (for the .d.ts files' types; the JS bundles it) resolves from the
 * repository's node_modules further up.
 *
 * Run it directly (`node test/runtimes/support/packed.mjs`) to repack; runners call
 * `packedConsumer()`, which packs only when no consumer exists yet.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONSUMER = join(ROOT, '.tmp/consumer');
export const CONSUMER_MODULES = join(CONSUMER, 'node_modules');

export function pack() {
  if (!existsSync(join(ROOT, 'dist/index.mjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  const packDir = join(ROOT, '.tmp/pack');
  rmSync(packDir, { recursive: true, force: true });
  rmSync(CONSUMER, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }),
  );
  const target = join(CONSUMER_MODULES, 'plugipay-edge');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(packDir, filename), '-C', target, '--strip-components=1']);
  linkBins(target);
  writeFileSync(join(CONSUMER, 'package.json'), JSON.stringify({ name: 'plugipay-edge-consumer', private: true, type: 'module' }, null, 2));
  return join(packDir, filename);
}

/** What `npm install` does for a package's `bin`: an executable link in node_modules/.bin. */
function linkBins(target) {
  const { bin = {} } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  const binDir = join(CONSUMER_MODULES, '.bin');
  mkdirSync(binDir, { recursive: true });
  for (const [name, file] of Object.entries(typeof bin === 'string' ? { 'plugipay-edge': bin } : bin)) {
    chmodSync(join(target, file), 0o755);
    symlinkSync(join('..', 'plugipay-edge', file), join(binDir, name));
  }
}

/** The consumer directory, packing first when it does not exist. */
export function packedConsumer() {
  if (!existsSync(join(CONSUMER_MODULES, 'plugipay-edge/package.json'))) pack();
  return CONSUMER;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`packed ${pack()} → ${CONSUMER_MODULES}/plugipay-edge`);
}

/**
 * Copies the shared checks and one runtime's proof files into the consumer directory, so their
 * `import 'plugipay-edge/...'` resolves to the packed package; returns the staged directory.
 */
export function stage(runtime) {
  packedConsumer();
  cpSync(join(ROOT, 'test/runtimes/shared'), join(CONSUMER, 'shared'), { recursive: true });
  const target = join(CONSUMER, runtime);
  rmSync(target, { recursive: true, force: true });
  cpSync(join(ROOT, 'test/runtimes', runtime), target, { recursive: true });
  return target;
}
