/**
 * The repository stands alone: a plain `git clone` on a fresh machine has everything the
 * tests, scripts and docs read. No tracked file may name a path outside the repository,
 * whether relative (a `../` path that climbs above the root, to a folder beside the clone) or
 * absolute (a home or work folder of the machine it was written on).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

/** Absolute locations that exist only on someone's machine. */
const ABSOLUTE = /(?<![\w.:/-])(?:\/work\/|\/home\/|\/Users\/|\/root\/|\/mnt\/|[A-Z]:\\\\?Users)/g;
/** A relative path that climbs at least one level: `../x`, `../../x/y.json`. */
const RELATIVE = /(?<![\w./-])(?:\.\.\/)+[\w@.-]*(?:\/[\w@.-]+)*/g;

/** Tracked text files; falls back to nothing but reports it, so the test cannot pass vacuously. */
function trackedFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .filter((file) => !/\.(png|jpe?g|gif|ico|woff2?|tgz)$/.test(file) && file !== 'package-lock.json');
}

/** Every reference in `text` (a file at `file` inside `root`) that resolves outside `root`. */
export function outsideReferences(root: string, file: string, text: string): string[] {
  const found: string[] = [];
  for (const [match] of text.matchAll(ABSOLUTE)) found.push(match);
  for (const [match] of text.matchAll(RELATIVE)) {
    const target = resolve(dirname(join(root, file)), match);
    const inside = relative(root, target);
    if (inside.startsWith('..') || inside.split(sep)[0] === '..') found.push(match);
  }
  return found;
}

describe('the repository is self-contained', () => {
  const files = trackedFiles(ROOT);

  it('lists the tracked files (git ls-files)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('test/fixtures/vectors.json');
  });

  it('no tracked file refers to a path outside the repository', () => {
    const offenders: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree but still in the index
      }
      for (const ref of outsideReferences(ROOT, file, text)) offenders.push(`${file}: ${ref}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the check catches what it is meant to (planted references)', () => {
    // Built from pieces, so that this file does not hold the references it plants.
    const up = (n: number, rest: string) => '../'.repeat(n) + rest;
    const root = '/repo';
    const vectors = up(3, 'sibling/spec/vectors.json');
    expect(outsideReferences(root, 'test/support/vectors.ts', `new URL('${vectors}', import.meta.url)`)).toEqual([vectors]);
    expect(outsideReferences(root, 'README.md', `The vectors live in \`${up(1, 'sibling/spec/vectors.json')}\`.`)).toEqual([
      up(1, 'sibling/spec/vectors.json'),
    ]);
    expect(outsideReferences(root, 'scripts/x.mjs', `readFileSync('/${'work'}/sibling/DESIGN.md')`)).toEqual([`/${'work'}/`]);
    expect(outsideReferences(root, 'docs/a.md', `see /${'home'}/ada/notes.txt`)).toEqual([`/${'home'}/`]);
    // References that stay inside are fine.
    expect(outsideReferences(root, 'test/runtimes/node/run.mjs', `import '${up(1, 'support/checks.mjs')}'`)).toEqual([]);
    expect(outsideReferences(root, 'playground/next/package.json', `"plugipay-edge": "file:${up(2, '')}"`)).toEqual([]);
  });
});
