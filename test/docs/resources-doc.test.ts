/**
 * docs/resources.md, the reference of every API method, is generated from the source
 * (scripts/resources-doc.mjs): it must be current, and it must list every method a real
 * client has, namespace by namespace.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
// @ts-expect-error: a plain .mjs script without types
import { RESOURCES_DOC, collectNamespaces, renderResourcesDoc } from '../../scripts/resources-doc.mjs';

type Namespace = { name: string; methods: { name: string; method: string; path: string }[] };

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
});
