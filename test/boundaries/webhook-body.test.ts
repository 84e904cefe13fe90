/**
 * A hostile sender against webhook verification: the signature header is judged before a byte
 * of the body is read, a body over `maxBodyBytes` is refused (by its Content-Length, or by
 * counting the stream when it has none or lies), and a header full of `v1` values costs one
 * HMAC per secret. Bodies are streams that count what is pulled from them, so "not read" is
 * measured, not assumed.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlugipayError, verifyWebhook, verifyWebhookRequest } from '../../src/entries/webhooks';
import { createWebhookHandler, memoryDedupe } from '../../src/entries/workers';
import { failure } from '../support/failure';

const SECRET = 'whsec_body_limits';
const T = 1_767_225_600;
const now = T * 1000;
const sign = (body: Uint8Array | string, secret = SECRET) =>
  createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${T}.`), Buffer.from(body)]))
    .digest('hex');
const EVENT = '{"id":"evt_1","type":"plugipay.invoice.paid.v1","data":{"object":{"id":"inv_1"}}}';
const MiB = 1024 * 1024;

afterEach(() => vi.restoreAllMocks());

/** A body of `total` bytes in 64 KiB chunks, produced only as it is read; `pulled` counts what was. */
function countingBody(total: number) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const piece = chunk.subarray(0, Math.min(chunk.length, total - state.pulled));
      state.pulled += piece.length;
      controller.enqueue(piece);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const request = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('https://merchant.example/webhooks', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);

describe('the header before the body', () => {
  it.each([
    ['no header', {}, 'signature_missing'],
    ['an empty header', { 'x-plugipay-signature': '' }, 'signature_missing'],
    ['a malformed header', { 'x-plugipay-signature': 'v1=nothex' }, 'signature_malformed'],
    ['a header without t', { 'x-plugipay-signature': `v1=${'0'.repeat(64)}` }, 'signature_malformed'],
  ])('%s is answered without reading a byte of a 100 MB body', async (_, headers, code) => {
    const { stream, state } = countingBody(100 * MiB);
    const error = await failure(verifyWebhookRequest(request(stream, headers), SECRET, { now }));
    expect(error).toMatchObject({ code, status: 401 });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024); // at most what the stream queued on its own
  });

  it('the Workers handler answers a headerless 100 MB post with 401 the same way, and never claims', async () => {
    const store = memoryDedupe();
    const claim = vi.spyOn(store, 'claim');
    const handler = createWebhookHandler(() => undefined, { dedupe: store });
    const { stream, state } = countingBody(100 * MiB);
    const response = await handler(request(stream), { PLUGIPAY_WEBHOOK_SECRET: SECRET }, {});
    expect(response.status).toBe(401);
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
    expect(claim).not.toHaveBeenCalled();
  });
});

describe('maxBodyBytes (default 1 MiB)', () => {
  const signed = { 'x-plugipay-signature': `t=${T},v1=${sign(EVENT)}` };

  it('a declared Content-Length over the limit is payload_too_large (413) before a byte is read', async () => {
    const { stream, state } = countingBody(2 * MiB);
    const headers = { ...signed, 'content-length': String(2 * MiB) };
    const error = await failure(verifyWebhookRequest(request(stream, headers), SECRET, { now }));
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413, name: 'PlugipayError' });
    expect(error.message).toMatch(/maxBodyBytes \(1048576\)/);
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it('a body without Content-Length is counted as it streams and cut off just past the limit (the stream cancelled)', async () => {
    const { stream, state } = countingBody(100 * MiB);
    const error = await failure(verifyWebhookRequest(request(stream, signed), SECRET, { now }));
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(MiB + 2 * 64 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it('maxBodyBytes sets the limit; a body of exactly that many bytes verifies', async () => {
    const size = Buffer.byteLength(EVENT);
    await expect(verifyWebhookRequest(request(EVENT, signed), SECRET, { now, maxBodyBytes: size })).resolves.toMatchObject({ id: 'evt_1' });
    const over = await failure(verifyWebhookRequest(request(EVENT, signed), SECRET, { now, maxBodyBytes: size - 1 }));
    expect(over).toMatchObject({ code: 'payload_too_large' });
    // The raw-body form honours it too.
    expect(await failure(verifyWebhook(EVENT, signed['x-plugipay-signature'], SECRET, { now, maxBodyBytes: size - 1 }))).toMatchObject({
      code: 'payload_too_large',
    });
  });

  it('the handlers answer it 413 with the code, and refuse a bad maxBodyBytes when built', async () => {
    const handler = createWebhookHandler(() => undefined, { maxBodyBytes: 10 });
    const response = await handler(request(EVENT, signed), { PLUGIPAY_WEBHOOK_SECRET: SECRET }, {});
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    for (const bad of [0, -1, 1.5, Number.NaN, '10']) {
      expect(() => createWebhookHandler(() => undefined, { maxBodyBytes: bad as never })).toThrow(
        /maxBodyBytes must be a whole number of bytes ≥ 1/,
      );
    }
  });

  it('a body that fails mid-stream is invalid_payload (a PlugipayError), not a raw stream error', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const error = await failure(verifyWebhookRequest(request(stream, signed), SECRET, { now }));
    expect(error).toBeInstanceOf(PlugipayError);
    expect(error).toMatchObject({ code: 'invalid_payload' });
  });
});

describe('one HMAC per secret', () => {
  it('16 bogus v1 values and two secrets cost two HMACs, and a real signature among them still matches', async () => {
    const signs = vi.spyOn(crypto.subtle, 'sign');
    const verifies = vi.spyOn(crypto.subtle, 'verify');
    const bogus = Array.from({ length: 15 }, (_, i) => `v1=${i.toString(16).padStart(64, '0')}`);
    const header = `t=${T},${bogus.join(',')},v1=${sign(EVENT)}`;
    await expect(verifyWebhook(EVENT, header, ['whsec_other', SECRET], { now })).resolves.toMatchObject({ id: 'evt_1' });
    expect(signs).toHaveBeenCalledTimes(2);
    expect(verifies).not.toHaveBeenCalled();
    signs.mockClear();
    const forged = `t=${T},${bogus.join(',')},v1=${'f'.repeat(64)}`;
    expect(await failure(verifyWebhook(EVENT, forged, ['whsec_other', SECRET], { now }))).toMatchObject({ code: 'signature_invalid' });
    expect(signs).toHaveBeenCalledTimes(2);
    // Every byte is compared: a signature off in its last byte only is refused.
    const good = sign(EVENT);
    const last = (parseInt(good.slice(-2), 16) ^ 1).toString(16).padStart(2, '0');
    const offByOne = `t=${T},v1=${good.slice(0, -2)}${last}`;
    expect(await failure(verifyWebhook(EVENT, offByOne, SECRET, { now }))).toMatchObject({ code: 'signature_invalid' });
  });
});

describe('event shape per the wire', () => {
  it('{ id, type } without data is an event', async () => {
    const body = '{"id":"evt_min","type":"plugipay.something.new.v1"}';
    await expect(verifyWebhook(body, `t=${T},v1=${sign(body)}`, SECRET, { now })).resolves.toEqual({
      id: 'evt_min',
      type: 'plugipay.something.new.v1',
    });
  });

  it.each([['null'], ['"x"'], ['7'], ['true']])('data that is present but %s is invalid_payload', async (data) => {
    const body = `{"id":"evt_1","type":"x","data":${data}}`;
    expect(await failure(verifyWebhook(body, `t=${T},v1=${sign(body)}`, SECRET, { now }))).toMatchObject({ code: 'invalid_payload' });
  });

  it('a UTF-8 BOM before the JSON: the HMAC is over the bytes as sent, the BOM skipped for parsing', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EVENT)]);
    const header = `t=${T},v1=${sign(bytes)}`;
    await expect(verifyWebhook(bytes, header, SECRET, { now })).resolves.toMatchObject({ id: 'evt_1' });
    await expect(verifyWebhook('\uFEFF' + EVENT, header, SECRET, { now })).resolves.toMatchObject({ id: 'evt_1' });
    await expect(verifyWebhookRequest(request(bytes, { 'x-plugipay-signature': header }), SECRET, { now })).resolves.toMatchObject({
      id: 'evt_1',
    });
    // Signed without the BOM it was sent with: the bytes differ, so the signature does not hold.
    expect(await failure(verifyWebhook(bytes, `t=${T},v1=${sign(EVENT)}`, SECRET, { now }))).toMatchObject({ code: 'signature_invalid' });
  });
});
