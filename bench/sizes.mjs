// Bundle sizes of every built entry: esbuild --bundle --minify (ESM) with all its dependencies,
// then gzip level 9, as BENCHMARKS.md records them. Run after `npm run build`.
import { existsSync } from 'node:fs';
import { bundledSize } from '../scripts/bundle-size.mjs';

const ENTRIES = ['index', 'webhooks', 'browser', 'workers', 'deno', 'testing'];

console.log('| entry | minified | minified + gzip |');
console.log('|---|--:|--:|');
for (const name of ENTRIES) {
  const file = `dist/${name}.mjs`;
  if (!existsSync(file)) continue;
  const { raw, gzip } = await bundledSize(file);
  console.log(`| ${name === 'index' ? 'plugipay-edge' : `plugipay-edge/${name}`} | ${raw} B | ${gzip} B |`);
  if (name === 'index') {
    // What an app that only calls the API bundles (issue 10's "core with every resource").
    const client = await bundledSize(file, ['PlugipayClient']);
    console.log(`| \`{ PlugipayClient }\` from plugipay-edge | ${client.raw} B | ${client.gzip} B |`);
  }
}
