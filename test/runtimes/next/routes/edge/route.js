// Added to the built copy of the Next.js playground by the suite: the shared checks inside a
// route handler on the edge runtime, against the emulator named by the environment.
import * as core from 'plugipay-edge';
import * as browser from 'plugipay-edge/browser';
import * as testing from 'plugipay-edge/testing';
import * as webhooks from 'plugipay-edge/webhooks';
import { runChecks } from '../../../test-support/checks.mjs';

export const runtime = 'edge';

export async function GET() {
  const result = await runChecks({
    entries: { '.': core, './webhooks': webhooks, './testing': testing, './browser': browser },
    makeClient: () =>
      new core.PlugipayClient({
        keyId: process.env.PLUGIPAY_KEY_ID,
        secret: process.env.PLUGIPAY_SECRET,
        baseUrl: process.env.PLUGIPAY_BASE_URL,
      }),
    extra: [
      {
        name: 'next edge: the handler runs on the edge runtime',
        async run() {
          if (typeof EdgeRuntime !== 'string') throw new Error('not the edge runtime');
          return `EdgeRuntime = ${EdgeRuntime}`;
        },
      },
    ],
  });
  return Response.json(result);
}
