// How the build takes ofetch: the file of ofetch's build that defines `createFetch` and
// `FetchError` (found through the entry's own import line, so it follows ofetch's build), and the
// modules its `ufo` / `destr` imports resolve to. Shared by rollup.config.mjs (see ofetchCore()
// there for why) and bench/size-breakdown.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * ofetch reaches ufo and destr only behind these options, none of which the transport passes
 * (src/core/transport.ts: no baseURL or query, `responseType: 'stream'`, and `OFETCH_ONLY`
 * strips them from the caller's fetchOptions).
 */
const GUARDED_USES = [
  /if \(context\.options\.baseURL\) \{\s*context\.request = withBase\(/,
  /if \(context\.options\.query\) \{\s*context\.request = withQuery\(/,
  /const responseType = \(context\.options\.parseResponse \? "json" : context\.options\.responseType\) \|\|/,
  /case "json": \{\s*const data = await context\.response\.text\(\);\s*const parseFunction = context\.options\.parseResponse \|\| destr;/,
];

/** What ofetch's ufo and destr imports resolve to: one function that throws if it is ever reached. */
const UNUSED = `() => { throw new Error(${JSON.stringify('plugipay-edge bundles ofetch without ufo and destr: the transport never passes baseURL, query or a JSON responseType')}); }`;

/**
 * `{ file, stubs }`: ofetch's createFetch module, and the source of the module each of its two
 * dependency imports resolves to. Throws when ofetch's build changed shape (export names, or a use
 * of ufo/destr outside the guards above), so the build stops rather than ships a wrong bundle.
 */
export function ofetchCoreBuild() {
  const entry = join(dirname(createRequire(import.meta.url).resolve('ofetch/package.json')), 'dist/index.mjs');
  const chunk = /from '(\.\/shared\/ofetch\.[\w-]+\.mjs)'/.exec(readFileSync(entry, 'utf8'))?.[1];
  if (!chunk) throw new Error(`cannot find ofetch's createFetch module from ${entry}`);
  const file = join(dirname(entry), chunk);
  const source = readFileSync(file, 'utf8');
  if (!(/\bFetchError as F\b/.test(source) && /\bcreateFetch as c\b/.test(source))) {
    throw new Error('ofetch changed its export names; update scripts/ofetch-core.mjs and ofetchCore() in rollup.config.mjs');
  }
  const imports = /^import destr from 'destr';\nimport \{ withBase, withQuery \} from 'ufo';$/m.test(source);
  const body = source.replace(/^import [^\n]*\n/gm, '');
  const usedOnce = ['withBase', 'withQuery', 'destr'].every((name) => body.match(new RegExp(`\\b${name}\\b`, 'g'))?.length === 1);
  if (!imports || !usedOnce || !GUARDED_USES.every((re) => re.test(body))) {
    throw new Error(`ofetch's use of ufo/destr changed in ${file}; re-check scripts/ofetch-core.mjs before bundling it without them`);
  }
  return {
    file,
    stubs: {
      ufo: `const f = ${UNUSED};\nexport { f as withBase, f as withQuery };`,
      destr: `export default ${UNUSED};`,
    },
  };
}
