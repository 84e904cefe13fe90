// What the package's declarations cost a consumer's type-check: `tsc --extendedDiagnostics` over
// one small file that uses the client, a namespace, a list and webhook verification, against the
// packed package (test/runtimes/support/packed.mjs), with `skipLibCheck: false` so that the
// package's own declarations are checked too. Prints tsc's counts (types, instantiations: the
// same on any machine) and its times (which follow the machine's load: compare runs made
// together). BENCHMARKS.md, "Type-check cost for a consumer".
//
// Usage: node bench/typecheck.mjs [runs]   (after `npm run build`; packs when no consumer exists)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedConsumer, ROOT } from '../test/runtimes/support/packed.mjs';

const CONSUMER_FILE = `import { PlugipayClient, PlugipayError, verifyWebhook } from 'plugipay-edge';

const client = new PlugipayClient({ keyId: 'pk_test', secret: 'sk_test' });

export async function run(body: string, signature: string): Promise<string> {
  const event = await verifyWebhook(body, signature, 'whsec_test');
  try {
    const customer = await client.customers.create({ email: 'budi@example.com', name: 'Budi' });
    for await (const c of client.customers.list({ limit: 10 })) void c.id;
    return \`\${event.type} \${customer.id}\`;
  } catch (error) {
    if (error instanceof PlugipayError) return error.code;
    throw error;
  }
}
`;

const dir = join(packedConsumer(), 'typecheck');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'use.ts'), CONSUMER_FILE);
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files: ['use.ts'],
  }),
);
const FIELDS = /^(Files|Lines of Definitions|Types|Instantiations|Memory used|Check time|Total time):\s+(.+)$/;
for (let run = 0; run < Number(process.argv[2] ?? 1); run++) {
  const out = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--extendedDiagnostics'], {
    encoding: 'utf8',
  });
  const text = out.stdout + out.stderr;
  const errors = text.split('\n').filter((line) => /error TS/.test(line));
  if (errors.length) throw new Error(`the consumer does not compile:\n${errors.join('\n')}`);
  const fields = Object.fromEntries(
    text
      .split('\n')
      .map((line) => FIELDS.exec(line.trim()))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
  console.log(JSON.stringify(fields));
}
