/**
 * The chunk layout of dist/ (rollup.config.mjs, `chunkLayout()`): which files an entry loads,
 * for cold start, and the rules the layout must keep (one copy of each error class, the
 * Next entry's `server-only` code in no shared chunk, the portable entries free of Node).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { ROOT } from '../runtimes/support/packed.mjs';

const DIST = join(ROOT, 'dist');
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');

/** The relative files `file` imports (static ESM imports/re-exports, or CJS requires). */
function importsOf(file: string): string[] {
  const code = read(file);
  const specifiers = [
    ...code.matchAll(/^(?:import|export)\b[^'"\n]*['"]([^'"]+)['"];$/gm),
    ...code.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g),
  ].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => posix.normalize(posix.join(posix.dirname(file), s)));
}

/** Every file of dist/ that importing `entry` loads, the entry included. */
function loads(entry: string): string[] {
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

const chunkName = (file: string) => file.replace(/^shared\/([\w]+)-[\w-]+\.(m|c)js$/, '$1').replace(/\.(m|c)js$/, '');

describe.each(['mjs', 'cjs'])('dist/*.%s', (ext) => {
  it('importing the core loads 4 files: the entry, core, request and webhooks chunks', () => {
    expect(loads(`index.${ext}`).map(chunkName).sort()).toEqual(['core', 'index', 'request', 'webhooks']);
  });

  it('the webhooks entry loads only its own small chunk, and the browser entry no resources', () => {
    expect(loads(`webhooks.${ext}`).map(chunkName)).toEqual(['webhooks', 'webhooks']);
    expect(loads(`browser.${ext}`).map(chunkName)).toEqual(['browser', 'request', 'webhooks']);
  });

  it('each error class is defined once, in the chunk every entry shares (instanceof holds across entries)', () => {
    const files = [
      ...readdirSync(DIST).filter((f) => f.endsWith(`.${ext}`) && f !== 'cli.mjs'),
      ...readdirSync(join(DIST, 'shared')).map((f) => `shared/${f}`),
    ].filter((f) => f.endsWith(`.${ext}`));
    for (const name of ['PlugipayError', 'PlugipayNetworkError', 'PlugipayTimeoutError', 'PlugipaySignatureError']) {
      const defining = files.filter((f) => new RegExp(`\\bclass ${name}\\b`).test(read(f)));
      expect({ name, defining: defining.map(chunkName) }).toEqual({ name, defining: ['webhooks'] });
    }
  });

  it("the Next entry's server-only code stays in the Next entry; the portable entries load no Node built-in", () => {
    const shared = readdirSync(join(DIST, 'shared')).filter((f) => f.endsWith(`.${ext}`));
    for (const file of shared) expect(read(`shared/${file}`), file).not.toMatch(/server-only|createWebhookRoute\s*\(/);
    expect(read(`next.${ext}`)).toMatch(/server-only/);
    for (const entry of ['index', 'webhooks', 'browser', 'workers', 'deno', 'next', 'testing']) {
      for (const file of loads(`${entry}.${ext}`)) expect(read(file), `${entry} loads ${file}`).not.toMatch(/['"]node:/);
    }
    expect(read(`testing-node.${ext}`)).toMatch(/['"]node:http['"]/);
  });
});
