/**
 * Enums are written once: each is an exported `as const` tuple beside its resource (`REFUND_REASONS`
 * in src/resources/refunds.ts) that feeds the type, the input schema's picklist and the
 * emulator. A copy of one in the emulator drifts the day the API adds a value: the SDK would send
 * what the emulator refuses. So no array literal in src/testing/ may spell out the values of a
 * resource's tuple; import the tuple instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** The string values of an array literal of two or more string literals (`['a', 'b'] as const`), else undefined. */
function stringValues(node: ts.Node): string[] | undefined {
  if (!ts.isArrayLiteralExpression(node) || node.elements.length < 2) return undefined;
  return node.elements.every(ts.isStringLiteral) ? node.elements.map((e) => (e as ts.StringLiteral).text) : undefined;
}
const key = (values: string[]) => JSON.stringify([...values].sort());

describe('enums: one as-const tuple each, in its resource, which the emulator imports', () => {
  // The exported tuples: `export const X = [...] as const`.
  const tuples = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src/resources'))) {
    for (const statement of parse(file).statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        const values = init && ts.isAsExpression(init) ? stringValues(init.expression) : undefined;
        if (values) tuples.set(key(values), `${decl.name.getText()} (${relative(ROOT, file)})`);
      }
    }
  }

  it('finds the tuples (the control)', () => {
    expect(tuples.size).toBeGreaterThanOrEqual(10);
    expect([...tuples.values()].some((t) => t.startsWith('REFUND_REASONS '))).toBe(true);
  });

  it('no array literal in src/testing/ repeats the values of a resource tuple', () => {
    const copies: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src/testing'))) {
      const visit = (node: ts.Node) => {
        const values = stringValues(node);
        const tuple = values && tuples.get(key(values));
        if (tuple) {
          const { line } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
          copies.push(`${relative(ROOT, file)}:${line + 1} copies ${tuple}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(parse(file));
    }
    expect(copies).toEqual([]);
  });
});
