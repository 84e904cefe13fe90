// The Next.js playground, built and served from a temporary copy: playground/next with the
// packed package installed in its node_modules (as `npm install plugipay-edge` would), so the
// app resolves `plugipay-edge` through the published exports map. next, react and valibot come
// from the repository's node_modules further up. Used by `npm run playground:next` and by the
// suite's Next.js runner (which adds its check routes to the copy).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSUMER_MODULES, packedConsumer } from '../test/runtimes/support/packed.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next');
export const NEXT_APP = join(ROOT, '.tmp/next-app');

/** A fresh copy of playground/next with the packed package installed; `extra` maps source dirs to paths inside the app. */
export function prepareNextApp(extra = {}) {
  rmSync(NEXT_APP, { recursive: true, force: true });
  cpSync(join(ROOT, 'playground/next'), NEXT_APP, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.next)$/.test(source),
  });
  installPackedPackage(NEXT_APP);
  for (const [from, to] of Object.entries(extra)) cpSync(from, join(NEXT_APP, to), { recursive: true });
  return NEXT_APP;
}

const nextEnv = (env = {}) => ({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env });

/** `next build`; true when it succeeded. */
export function buildNextApp(dir = NEXT_APP) {
  return spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: dir, stdio: 'inherit', env: nextEnv() }).status === 0;
}

/**
 * Installs the packed package in `dir`'s node_modules, as `npm install plugipay-edge` would.
 * `patchPackage` may change the installed package's package.json first (for control builds).
 */
export function installPackedPackage(dir, patchPackage) {
  packedConsumer();
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(join(CONSUMER_MODULES, 'plugipay-edge'), join(dir, 'node_modules/plugipay-edge'), { recursive: true });
  if (patchPackage) {
    const manifest = join(dir, 'node_modules/plugipay-edge/package.json');
    writeFileSync(manifest, JSON.stringify(patchPackage(JSON.parse(readFileSync(manifest, 'utf8'))), null, 2));
  }
}

/** `next build` in `dir` with `args`, its output captured: `{ status, output }`. */
export function buildCapturing(dir, args = []) {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: nextEnv({ FORCE_COLOR: '0', NO_COLOR: '1' }),
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * Copies the app in `source` to `.tmp/<name>` with the packed package installed and runs
 * `next build` there, capturing its output: for fixtures whose build is meant to fail.
 * `patchPackage` may change the installed package's package.json first (for control builds);
 * `args` are passed to `next build` (e.g. `--webpack`).
 */
export function buildNextFixture(source, name, { patchPackage, args = [] } = {}) {
  const dir = join(ROOT, '.tmp', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true });
  installPackedPackage(dir, patchPackage);
  return buildCapturing(dir, args);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `next start` on 127.0.0.1 with `env`; resolves once it answers, with its URL and a `stop()`. */
export async function startNextApp(env, dir = NEXT_APP) {
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: nextEnv(env),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (const started = Date.now(); Date.now() - started < 30_000;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      await fetch(`${url}/favicon.ico`);
      return { url, stop, log: () => log };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await stop();
  throw new Error(`next start did not answer on ${url} within 30 s:\n${log}`);
}
