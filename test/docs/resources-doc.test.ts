/**
 * docs/resources.md, the reference of every API method, is generated from the source
 * (scripts/resources-doc.mjs): it must be current, it must list every method a real client has,
 * namespace by namespace, with each method's input fields and their docs, and it must say only
 * what a reader can use (no internal notes pointing at documents outside the repository).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
// @ts-expect-error: a plain .mjs script without types
import { RESOURCES_DOC, collectNamespaces, renderResourcesDoc } from '../../scripts/resources-doc.mjs';

type Field = { name: string; doc: string };
type Method = { name: string; method: string; path: string; params: string[]; input?: string; fields: Field[]; bytesInput: boolean };
type Namespace = { name: string; methods: Method[] };

/** Notes meant for the SDK's authors, or citing documents a clone does not have. */
const INTERNAL = /Undocumented|ENDPOINTS|DESIGN|§|TODO|FIXME/;

describe('docs/resources.md', () => {
  const namespaces = collectNamespaces() as Namespace[];

  it('is current: npm run docs regenerates it, and the committed file matches', () => {
    expect(readFileSync(RESOURCES_DOC, 'utf8')).toBe(renderResourcesDoc(namespaces));
  }, 60_000);

  it('lists every method of every namespace of a real client, with its HTTP route', () => {
    const client = new PlugipayClient({ apiKey: 'k' }) as unknown as Record<string, unknown>;
    // Namespaces are own fields or getters up the prototype chain: look at every name either way.
    const names = new Set<string>();
    for (let o: object | null = client; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
      for (const n of Object.getOwnPropertyNames(o)) names.add(n);
    const actual = [...names]
      .map((name) => [name, client[name]] as const)
      .filter(
        ([, value]) =>
          value &&
          typeof value === 'object' &&
          Object.values(value).length > 0 &&
          Object.values(value).every((f) => typeof f === 'function'),
      )
      .map(([name, value]) => ({ name, methods: Object.keys(value as object).sort() }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(namespaces.map((ns) => ({ name: ns.name, methods: ns.methods.map((m) => m.name).sort() })).sort(byName)).toEqual(
      actual.sort(byName),
    );
    expect(namespaces.flatMap((ns) => ns.methods).length).toBeGreaterThanOrEqual(100);
    for (const m of namespaces.flatMap((ns) => ns.methods))
      expect(`${m.method} ${m.path}`).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\//);
  }, 60_000);

  it("lists each method's input fields, each with its doc", () => {
    expect(namespaces.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const ns of namespaces)
      for (const m of ns.methods) {
        const takesInput = m.params.some((p) => /^(input|params)\??$/.test(p));
        if (takesInput && m.fields.length === 0 && !m.bytesInput) problems.push(`${ns.name}.${m.name}: no input fields listed`);
        for (const f of m.fields) if (!f.doc) problems.push(`${ns.name}.${m.name}: field ${f.name} has no doc`);
      }
    expect(problems).toEqual([]);
  }, 60_000);

  it('has no internal notes (Undocumented, §, ENDPOINTS, DESIGN) in the sections of declared namespaces', () => {
    const sections = readFileSync(RESOURCES_DOC, 'utf8').split(/^(?=## `client\.)/m);
    expect(sections.length).toBeGreaterThan(namespaces.length);
    const offending = sections.flatMap((text) => text.split('\n').filter((line) => INTERNAL.test(line)));
    expect(offending).toEqual([]);
  });
});
