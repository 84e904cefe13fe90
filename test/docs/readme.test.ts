/**
 * The README works as written:
 * - every TypeScript block compiles against the packed package (Workers blocks with
 *   @cloudflare/workers-types, browser blocks with the DOM alone, the rest as Node code), each
 *   block on its own, as a reader would paste it; the Next.js blocks are built with `next build`
 *   instead, in an app on create-next-app's defaults, by the Next.js runner
 *   (test/runtimes/next/readme-app.mjs): here, that it builds every one of them;
 * - every `npm run …` it shows exists, and the Deno `--allow-env` list is the one `fromEnv` reads;
 * - the Deno section names the error a refused `--allow-net` is;
 * - its size numbers are the suite's budgets;
 * - its error-code table lists exactly the codes the SDK raises (read from src/).
 * Runs after `npm test` has built and packed the package.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../src/core/env-config';
import { hostRefusal } from '../../src/core/host-refusal';
// @ts-expect-error: a plain .mjs module without types
import { BUDGETS, README_NAMES } from '../package/budgets.mjs';
// @ts-expect-error: a plain .mjs helper without types
import { placeBlock, readmeNextBlocks } from '../runtimes/next/readme-app.mjs';
// @ts-expect-error: a plain .mjs helper without types
import { CONSUMER, ROOT, packedConsumer } from '../runtimes/support/packed.mjs';
import { raisedCodes } from '../support/error-codes';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Block {
  lang: string;
  line: number;
  code: string;
}

const blocks: Block[] = [...README.matchAll(/^```(\w*)\n([^]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  line: README.slice(0, m.index).split('\n').length,
  code: m[2]!,
}));

type Env = 'node' | 'workers' | 'next' | 'browser' | 'deno';

/** Where a block runs, from what it imports. */
function envOf(block: Block): Env {
  if (/from 'plugipay-edge\/workers'/.test(block.code)) return 'workers';
  if (block.lang === 'tsx' || /from '(next\/[\w/]+|plugipay-edge\/next)'/.test(block.code)) return 'next';
  if (/from 'plugipay-edge\/browser'/.test(block.code)) return 'browser';
  if (/from 'plugipay-edge\/deno'/.test(block.code)) return 'deno';
  return 'node';
}

/** Compiler options per env; Next.js blocks are built by `next build` instead (see above). */
const COMPILER: Record<Exclude<Env, 'next'>, Record<string, unknown>> = {
  node: { lib: ['ES2022', 'DOM'], types: ['node'] },
  workers: { lib: ['ES2022'], types: ['workers-types'] },
  browser: { lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] },
  deno: { lib: ['ES2022', 'DOM'], types: [] },
};

/** Compiles `files` (name → code) in one env against the packed package; tsc's output. */
function compile(env: Exclude<Env, 'next'>, files: Record<string, string>): string {
  packedConsumer();
  const dir = join(CONSUMER, 'readme', env);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      // @types/* and next resolve from the repository's node_modules, further up.
      typeRoots: [join(ROOT, 'node_modules/@types'), join(ROOT, 'node_modules/@cloudflare')],
      ...COMPILER[env],
    },
    files: Object.keys(files),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const out = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  return (out.stdout + out.stderr).trim();
}

describe('README TypeScript blocks compile against the packed package', () => {
  const typed = blocks.filter((b) => ['ts', 'tsx', 'typescript'].includes(b.lang));

  it('finds the blocks, Workers and Next.js ones included', () => {
    expect(typed.length).toBeGreaterThanOrEqual(10);
    expect(new Set(typed.map(envOf))).toEqual(new Set(['node', 'workers', 'next', 'browser', 'deno']));
  });

  it('next: the Next.js runner builds exactly these blocks, each at the path its first line names', () => {
    const mine = typed.filter((b) => envOf(b) === 'next').map((b) => `README.md:${b.line}`);
    const built = (readmeNextBlocks() as Array<{ source: string }>).map((b) => b.source);
    expect(built).toEqual(mine);
    for (const block of readmeNextBlocks()) expect(placeBlock(block).file).toMatch(/^app\/readme-\d+\/.+\.tsx?$/);
  });

  it('next: a Next.js block that does not name its file is refused by the runner, not skipped', () => {
    expect(() => placeBlock({ source: 'README.md:1', lang: 'ts', code: "import { fromEnv } from 'plugipay-edge/next';\n" })).toThrow(
      /README\.md:1: a Next\.js block starts with a comment naming its file/,
    );
  });

  for (const env of ['node', 'workers', 'browser', 'deno'] as const) {
    const mine = typed.filter((b) => envOf(b) === env);
    it(`${env}: ${mine.map((b) => `README.md:${b.line}`).join(', ')}`, () => {
      const files = Object.fromEntries(mine.map((b) => [`readme-${b.line}.${b.lang === 'tsx' ? 'tsx' : 'ts'}`, `${b.code}\nexport {};\n`]));
      expect(compile(env, files)).toBe('');
    }, 120_000);
  }

  it('the check catches a block that does not compile (a planted one)', () => {
    const out = compile('node', {
      'planted.ts': "import { PlugipayClient } from 'plugipay-edge';\nnew PlugipayClient({ keyId: 1 });\nexport {};\n",
    });
    expect(out).toMatch(/planted\.ts\(2,\d+\): error TS2322/);
  }, 120_000);
});

describe('README commands', () => {
  const shell =
    blocks
      .filter((b) => b.lang === 'sh')
      .map((b) => b.code)
      .join('\n') + README;
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;

  it('every `npm run …` it shows is a script of package.json', () => {
    const named = [...new Set([...shell.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!))];
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });

  it('the Deno section says a refused --allow-net is the error the SDK raises for it', () => {
    const refused = hostRefusal(Object.assign(new Error('Requires net access'), { name: 'NotCapable' }), new URL('https://plugipay.com'));
    expect(refused?.code).toBe('permission_denied');
    const start = README.indexOf('### Deno\n\n```ts');
    expect(start).toBeGreaterThan(0);
    const section = README.slice(start, README.indexOf('\n### ', start + 1));
    const allowNet = section.slice(section.indexOf('- `--allow-net`'));
    expect(allowNet).toContain(`\`PlugipayError\` \`${refused!.code}\``);
    expect(allowNet).toContain('`--allow-net=<host>`');
    expect(refused!.message).toContain('--allow-net=plugipay.com');
    expect(allowNet).not.toMatch(/fails with `PlugipayNetworkError`/);
  });

  it('the Deno --allow-env list is exactly what fromEnv reads', () => {
    const lists = [...README.matchAll(/--allow-env=([\w,]+)/g)].map((m) => m[1]!.split(','));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list.sort()).toEqual(Object.values(ENV).sort());
  });
});

describe('README numbers are the suite’s', () => {
  it('each size budget it states is the one the size tests enforce, and it states no other size', () => {
    const names = README_NAMES as Record<string, string>;
    for (const [entry, { bytes }] of Object.entries(BUDGETS as Record<string, { bytes: number }>)) {
      const stated = [
        ...README.matchAll(new RegExp(`${names[entry]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')} ≤ ([\\d.]+) KB`, 'g')),
      ].map((m) => Number(m[1]));
      expect({ entry, stated }).toEqual({ entry, stated: [Math.round((bytes / 1024) * 10) / 10] });
    }
    // Every "≤ N KB" belongs to one of those names.
    const all = [...README.matchAll(/≤ [\d.]+ KB/g)].length;
    expect(all).toBe(Object.keys(BUDGETS).length);
    // Sizes stated any other way ("about 14 KB", "12 KB") would escape the check above.
    const otherSizes = [...README.matchAll(/(?<![\d.]|≤ )\d+(?:\.\d+)? ?KB\b/g)].map((m) => m[0]);
    expect(otherSizes).toEqual([]);
  });
});

describe('README measured sizes', () => {
  it('are what the built entries measure now (within 2 %, for small changes since the README was written)', async () => {
    // @ts-expect-error: a plain .mjs module without types
    const { bundledSize } = await import('../../scripts/bundle-size.mjs');
    const list = README.match(/measured: ((?:[\d,]+ B, )*[\d,]+ B and [\d,]+ B)/)?.[1];
    expect(list, 'the README states the measured sizes of each budget, in the order of test/package/budgets.mjs').toBeDefined();
    const stated = [list, ...[...list!.matchAll(/([\d,]+) B/g)].map((m) => m[1])];
    const budgets = Object.entries(BUDGETS as Record<string, { entry: string; only?: string[] }>);
    for (const [i, [entry, { entry: file, only }]] of budgets.entries()) {
      const measured: number = (await bundledSize(join(ROOT, `dist/${file}.mjs`), only)).gzip;
      const readme = Number(stated![i + 1]!.replace(/,/g, ''));
      expect({
        entry,
        off: Math.abs(readme - measured) / measured <= 0.02 ? 'within 2 %' : `README ${readme} B, measured ${measured} B`,
      }).toEqual({
        entry,
        off: 'within 2 %',
      });
    }
  }, 60_000);
});

describe('README error-code table', () => {
  it('lists every code the SDK raises, and nothing it does not', () => {
    const start = README.indexOf('Codes the SDK raises itself');
    expect(start).toBeGreaterThan(0);
    const rows = README.slice(start)
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    const table = README.slice(start).split('\n\n')[1]!;
    const listed = table
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.match(/^\| `([^`]+)`/)![1]!);
    expect(rows.length).toBeGreaterThanOrEqual(listed.length);
    const raised = raisedCodes(ROOT);
    expect(raised.size).toBeGreaterThan(10);
    expect(listed.sort()).toEqual([...raised.keys()].sort());
  });
});
