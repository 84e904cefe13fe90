import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({
  entryPoints: [process.argv[2]],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  logLevel: 'silent',
});
const t = r.outputFiles[0].text;
console.log(t.length, gzipSync(t, { level: 9 }).length);
for (const m of [
  'keyId',
  'dangerouslyAllowBrowser',
  'withQuery',
  'destr',
  'retry-after',
  'deadlineMs',
  'picklist',
  'strictObject',
  '"[ofetch]',
  'retryStatusCodes',
  'invalid_timestamp',
  'Idempotency',
  'hmac',
  'HMAC',
  'parseURL',
  'protocolRelative',
])
  console.log(m, t.includes(m));
