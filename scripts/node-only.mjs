#!/usr/bin/env node
// The one list of src/'s Node-only modules (they import Node built-ins by design: the emulator's
// node:http server, its CLI, its node:crypto verifier, and their entry). Everything that must
// treat them apart reads it from here:
// - eslint.config.mjs imports NODE_ONLY (Node globals and built-ins allowed there, nowhere else);
// - rollup.config.mjs imports isNodeOnly() (they never go into the portable emulator chunk);
// - tsconfig.json excludes them (type-checked without Node's types), tsconfig.node.json includes
//   them (with Node's types), and jsr.json leaves them out of the JSR package (with the Next.js
//   modules, which are for npm's Next entry only). JSON cannot import, so this script writes
//   those three fields: `node scripts/node-only.mjs`; test/package/node-only.test.ts fails, naming
//   that command, when one of them disagrees with the list here.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Globs, relative to the repository root: `*` matches within one path segment. */
export const NODE_ONLY = ['src/testing/node*.ts', 'src/entries/testing-node.ts'];

/** Not Node-only, but not in the JSR package either: the Next.js entry and its `server-only` guard. */
export const NEXT_ONLY = ['src/entries/next.ts', 'src/runtimes/next.ts', 'src/entries/server-only.d.ts'];

const globToRegExp = (glob) => new RegExp(`(?:^|/)${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);
const NODE_ONLY_RES = NODE_ONLY.map(globToRegExp);

/** Whether a module (a path relative to the root, or an absolute one inside it) is Node-only. */
export const isNodeOnly = (file) => NODE_ONLY_RES.some((re) => re.test(file.replaceAll('\\', '/')));

/** The fields of the JSON configurations that copy the list, as they must read. */
export function expectedConfigFields() {
  return {
    'tsconfig.json': { path: ['exclude'], value: NODE_ONLY },
    'tsconfig.node.json': { path: ['include'], value: NODE_ONLY },
    'jsr.json': { path: ['publish', 'exclude'], value: [...NEXT_ONLY, ...NODE_ONLY] },
  };
}

const at = (object, path) => path.reduce((o, key) => o?.[key], object);

/** Each JSON configuration whose copy of the list differs from this file's, with what it says. */
export function staleConfigs(root = ROOT) {
  return Object.entries(expectedConfigFields())
    .map(([file, { path, value }]) => ({
      file,
      field: path.join('.'),
      actual: at(JSON.parse(readFileSync(join(root, file), 'utf8')), path),
      expected: value,
    }))
    .filter(({ actual, expected }) => JSON.stringify(actual) !== JSON.stringify(expected));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const prettier = await import('prettier');
  for (const [file, { path, value }] of Object.entries(expectedConfigFields())) {
    const full = join(ROOT, file);
    const config = JSON.parse(readFileSync(full, 'utf8'));
    const parent = path.slice(0, -1).reduce((o, key) => o[key], config);
    parent[path.at(-1)] = value;
    const text = await prettier.format(JSON.stringify(config, null, 2), { ...(await prettier.resolveConfig(full)), filepath: full });
    writeFileSync(full, text);
    console.log(`wrote ${file} (${path.join('.')})`);
  }
}
