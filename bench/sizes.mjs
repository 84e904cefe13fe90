// Bundle sizes of every built entry: esbuild --bundle --minify (ESM) with all its dependencies,
// then gzip level 9, as BENCHMARKS.md records them. Run after `npm run build`.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRIES = ['index', 'webhooks', 'browser', 'workers', 'deno', 'testing'];

console.log('| entry | minified | minified + gzip |');
console.log('|---|--:|--:|');
for (const name of ENTRIES) {
  const file = `dist/${name}.mjs`;
  if (!existsSync(file)) continue;
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  console.log(
    `| ${name === 'index' ? 'plugipay-edge' : `plugipay-edge/${name}`} | ${code.length} B | ${gzipSync(code, { level: 9 }).length} B |`,
  );
}
