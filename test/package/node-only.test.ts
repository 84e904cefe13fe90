/**
 * The Node-only modules of src/ have one list (scripts/node-only.mjs), and every tool that must
 * treat them apart follows it: ESLint allows Node there and nowhere else, rollup keeps them out of
 * the portable emulator chunk, tsconfig.json checks src/ without them (no Node types) and
 * tsconfig.node.json with them, and jsr.json leaves them out of the JSR package. The list itself
 * must be the truth: every module that imports a Node built-in is on it, and every entry on it
 * names a module that exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';
// @ts-expect-error: a plain .mjs script without types
import { NODE_ONLY, isNodeOnly, staleConfigs } from '../../scripts/node-only.mjs';
// @ts-expect-error: a plain .mjs config without types
import { NODE_ONLY as ESLINT_NODE_ONLY } from '../../eslint.config.mjs';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [relative(ROOT, join(dir, d.name))] : [],
  );

/** A static or dynamic import of a Node built-in, by `node:` name or bare. */
const NODE_IMPORT = /\bfrom\s+['"](node:[\w/]+|fs|path|http|https|crypto|os|net|child_process|url|util)['"]|\bimport\(\s*['"]node:/;

describe('the Node-only modules: one list, followed everywhere', () => {
  const files = sourceFiles(join(ROOT, 'src'));

  it('tsconfig.json, tsconfig.node.json and jsr.json say what scripts/node-only.mjs says (node scripts/node-only.mjs rewrites them)', () => {
    expect(staleConfigs(ROOT)).toEqual([]);
  });

  it('ESLint reads the same list', () => {
    expect(ESLINT_NODE_ONLY).toBe(NODE_ONLY);
  });

  it('every module of src/ that imports a Node built-in is on the list, and only those (and their CLI bin) are', () => {
    const importsNode = files.filter((f) => NODE_IMPORT.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(importsNode.length).toBeGreaterThan(0);
    expect(importsNode.filter((f) => !isNodeOnly(f))).toEqual([]);
    // Each listed module imports Node itself or imports a listed one (the entry, the CLI's bin).
    const listed = files.filter((f) => isNodeOnly(f));
    const reachesNode = (f: string) =>
      importsNode.includes(f) ||
      [...readFileSync(join(ROOT, f), 'utf8').matchAll(/from\s+'(\.[^']+)'/g)].some((m) =>
        isNodeOnly(join(f, '..', `${m[1]}.ts`).replaceAll('\\', '/')),
      );
    expect(listed.filter((f) => !reachesNode(f))).toEqual([]);
  });

  it('every entry of the list names at least one module', () => {
    for (const glob of NODE_ONLY as string[]) {
      const re = new RegExp(`^${glob.replace(/[.]/g, '\\.').replaceAll('*', '[^/]*')}$`);
      expect({ glob, matches: files.some((f) => re.test(f)) }).toEqual({ glob, matches: true });
    }
  });
});
