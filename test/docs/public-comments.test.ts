/**
 * Comments cite only what a clone of the repository has: every comment in src/ is public (JSR
 * publishes the source, and the doc comments reach the .d.ts files and the API reference), and so
 * are the README and docs/wire.md. A citation of the API's endpoint reference (`ENDPOINTS §2.4`),
 * of a design document (`DESIGN`), or a bare section sign sends a reader to a document they do not
 * have; say the fact itself, or point at docs/wire.md ("WIRE n").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const OUTSIDE_CITATION = /\bENDPOINTS\b|\bDESIGN\b|§/;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [relative(ROOT, join(dir, d.name))] : [],
  );

/** The comments of a TypeScript file, each with its line, as the scanner reads them (not string contents). */
export function commentsOf(text: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  const pattern = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|(['"`])(?:\\[\s\S]|(?!\1)[^\\])*\1/g;
  for (const match of text.matchAll(pattern)) {
    if (match[1]) continue; // a string literal: skipped whole, so a `//` inside one is not a comment
    found.push({ line: text.slice(0, match.index).split('\n').length, text: match[0] });
  }
  return found;
}

describe('public comments cite only what is in the repository', () => {
  const files = sourceFiles(join(ROOT, 'src'));

  it('finds the comments it checks (the scanner, on a planted file)', () => {
    const planted = "const url = 'https://x//y'; // see ENDPOINTS §2.4\n/** DESIGN says so */\nconst s = '§ in a string';\n";
    expect(
      commentsOf(planted)
        .filter((c) => OUTSIDE_CITATION.test(c.text))
        .map((c) => c.line),
    ).toEqual([1, 2]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('no comment in src/ cites ENDPOINTS, DESIGN or a § section', () => {
    const offending = files.flatMap((file) =>
      commentsOf(readFileSync(join(ROOT, file), 'utf8'))
        .filter((c) => OUTSIDE_CITATION.test(c.text))
        .map(
          (c) =>
            `${file}:${c.line}: ${c.text
              .split('\n')
              .find((l) => OUTSIDE_CITATION.test(l))!
              .trim()}`,
        ),
    );
    expect(offending).toEqual([]);
  });

  it('nor does the README or docs/wire.md', () => {
    for (const file of ['README.md', 'docs/wire.md']) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      expect(
        lines.filter((l) => OUTSIDE_CITATION.test(l)),
        file,
      ).toEqual([]);
    }
  });
});
