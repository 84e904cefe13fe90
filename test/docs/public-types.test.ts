/**
 * src/resources/public-types.ts, the list of every type the resource files export, is generated
 * (scripts/public-types.mjs) so that adding a namespace needs no hand-written export line: it
 * must be current, list exactly what the resource files declare, and be what the core entry exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { PUBLIC_TYPES, publicTypesOf, renderPublicTypes } from '../../scripts/public-types.mjs';

const RESOURCES = join(__dirname, '../../src/resources');

describe('src/resources/public-types.ts', () => {
  it('is current: `npm run docs` regenerates it, and the committed file matches', async () => {
    const committed = readFileSync(PUBLIC_TYPES, 'utf8');
    expect(committed, 'stale: run `npm run docs` (or `node scripts/public-types.mjs`) and commit the result').toBe(
      await renderPublicTypes(),
    );
  });

  it('lists each exported type of a resource file, and leaves out the ones marked @internal', () => {
    expect(publicTypesOf(join(RESOURCES, 'customers.ts'))).toEqual([
      'CustomerCreateInput',
      'CustomerUpdateInput',
      'CustomerListParams',
      'CustomersResource',
      'Customer',
    ]);
    // The shared inputs are declared beside the shared types; the schema helpers declare none.
    expect(publicTypesOf(join(RESOURCES, 'shared-types.ts'))).toEqual(expect.arrayContaining(['EmailInput', 'EscposParams']));
    expect(readFileSync(PUBLIC_TYPES, 'utf8')).not.toContain("from './schemas'");
  });

  it('reaches users: every listed name is exported by the core entry, and no route table is', () => {
    const source = readFileSync(PUBLIC_TYPES, 'utf8');
    const names = [...source.matchAll(/^\s+(\w+),?$|export type \{ ([^}]+) \}/gm)]
      .flatMap((m) => (m[1] ?? m[2]!).split(/,\s*/))
      .filter(Boolean);
    expect(names.length).toBeGreaterThan(100);
    const files = readdirSync(RESOURCES).filter((f) => f.endsWith('.ts'));
    const declared = files.flatMap((f) =>
      ['route.ts', 'registry.ts', 'public-types.ts', 'schemas.ts'].includes(f) ? [] : (publicTypesOf(join(RESOURCES, f)) as string[]),
    );
    expect(new Set(names)).toEqual(new Set(declared));
    expect(source).not.toMatch(/Routes\b/);
    expect(readFileSync(join(__dirname, '../../src/entries/index.ts'), 'utf8')).toContain(
      "export type * from '../resources/public-types';",
    );
  });
});
