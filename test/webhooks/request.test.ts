/** `verifyWebhookRequest` on real Fetch API Requests (Node's undici, as in Next.js route handlers). */
import { describe, expect, it } from 'vitest';
import { PlugipayError, PlugipaySignatureError, verifyWebhookRequest } from '../../src/entries/webhooks';
import { vectors } from '../support/vectors';

const w1 = vectors.webhooks.find((w) => w.id === 'W1')!;
const now = (w1.t + 10) * 1000;
const post = (headers: Record<string, string>, body: BodyInit | null = w1.body) =>
  new Request('https://merchant.example/webhooks/plugipay', { method: 'POST', headers, body });

async function rejection(promise: Promise<unknown>): Promise<PlugipayError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlugipayError);
  return err as PlugipayError;
}

describe('verifyWebhookRequest', () => {
  it.each(['X-Plugipay-Signature', 'Plugipay-Signature', 'x-plugipay-signature'])('reads the %s header', async (name) => {
    const event = await verifyWebhookRequest(post({ [name]: w1.header }), w1.secret, { now });
    expect(event).toMatchObject({ id: 'evt_x', type: 'plugipay.invoice.paid.v1' });
  });

  it('prefers X-Plugipay-Signature over Plugipay-Signature', async () => {
    const req = post({ 'X-Plugipay-Signature': w1.header, 'Plugipay-Signature': 't=1,v1=' + '0'.repeat(64) });
    await expect(verifyWebhookRequest(req, w1.secret, { now })).resolves.toBeTruthy();
  });

  it('falls back to Plugipay-Signature when X-Plugipay-Signature is empty', async () => {
    const req = post({ 'X-Plugipay-Signature': '', 'Plugipay-Signature': w1.header });
    await expect(verifyWebhookRequest(req, w1.secret, { now })).resolves.toBeTruthy();
  });

  it('without either header: signature_missing', async () => {
    const err = await rejection(verifyWebhookRequest(post({ 'Content-Type': 'application/json' }), w1.secret, { now }));
    expect(err).toBeInstanceOf(PlugipaySignatureError);
    expect(err).toMatchObject({ code: 'signature_missing', status: 401 });
  });

  it('reads the raw bytes: a body in a binary form verifies too', async () => {
    const req = post({ 'X-Plugipay-Signature': w1.header }, new TextEncoder().encode(w1.body));
    await expect(verifyWebhookRequest(req, w1.secret, { now })).resolves.toMatchObject({ id: 'evt_x' });
  });

  it('a tampered body is signature_invalid', async () => {
    const req = post({ 'X-Plugipay-Signature': w1.header }, w1.body.replace('evt_x', 'evt_y'));
    const err = await rejection(verifyWebhookRequest(req, w1.secret, { now }));
    expect(err).toMatchObject({ code: 'signature_invalid' });
  });

  it('passes options through (stale by default clock)', async () => {
    const err = await rejection(verifyWebhookRequest(post({ 'X-Plugipay-Signature': w1.header }), w1.secret));
    expect(err).toMatchObject({ code: 'signature_stale' });
  });

  it('a body already consumed is body_consumed and says to use request.clone(), never a verdict', async () => {
    const req = post({ 'X-Plugipay-Signature': w1.header });
    await req.json();
    expect(req.bodyUsed).toBe(true);
    const err = await rejection(verifyWebhookRequest(req, w1.secret, { now }));
    expect(err).not.toBeInstanceOf(PlugipaySignatureError);
    expect(err).toMatchObject({ code: 'body_consumed', status: 0 });
    expect(err.message).toMatch(/request\.clone\(\)/);
  });

  it('request.clone() verifies while the original is read elsewhere', async () => {
    const req = post({ 'X-Plugipay-Signature': w1.header });
    const [event, parsed] = await Promise.all([verifyWebhookRequest(req.clone(), w1.secret, { now }), req.json()]);
    expect(event).toEqual(parsed);
  });

  it('a request without a body verifies as an empty body (signature_invalid for W1)', async () => {
    const req = new Request('https://merchant.example/hook', { headers: { 'X-Plugipay-Signature': w1.header } });
    const err = await rejection(verifyWebhookRequest(req, w1.secret, { now }));
    expect(err).toMatchObject({ code: 'signature_invalid' });
  });

  it.each([[null], [undefined], [{}], ['https://x'], [{ headers: {} }], [{ headers: new Headers(), arrayBuffer: 1 }]])(
    'a non-Request (%j) is a PlugipayError',
    async (request) => {
      const err = await rejection(verifyWebhookRequest(request as never, w1.secret, { now }));
      expect(err).not.toBeInstanceOf(PlugipaySignatureError);
    },
  );
});
