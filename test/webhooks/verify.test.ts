/** WIRE 7 and every outcome of WIRE 8, on `verifyWebhook`. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PlugipayError, PlugipaySignatureError, isEventType, verifyWebhook } from '../../src/entries/webhooks';
import { signWebhookPayload } from '../../src/testing/sign-webhook';
import { vectors, type WebhookVector } from '../support/vectors';

const W = (id: string) => vectors.webhooks.find((w) => w.id === id) as WebhookVector;
const at = (w: WebhookVector, offsetSec: number) => ({ now: (w.t + offsetSec) * 1000 });

/** Independent of src/: node:crypto, so a shared bug cannot hide. */
const nodeSig = (secret: string, t: number | string, body: string | Buffer) =>
  createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<PlugipayError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PlugipayError);
    return err as PlugipayError;
  }
  throw new Error('expected a rejection');
}

async function expectSignatureError(promise: Promise<unknown>, code: string): Promise<PlugipaySignatureError> {
  const err = await rejection(promise);
  expect(err).toBeInstanceOf(PlugipaySignatureError);
  expect(err).toMatchObject({ name: 'PlugipaySignatureError', status: 401, code, requestId: null });
  return err;
}

describe('WIRE 8 webhook vectors', () => {
  it('the vector headers are HMAC-SHA256 of "<t>.<body>" (cross-check with node:crypto)', () => {
    for (const w of vectors.webhooks) expect(w.header).toBe(`t=${w.t},v1=${nodeSig(w.secret, w.t, w.body)}`);
  });

  it('W1 at now = t+10 verifies and resolves to the event', async () => {
    const w = W('W1');
    const event = await verifyWebhook(w.body, w.header, w.secret, at(w, 10));
    expect(event).toEqual(JSON.parse(w.body));
    expect(event.type).toBe('plugipay.invoice.paid.v1');
  });

  it('W2 verifies and narrows to a typed checkout_session.completed event', async () => {
    const w = W('W2');
    const event = await verifyWebhook(w.body, w.header, w.secret, { now: new Date((w.t + 1) * 1000) });
    expect(isEventType(event, 'plugipay.checkout_session.completed.v1')).toBe(true);
    if (isEventType(event, 'plugipay.checkout_session.completed.v1')) expect(event.data.object.id).toBe('cs_1');
  });

  it('W3 header against body {"hello":"mars"} is signature_invalid', async () => {
    const w = W('W3');
    await expectSignatureError(verifyWebhook('{"hello":"mars"}', w.header, w.secret, at(w, 0)), 'signature_invalid');
  });

  it('W4 at t+600 is stale; at t+400 stale by default and valid with toleranceSec 600; at t-400 stale', async () => {
    const w = W('W4');
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, at(w, 600)), 'signature_stale');
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, at(w, 400)), 'signature_stale');
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, at(w, -400)), 'signature_stale');
    // W4 is signed correctly but `{}` is not an event: past the freshness check it is invalid_payload.
    const err = await rejection(verifyWebhook(w.body, w.header, w.secret, { ...at(w, 400), toleranceSec: 600 }));
    expect(err).toMatchObject({ code: 'invalid_payload', status: 400 });
  });

  it('the window is inclusive at exactly toleranceSec, both directions', async () => {
    const w = W('W1');
    await expect(verifyWebhook(w.body, w.header, w.secret, at(w, 300))).resolves.toBeTruthy();
    await expect(verifyWebhook(w.body, w.header, w.secret, at(w, -300))).resolves.toBeTruthy();
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, { now: (w.t + 300) * 1000 + 1 }), 'signature_stale');
  });

  it('a timestamp in the future beyond the window is stale', async () => {
    const w = W('W1');
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, at(w, -301)), 'signature_stale');
  });

  it.each(['not-a-valid-header', 't=abc,v1=a27a43ad604742dd06c12f700419e47e4101167d0c1c7893bf2aaf52a8f2901c', 't=123,v1=ZZZZ'])(
    'header %j is signature_malformed',
    async (header) => {
      const w = W('W1');
      await expectSignatureError(verifyWebhook(w.body, header, w.secret, at(w, 0)), 'signature_malformed');
    },
  );

  it("W1's header under secret wrong_secret is signature_invalid", async () => {
    const w = W('W1');
    await expectSignatureError(verifyWebhook(w.body, w.header, 'wrong_secret', at(w, 0)), 'signature_invalid');
  });

  it('a correctly signed "not json", and W3 and W4 (JSON but not events), are invalid_payload', async () => {
    const t = 1750000000;
    const header = `t=${t},v1=${nodeSig('whsec_x', t, 'not json')}`;
    for (const [body, h] of [
      ['not json', header],
      [W('W3').body, W('W3').header],
      [W('W4').body, W('W4').header],
    ]) {
      const err = await rejection(verifyWebhook(body!, h!, 'whsec_x', { now: t * 1000 }));
      expect(err).not.toBeInstanceOf(PlugipaySignatureError);
      expect(err).toMatchObject({ name: 'PlugipayError', status: 400, code: 'invalid_payload' });
    }
  });
});

describe('verifyWebhook: header', () => {
  const w = W('W1');
  const sig = w.header.slice(w.header.indexOf('v1=') + 3);

  it.each([undefined, null, ''])('no header (%j) is signature_missing', async (header) => {
    await expectSignatureError(verifyWebhook(w.body, header as never, w.secret, at(w, 0)), 'signature_missing');
  });

  it.each([
    ['t only', `t=${w.t}`],
    ['v1 only', `v1=${sig}`],
    ['v1 too short', `t=${w.t},v1=${sig.slice(1)}`],
    ['v1 too long', `t=${w.t},v1=${sig}0`],
    ['v0 only', `t=${w.t},v0=${sig}`],
    ['negative t', `t=-${w.t},v1=${sig}`],
    ['t with a fraction', `t=${w.t}.5,v1=${sig}`],
    ['empty t', `t=,v1=${sig}`],
    ['spaces around "="', `t = ${w.t},v1=${sig}`],
    ['a bad t after a good one', `t=${w.t},t=x,v1=${sig}`],
    ['garbage', ',,,=,=='],
  ])('%s is signature_malformed', async (_, header) => {
    await expectSignatureError(verifyWebhook(w.body, header, w.secret, at(w, 0)), 'signature_malformed');
  });

  it.each([
    ['reordered', `v1=${sig},t=${w.t}`],
    ['spaces after commas', `t=${w.t}, v1=${sig}`],
    ['spaces and tabs around parts', `  t=${w.t} ,\tv1=${sig}  `],
    ['unknown keys', `t=${w.t},v0=abc,foo,v1=${sig},scheme=hmac`],
    ['uppercase hex', `t=${w.t},v1=${sig.toUpperCase()}`],
    ['the matching v1 after a non-matching one', `t=${w.t},v1=${'0'.repeat(64)},v1=${sig}`],
    ['the matching v1 before a non-matching one', `t=${w.t},v1=${sig},v1=${'f'.repeat(64)}`],
    ['the matching v1 among malformed ones', `t=${w.t},v1=zz,v1=${sig},v1=${sig}00`],
  ])('%s verifies', async (_, header) => {
    await expect(verifyWebhook(w.body, header, w.secret, at(w, 0))).resolves.toMatchObject({ id: 'evt_x' });
  });

  it('several v1 values, none matching, is signature_invalid', async () => {
    const header = `t=${w.t},v1=${'0'.repeat(64)},v1=${'a'.repeat(64)},v1=${sig.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`;
    await expectSignatureError(verifyWebhook(w.body, header, w.secret, at(w, 0)), 'signature_invalid');
  });

  it('a non-string header is signature_malformed, never a verdict', async () => {
    for (const header of [[`t=${w.t}`, `v1=${sig}`], 42, { t: w.t }]) {
      await expectSignatureError(verifyWebhook(w.body, header as never, w.secret, at(w, 0)), 'signature_malformed');
    }
  });

  it('a timestamp with leading zeros is signed as sent', async () => {
    const t = `0${w.t}`;
    const header = `t=${t},v1=${nodeSig(w.secret, t, w.body)}`;
    await expect(verifyWebhook(w.body, header, w.secret, at(w, 0))).resolves.toBeTruthy();
    await expectSignatureError(verifyWebhook(w.body, `t=${t},v1=${sig}`, w.secret, at(w, 0)), 'signature_invalid');
  });

  it('an invalid signature is reported before a stale timestamp (WIRE 7 order)', async () => {
    await expectSignatureError(verifyWebhook(w.body, w.header, 'wrong_secret', at(w, 10_000)), 'signature_invalid');
  });
});

describe('verifyWebhook: secrets', () => {
  const w = W('W1');

  it('a list where only the second secret matches verifies', async () => {
    await expect(verifyWebhook(w.body, w.header, ['whsec_old', w.secret], at(w, 0))).resolves.toMatchObject({ id: 'evt_x' });
  });

  it('a list where none matches is signature_invalid', async () => {
    await expectSignatureError(verifyWebhook(w.body, w.header, ['whsec_a', 'whsec_b'], at(w, 0)), 'signature_invalid');
  });

  it('during a rotation, two v1 values and two secrets cross-match', async () => {
    const t = w.t;
    const header = `t=${t},v1=${nodeSig('whsec_new', t, w.body)},v1=${nodeSig('whsec_old', t, w.body)}`;
    await expect(verifyWebhook(w.body, header, ['whsec_unrelated', 'whsec_old'], at(w, 0))).resolves.toBeTruthy();
  });

  it.each([[''], [[]], [['']], [[w.secret, '']], [undefined], [null], [42], [{}], [[w.secret, 7]]])(
    'secret %j is a usage error (invalid_request), not a verdict',
    async (secret) => {
      const err = await rejection(verifyWebhook(w.body, w.header, secret as never, at(w, 0)));
      expect(err).not.toBeInstanceOf(PlugipaySignatureError);
      expect(err).toMatchObject({ code: 'invalid_request', status: 0 });
      expect(err.message).toMatch(/^secret: .*whsec_/);
    },
  );

  it('many distinct secrets do not break verification (the key cache is bounded)', async () => {
    for (let i = 0; i < 40; i++) {
      await expectSignatureError(verifyWebhook(w.body, w.header, `whsec_${i}`, at(w, 0)), 'signature_invalid');
    }
    await expect(verifyWebhook(w.body, w.header, w.secret, at(w, 0))).resolves.toBeTruthy();
  });

  it('the secret appears in no message, toJSON() or String(err), for any failure', async () => {
    const secret = 'whsec_TOP_SECRET_value_123';
    const t = w.t;
    const good = `t=${t},v1=${nodeSig(secret, t, w.body)}`;
    const failures = [
      () => verifyWebhook(w.body, undefined, secret, at(w, 0)),
      () => verifyWebhook(w.body, 'nope', secret, at(w, 0)),
      () => verifyWebhook(w.body, w.header, secret, at(w, 0)),
      () => verifyWebhook(w.body, good, secret, at(w, 1000)),
      () =>
        verifyWebhook(secret, `t=${t},v1=${nodeSig(secret, t, secret)}`, secret, at(w, 0)).then(() => {
          throw new Error('unreachable');
        }),
      () => verifyWebhook({ secret } as never, good, secret, at(w, 0)),
      () => verifyWebhook(w.body, good, [secret, ''], at(w, 0)),
    ];
    for (const fail of failures) {
      const err = await rejection(fail());
      for (const text of [err.message, String(err), JSON.stringify(err), JSON.stringify(err.toJSON()), err.stack ?? '']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('verifyWebhook: payload', () => {
  const w = W('W1');

  it('accepts Uint8Array, ArrayBuffer, a Buffer slice and other views of the raw bytes', async () => {
    const bytes = new TextEncoder().encode(w.body);
    const padded = Buffer.concat([Buffer.from('xxxx'), Buffer.from(w.body), Buffer.from('yy')]);
    const inputs = [
      bytes,
      bytes.buffer,
      Buffer.from(w.body),
      padded.subarray(4, 4 + bytes.length),
      new DataView(padded.buffer, padded.byteOffset + 4, bytes.length),
    ];
    for (const payload of inputs) {
      await expect(verifyWebhook(payload as never, w.header, w.secret, at(w, 0))).resolves.toMatchObject({ id: 'evt_x' });
    }
  });

  it('verifies non-ASCII bodies byte-exactly, as text and as bytes', async () => {
    const body = JSON.stringify({ id: 'evt_ü', type: 'plugipay.customer.created.v1', data: { object: { name: 'Ádá 🚀' } } });
    const t = w.t;
    const header = `t=${t},v1=${nodeSig('whsec_u', t, Buffer.from(body, 'utf8'))}`;
    await expect(verifyWebhook(body, header, 'whsec_u', at(w, 0))).resolves.toMatchObject({ id: 'evt_ü' });
    await expect(verifyWebhook(Buffer.from(body), header, 'whsec_u', at(w, 0))).resolves.toMatchObject({ id: 'evt_ü' });
  });

  it.each([
    ['a parsed object', JSON.parse(W('W1').body)],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array of bytes', [1, 2, 3]],
  ])('%s as payload is a usage error saying to pass the raw body', async (_, payload) => {
    const err = await rejection(verifyWebhook(payload as never, w.header, w.secret, at(w, 0)));
    expect(err).not.toBeInstanceOf(PlugipaySignatureError);
    expect(err).toMatchObject({ code: 'invalid_request', status: 0 });
    expect(err.message).toMatch(/raw body/);
  });

  it('a re-serialized body fails with a message that says so', async () => {
    const event = JSON.parse(w.body);
    for (const body of [JSON.stringify(event, null, 2), String(event as object), '{"id": "evt_x"}']) {
      const err = await expectSignatureError(verifyWebhook(body, w.header, w.secret, at(w, 0)), 'signature_invalid');
      expect(err.message).toMatch(/re-serialized.*raw body/);
    }
  });

  it('any mismatch names both fixes: the secret, and the raw body', async () => {
    // One message for every mismatch: the heuristic that told a re-serialized body apart gave
    // its bytes to the raw-byte rules of issue 11 within the entry's 1.5 KB.
    const err = await expectSignatureError(verifyWebhook(w.body, w.header, 'whsec_other', at(w, 0)), 'signature_invalid');
    expect(err.message).toMatch(/secret.*raw body/);
  });
});

describe('verifyWebhook: options', () => {
  const w = W('W1');

  it('now as a Date and as milliseconds agree', async () => {
    await expect(verifyWebhook(w.body, w.header, w.secret, { now: new Date((w.t + 5) * 1000) })).resolves.toBeTruthy();
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, { now: new Date((w.t + 500) * 1000) }), 'signature_stale');
  });

  it('defaults now to the current time', async () => {
    const body = '{"id":"evt_now","type":"plugipay.customer.created.v1","data":{"object":{}}}';
    const header = await signWebhookPayload(body, 'whsec_now');
    await expect(verifyWebhook(body, header, 'whsec_now')).resolves.toMatchObject({ id: 'evt_now' });
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret), 'signature_stale');
  });

  it('a NaN or invalid clock or tolerance counts as stale, never as fresh', async () => {
    for (const options of [{ now: Number.NaN }, { now: new Date('nope') }, { toleranceSec: Number.NaN }, { now: 'x' as never }]) {
      await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, { ...at(w, 0), ...options }), 'signature_stale');
    }
  });

  it('toleranceSec: Infinity turns the freshness check off', async () => {
    await expect(verifyWebhook(w.body, w.header, w.secret, { ...at(w, 1e9), toleranceSec: Infinity })).resolves.toBeTruthy();
  });

  it('null options are the defaults', async () => {
    await expectSignatureError(verifyWebhook(w.body, w.header, w.secret, null as never), 'signature_stale');
  });
});

describe('verifyWebhook: events', () => {
  const secret = 'whsec_events';
  const t = 1750000000;
  const verify = async (event: unknown) => {
    const body = JSON.stringify(event);
    return verifyWebhook(body, await signWebhookPayload(body, secret, { timestamp: t }), secret, { now: t * 1000 });
  };

  it('checks the event shape: id and type strings; data an object, occurredAt and accountId strings where present', async () => {
    await expect(verify({ id: 'evt_1', type: 'payment.succeeded', data: { object: null } })).resolves.toEqual({
      id: 'evt_1',
      type: 'payment.succeeded',
      data: { object: null },
    });
    await expect(
      verify({ id: 'evt_1', type: 'x', accountId: 'acct_1', occurredAt: '2026-01-01T00:00:00Z', data: { object: 1 }, extra: [1] }),
    ).resolves.toMatchObject({ extra: [1] });
    // Only id and type are required (docs-style events put the resource in data itself).
    await expect(verify({ id: 'evt_1', type: 'x' })).resolves.toEqual({ id: 'evt_1', type: 'x' });
    await expect(verify({ id: 'evt_1', type: 'x', data: { id: 'inv_1' } })).resolves.toMatchObject({ data: { id: 'inv_1' } });
    for (const event of [
      { id: 'evt_1', type: 'x', data: 5 },
      { id: 'evt_1', type: 'x', data: [] },
      { id: 'evt_1', type: 'x', data: null },
      { id: 'evt_1', type: 'x', data: { object: {} }, occurredAt: 5 },
      { id: 'evt_1', type: 'x', data: { object: {} }, accountId: 7 },
    ]) {
      await expect(verify(event)).rejects.toMatchObject({ code: 'invalid_payload', status: 400 });
    }
  });

  it('unknown types come back whole, as the generic variant', async () => {
    const event = await verify({ id: 'evt_2', type: 'plugipay.invoice.payment_failed.v1', data: { object: { id: 'in_1' } } });
    expect(isEventType(event, 'plugipay.invoice.paid.v1')).toBe(false);
    expect(event.data?.object).toEqual({ id: 'in_1' });
  });

  it('extras of the catalog reach the typed variants', async () => {
    const event = await verify({
      id: 'evt_3',
      type: 'plugipay.gift_card.redeemed.v1',
      data: { object: { id: 'gc_1' }, entry: { id: 'gce_1', delta: -500 } },
    });
    if (!isEventType(event, 'plugipay.gift_card.redeemed.v1')) throw new Error('not narrowed');
    expect(event.data.entry.delta).toBe(-500);
  });

  it.each([
    [[]],
    [['evt', 'type']],
    ['a string'],
    [42],
    [null],
    [{ id: 1, type: 'x' }],
    [{ id: 'evt', type: null }],
    [{ type: 'x' }],
    [{ id: 'evt' }],
  ])('%j is invalid_payload', async (event) => {
    const err = await rejection(verify(event));
    expect(err).toMatchObject({ name: 'PlugipayError', code: 'invalid_payload', status: 400 });
  });
});
