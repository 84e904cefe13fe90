/** `signWebhookPayload`, the testing helper: the same bytes as WIRE 7 and accepted by `verifyWebhook`. */
import { describe, expect, it } from 'vitest';
import { PlugipayError, verifyWebhook } from '../../src/entries/webhooks';
import { signWebhookPayload } from '../../src/testing/sign-webhook';
import { vectors } from '../support/vectors';

describe('signWebhookPayload', () => {
  it.each(vectors.webhooks.map((w) => [w.id, w] as const))('reproduces vector %s', async (_, w) => {
    expect(await signWebhookPayload(w.body, w.secret, { timestamp: w.t })).toBe(w.header);
    expect(await signWebhookPayload(new TextEncoder().encode(w.body), w.secret, { timestamp: w.t })).toBe(w.header);
    expect(await signWebhookPayload(new TextEncoder().encode(w.body).buffer, w.secret, { timestamp: new Date(w.t * 1000 + 999) })).toBe(
      w.header,
    );
  });

  it('defaults the timestamp to now, which verifyWebhook accepts', async () => {
    const body = '{"id":"evt_1","type":"plugipay.customer.created.v1","data":{"object":{}}}';
    const before = Math.floor(Date.now() / 1000);
    const header = await signWebhookPayload(body, 'whsec_t');
    const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(header)![1]);
    expect(t).toBeGreaterThanOrEqual(before);
    await expect(verifyWebhook(body, header, 'whsec_t')).resolves.toMatchObject({ id: 'evt_1' });
  });

  it.each([
    [{ x: 1 }, 'whsec', {}],
    ['{}', '', {}],
    ['{}', 'whsec', { timestamp: -1 }],
    ['{}', 'whsec', { timestamp: 1.5 }],
    ['{}', 'whsec', { timestamp: new Date('x') }],
  ])('rejects bad input %j with a PlugipayError', async (payload, secret, options) => {
    await expect(signWebhookPayload(payload as never, secret, options as never)).rejects.toBeInstanceOf(PlugipayError);
  });
});
