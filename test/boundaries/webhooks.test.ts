/**
 * Rule 10: webhooks verify the raw bytes. Signatures here come from node:crypto over
 * `"<t>." + bytes`, independently of the SDK; the header is bounded before any HMAC work; the
 * event's shape is checked; `verifyWebhookRequest` names the fix for what it cannot read.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlugipayError, verifyWebhook, verifyWebhookRequest } from '../../src/entries/webhooks';
import { failure } from '../support/failure';

const SECRET = 'whsec_boundaries';
const T = 1_767_225_600;
const now = T * 1000;

function sign(body: Uint8Array | string, t = T, secret = SECRET): string {
  return createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)]))
    .digest('hex');
}
const header = (body: Uint8Array | string) => `t=${T},v1=${sign(body)}`;
const EVENT =
  '{"id":"evt_1","type":"plugipay.invoice.paid.v1","accountId":"acct_1","occurredAt":"2026-01-01T00:00:00Z","data":{"object":{"id":"inv_1","note":"café"}}}';

afterEach(() => vi.restoreAllMocks());

describe('raw bytes', () => {
  it('a correctly signed body that is not UTF-8 passes the signature and is invalid_payload', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"id":"evt_1","type":"x","data":{"object":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}}'),
    ]);
    const error = await failure(verifyWebhook(bytes, header(bytes), SECRET, { now }));
    expect(error).toMatchObject({ code: 'invalid_payload', status: 400, name: 'PlugipayError' });
  });

  it('the HMAC covers the bytes as received, not their decoded and re-encoded form', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    // What a decode-then-encode would have signed: U+FFFD for the bad byte.
    const reencoded = Buffer.from(new TextDecoder().decode(bytes));
    expect(await failure(verifyWebhook(bytes, header(reencoded), SECRET, { now }))).toMatchObject({ code: 'signature_invalid' });
    expect(await failure(verifyWebhook(bytes, header(bytes), SECRET, { now }))).toMatchObject({ code: 'invalid_payload' });
  });

  it('a view into a larger buffer (a pooled Node Buffer) is read at its offset', async () => {
    const pool = Buffer.concat([Buffer.from('garbage-before'), Buffer.from(EVENT), Buffer.from('garbage-after')]);
    const view = pool.subarray('garbage-before'.length, 'garbage-before'.length + Buffer.byteLength(EVENT));
    await expect(verifyWebhook(view, header(EVENT), SECRET, { now })).resolves.toMatchObject({ id: 'evt_1' });
    await expect(verifyWebhook(new Uint8Array(view).buffer, header(EVENT), SECRET, { now })).resolves.toMatchObject({ id: 'evt_1' });
  });
});

describe('the header is bounded before any HMAC work', () => {
  it('over 8 KiB is signature_malformed, with no verify call', async () => {
    const verify = vi.spyOn(crypto.subtle, 'verify');
    const big = `${header(EVENT)},x=${'a'.repeat(8192)}`;
    expect(await failure(verifyWebhook(EVENT, big, SECRET, { now }))).toMatchObject({ code: 'signature_malformed' });
    expect(verify).not.toHaveBeenCalled();
  });

  it('more than 16 v1 values is signature_malformed, with no verify call; 16 still verify', async () => {
    const verify = vi.spyOn(crypto.subtle, 'verify');
    const wrong = `v1=${'0'.repeat(64)}`;
    const sixteen = `t=${T},${Array(15).fill(wrong).join(',')},v1=${sign(EVENT)}`;
    const seventeen = `${sixteen},${wrong}`;
    expect(await failure(verifyWebhook(EVENT, seventeen, SECRET, { now }))).toMatchObject({ code: 'signature_malformed' });
    expect(verify).not.toHaveBeenCalled();
    await expect(verifyWebhook(EVENT, sixteen, SECRET, { now })).resolves.toMatchObject({ id: 'evt_1' });
  });
});

describe('the event shape', () => {
  it.each([
    ['data an array', '{"id":"evt_1","type":"x","data":[1]}'],
    ['data a string', '{"id":"evt_1","type":"x","data":"inv_1"}'],
    ['a numeric id', '{"id":1,"type":"x","data":{"object":{}}}'],
    ['a numeric occurredAt', '{"id":"evt_1","type":"x","occurredAt":1,"data":{"object":{}}}'],
    ['an object accountId', '{"id":"evt_1","type":"x","accountId":{},"data":{"object":{}}}'],
  ])('%s is invalid_payload', async (_, body) => {
    expect(await failure(verifyWebhook(body, header(body), SECRET, { now }))).toMatchObject({ code: 'invalid_payload', status: 400 });
  });

  it('a full event verifies', async () => {
    await expect(verifyWebhook(EVENT, header(EVENT), SECRET, { now })).resolves.toMatchObject({ data: { object: { note: 'café' } } });
  });
});

describe('verifyWebhookRequest names the fix for what it cannot read', () => {
  const request = () =>
    new Request('https://merchant.example/webhooks', { method: 'POST', headers: { 'x-plugipay-signature': header(EVENT) }, body: EVENT });

  it.each([
    ['a plain object', { body: EVENT, headers: {} }],
    ['a string', EVENT],
    ['null', null],
    ['undefined', undefined],
  ])('%s instead of a Request', async (_, value) => {
    const error = await failure(verifyWebhookRequest(value as never, SECRET, { now }));
    expect(error).toBeInstanceOf(PlugipayError);
    expect(error.message).toMatch(/verifyWebhook\(\)/);
  });

  it('a Request whose body was read', async () => {
    const used = request();
    await used.text();
    const error = await failure(verifyWebhookRequest(used, SECRET, { now }));
    expect(error).toMatchObject({ code: 'body_consumed' });
    expect(error.message).toMatch(/request\.clone\(\)/);
  });

  it('a Request whose body is locked by a reader', async () => {
    const locked = request();
    locked.body!.getReader();
    const error = await failure(verifyWebhookRequest(locked, SECRET, { now }));
    expect(error).toMatchObject({ code: 'body_consumed' });
    expect(error.message).toMatch(/request\.clone\(\)/);
  });

  it('a clone of a read Request still verifies', async () => {
    const original = request();
    const copy = original.clone();
    await original.text();
    await expect(verifyWebhookRequest(copy, SECRET, { now })).resolves.toMatchObject({ id: 'evt_1' });
  });
});
