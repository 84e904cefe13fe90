/** Property tests (fast-check): tampering is always caught, honest signatures always pass, garbage never escapes. */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlugipayError, PlugipaySignatureError, verifyWebhook } from '../../src/entries/webhooks';

const RUNS = { numRuns: 200 };
const T = 1750000000;
const NOW = { now: T * 1000 };

const sign = (secret: string, t: string | number, body: Uint8Array | string) =>
  createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');

const event = fc.record({
  id: fc.string({ minLength: 1 }),
  type: fc.oneof(fc.constantFrom('plugipay.invoice.paid.v1', 'plugipay.customer.created.v1'), fc.string()),
  accountId: fc.string(),
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  data: fc.record({ object: fc.jsonValue() }),
});
const secret = fc.string({ minLength: 1, unit: 'grapheme' });
const bodyBytes = event.map((e) => new TextEncoder().encode(JSON.stringify(e)));

/** A copy of `bytes` with exactly one byte changed. */
const oneByteChanged = (bytes: Uint8Array) =>
  fc.record({ index: fc.nat({ max: bytes.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }).map(({ index, xor }) => {
    const copy = bytes.slice();
    copy[index]! ^= xor;
    return copy;
  });

const asciiChanged = (text: string, alphabet: string) =>
  fc.record({ index: fc.nat({ max: text.length - 1 }), pick: fc.nat() }).map(({ index, pick }) => {
    const others = alphabet.replace(text[index]!, '');
    return text.slice(0, index) + others[pick % others.length] + text.slice(index + 1);
  });

async function expectSignatureError(promise: Promise<unknown>) {
  await expect(promise).rejects.toBeInstanceOf(PlugipaySignatureError);
}

describe('properties', () => {
  it('any correctly signed event within the window verifies, as text and as bytes', async () => {
    await fc.assert(
      fc.asyncProperty(event, secret, fc.integer({ min: -300, max: 300 }), async (e, s, skew) => {
        const body = JSON.stringify(e);
        const header = `t=${T},v1=${sign(s, T, body)}`;
        const options = { now: (T + skew) * 1000 };
        // Compared with the parsed body, not `e`: JSON turns -0 into 0.
        const parsed = JSON.parse(body);
        expect(await verifyWebhook(body, header, s, options)).toEqual(parsed);
        expect(await verifyWebhook(new TextEncoder().encode(body), header, s, options)).toEqual(parsed);
      }),
      RUNS,
    );
  });

  it('changing any one byte of the body is rejected with a PlugipaySignatureError', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        bodyBytes.chain((bytes) => fc.tuple(fc.constant(bytes), oneByteChanged(bytes))),
        async (s, [original, changed]) => {
          const header = `t=${T},v1=${sign(s, T, original)}`;
          await expectSignatureError(verifyWebhook(changed, header, s, NOW));
        },
      ),
      RUNS,
    );
  });

  it("changing any one character of the header's signature is rejected", async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        event.map((e) => JSON.stringify(e)),
        fc.nat(),
        fc.nat(),
        async (s, body, index, pick) => {
          const hex = sign(s, T, body);
          const i = index % 64;
          const others = '0123456789abcdefABCDEFxz'.replace(hex[i]!, '').replace(hex[i]!.toUpperCase(), '');
          const changed = hex.slice(0, i) + others[pick % others.length] + hex.slice(i + 1);
          await expectSignatureError(verifyWebhook(body, `t=${T},v1=${changed}`, s, NOW));
        },
      ),
      RUNS,
    );
  });

  it("changing any one character of the header's timestamp is rejected", async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        event.map((e) => JSON.stringify(e)),
        asciiChanged(String(T), '0123456789x-. '),
        async (s, body, t) => {
          await expectSignatureError(verifyWebhook(body, `t=${t},v1=${sign(s, T, body)}`, s, { now: T * 1000, toleranceSec: Infinity }));
        },
      ),
      RUNS,
    );
  });

  it('changing any one character of the secret is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, unit: 'binary-ascii' }).chain((s) => fc.tuple(fc.constant(s), asciiChanged(s, 'aZ09_-$\u00e9\u{1F680}'))),
        event.map((e) => JSON.stringify(e)),
        async ([s, wrong], body) => {
          fc.pre(s !== wrong);
          await expectSignatureError(verifyWebhook(body, `t=${T},v1=${sign(s, T, body)}`, wrong, NOW));
        },
      ),
      RUNS,
    );
  });

  it('no input, however malformed, throws anything but a PlugipayError', async () => {
    const header = fc.oneof(
      fc.string(),
      fc.constantFrom('t=1750000000,v1=' + 'a'.repeat(64), 't=,v1=', '=,=', 't=1750000000'),
      fc.array(fc.string()),
      fc.anything(),
    );
    const payload = fc.oneof(fc.string(), fc.uint8Array(), fc.anything(), fc.constant(new ArrayBuffer(3)));
    const secrets = fc.oneof(fc.string(), fc.array(fc.string()), fc.anything());
    const options = fc.oneof(
      fc.constant(undefined),
      fc.record(
        { now: fc.oneof(fc.double(), fc.date(), fc.anything()), toleranceSec: fc.oneof(fc.double(), fc.anything()) },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(payload, header, secrets, options, async (p, h, s, o) => {
        try {
          await verifyWebhook(p as never, h as never, s as never, o as never);
        } catch (err) {
          expect(err).toBeInstanceOf(PlugipayError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('garbage headers on a real body never verify and always fail as a signature error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (h) => {
        await expectSignatureError(verifyWebhook('{"id":"e","type":"t"}', h, 'whsec_x', NOW));
      }),
      RUNS,
    );
  });
});
