/**
 * The published declarations read as written: no valibot type in any of them (a user's editor
 * showed `v.MaxLengthAction<string, 320, "must be at most 320 characters">`), each public type
 * declared once, in a file named after its source module (`types/resources/registry.d.mts` for
 * `PlugipayClient`, not a hashed chunk), exported under its own name, and the webhooks entry's
 * types free of the resources' route tables and schemas.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const DIST = join(ROOT, 'dist');
const declarationFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? declarationFiles(join(dir, d.name)) : /\.d\.(m|c)ts$/.test(d.name) ? [relative(DIST, join(dir, d.name))] : [],
  );
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
/** The declarations without their comments (a comment may name valibot; a type may not). */
const code = (file: string) =>
  read(file)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

/** What marks a declaration as valibot's: an import of it, or one of its type names. */
const VALIBOT = /['"]valibot['"]|\bv\.[A-Z]\w*|\b(?:InferInput|InferOutput|GenericSchema|\w+(?:Schema|Action)<)/;

/** The relative declaration files `file` imports. */
const importsOf = (file: string) =>
  [...read(file).matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\s*\(\s*'(\.[^']+)'\s*\)|^import\s+'(\.[^']+)'/gm)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .map((spec) => posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.(m|c)js$/, (_, k) => `.d.${k}ts`));

/**
 * Every declaration file that type-checking `entry` loads, the entry included.
 */
function reached(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...importsOf(file));
  }
  return [...seen].sort();
}

describe('the published declarations', () => {
  const files = declarationFiles(DIST);

  it('exist for every entry, in both flavours, each import resolving to a shipped file', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files)
      for (const target of importsOf(file)) expect(existsSync(join(DIST, target)), `${file} → ${target}`).toBe(true);
  });

  it('come from registry.ts typing every namespace by its declared interface, none from its route table', () => {
    const registry = readFileSync(join(ROOT, 'src/resources/registry.ts'), 'utf8');
    const inferred = [...registry.matchAll(/readonly (\w+): BoundRoutes<typeof \w+>;/g)].map((m) => m[1]);
    expect(inferred).toEqual([]);
    expect([...registry.matchAll(/readonly \w+: \w+Resource;/g)].length).toBeGreaterThanOrEqual(23);
  });

  it('mention valibot nowhere (a type is what the SDK declares, not what a schema infers)', () => {
    const offenders = files.filter((f) => VALIBOT.test(code(f)));
    expect(offenders).toEqual([]);
  });

  it('declare PlugipayClient once per flavour, in the module named after its source, and every export under its own name', () => {
    const declaring = files.filter((f) => /\bclass PlugipayClient\b/.test(read(f)));
    expect(declaring.sort()).toEqual(['types/resources/registry.d.cts', 'types/resources/registry.d.mts']);
    for (const file of files) {
      // Followable names: each file is an entry's or a source module's (no hashed chunks), and no
      // export hides behind a one- or two-letter alias.
      const source = file.startsWith('types/') ? `src/${file.slice('types/'.length).replace(/\.d\.(m|c)ts$/, '.ts')}` : undefined;
      expect(source ? existsSync(join(ROOT, source)) : /^[\w-]+\.d\.(m|c)ts$/.test(file), file).toBe(true);
      const aliases = [...code(file).matchAll(/^(?:import|export)\s+(?:type\s+)?\{([^}]*)\}/gm)].flatMap((m) =>
        m[1]!.split(',').filter((name) => /\bas\s+[A-Za-z_$][\w$]?\s*$/.test(name)),
      );
      expect(aliases, file).toEqual([]);
    }
  });

  it("keep the webhooks entry's types free of schemas: no valibot type, route table or client in what it loads", () => {
    for (const ext of ['mts', 'cts']) {
      const loaded = reached(`webhooks.d.${ext}`);
      expect(loaded).toContain(`types/webhooks/verify.d.${ext}`);
      for (const file of loaded) {
        expect(code(file), file).not.toMatch(VALIBOT);
        expect(code(file), file).not.toMatch(/\bRouteTable\b|\bRoute<|\bclass PlugipayClient\b/);
      }
      expect(loaded).not.toContain(`types/resources/registry.d.${ext}`);
    }
  });
});
