/** The browser entry's public checkout client against the emulator's fetch: what goes on the wire, errors, the charge guard. */
import { describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/resources/registry';
import { PlugipayError, PlugipayTimeoutError, PublicCheckoutClient } from '../../src/entries/browser';
import { createEmulator } from '../../src/testing/emulator';

function setup() {
  const emulator = createEmulator();
  const sent: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(request.clone());
    return emulator.fetch(request);
  };
  const merchant = new PlugipayClient({ ...emulator.credentials, fetch: emulator.fetch });
  const checkout = new PublicCheckoutClient({ fetch });
  const session = () =>
    merchant.checkoutSessions.create({
      amount: 10_000,
      currency: 'IDR',
      methods: ['qris', 'va'],
      successUrl: 'https://shop.example/ok',
      cancelUrl: 'https://shop.example/no',
      lineItems: [{ name: 'Item', quantity: 1, unitAmount: 10_000 }],
    });
  return { emulator, sent, checkout, session };
}

describe('PublicCheckoutClient', () => {
  it('sends unsigned requests with no Idempotency-Key and no custom header', async () => {
    const { sent, checkout, session } = setup();
    const { id } = await session();
    await checkout.getSession(id);
    await checkout.charge(id, { method: 'qris' });
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /api/v1/public/checkout/sessions/${id}`,
      `POST /api/v1/public/checkout/sessions/${id}/charge`,
    ]);
    expect([...sent[0]!.headers.keys()]).toEqual(['accept']);
    expect([...sent[1]!.headers.keys()].sort()).toEqual(['accept', 'content-type']);
    expect(await sent[1]!.text()).toBe('{"method":"qris"}');
  });

  it('returns data with request ids, and the same errors as the server client', async () => {
    const { checkout, session } = setup();
    const { id } = await session();
    const { data, requestId, idempotencyKey } = await checkout.getSession(id).withResponse();
    expect(data.session.id).toBe(id);
    expect(requestId).toMatch(/^req_/);
    expect(idempotencyKey).toBeNull();
    const error = await checkout.getSession('cs 1/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugipayError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: expect.stringMatching(/^req_/) });
  });

  it('percent-encodes ids in every route', async () => {
    const { sent, checkout } = setup();
    await Promise.allSettled([
      checkout.sessionReceipt('a b'),
      checkout.receipt('r/1'),
      checkout.invoice('in?1'),
      checkout.buyerClaim('c#1'),
    ]);
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/public/checkout/sessions/a%20b/receipt',
      '/api/v1/public/checkout/receipts/r%2F1',
      '/api/v1/public/checkout/invoices/in%3F1',
      '/api/v1/public/checkout/sessions/c%231/buyer-claim',
    ]);
  });

  it('keeps one charge in flight per session', async () => {
    const { sent, checkout, session } = setup();
    const { id } = await session();
    const first = checkout.charge(id, { method: 'va' });
    expect(checkout.charge(id, { method: 'va' })).toBe(first);
    await expect(checkout.charge(id, { method: 'qris' })).rejects.toMatchObject({ code: 'charge_in_progress', status: 0 });
    await expect(first).resolves.toMatchObject({ kind: 'instructions' });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    // Settled: the next charge goes out again.
    await expect(checkout.charge(id, { method: 'va' })).resolves.toMatchObject({ kind: 'instructions' });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('frees the session after a failed charge', async () => {
    const { checkout, session } = setup();
    const { id } = await session();
    await expect(checkout.charge(id, { method: 'bitcoin' })).rejects.toMatchObject({ status: 400 });
    await expect(checkout.charge(id, { method: 'qris' })).resolves.toMatchObject({ kind: 'instructions' });
  });

  it('claims a manual payment and uploads proof as multipart field `file`', async () => {
    const { sent, checkout, session } = setup();
    const { id } = await session();
    await expect(checkout.buyerClaim(id)).resolves.toMatchObject({ status: 'pending_review' });
    expect(await sent[0]!.text()).toBe('{}');
    await checkout.uploadProof(id, new Blob(['png'], { type: 'image/png' })).catch(() => undefined);
    const upload = sent[1]!;
    expect(upload.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect((await upload.formData()).get('file')).toBeInstanceOf(Blob);
  });

  it('rejects bad input before any request', async () => {
    const { sent, checkout } = setup();
    await expect(checkout.getSession('')).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'sessionId: must be a non-empty string',
    });
    await expect(checkout.charge('cs_1', {} as never)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(checkout.uploadProof('cs_1', 'not a blob' as never)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(checkout.buyerClaim('cs_1', { proofUrl: 1 as never })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(sent).toEqual([]);
  });

  it('refuses credentials and unknown options', () => {
    for (const name of ['secret', 'apiKey', 'keyId']) {
      expect(() => new PublicCheckoutClient({ [name]: 'sk_hidden' } as never)).toThrow(
        expect.objectContaining({ code: 'browser_secret', message: expect.not.stringContaining('sk_hidden') }),
      );
    }
    expect(() => new PublicCheckoutClient({ headers: {} } as never)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => new PublicCheckoutClient({ baseUrl: 'plugipay.com' })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => new PublicCheckoutClient({ timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(new PublicCheckoutClient({ baseUrl: 'https://plugipay.com/' }).baseUrl).toBe('https://plugipay.com');
  });

  it('times out like the server client', async () => {
    const { emulator, session } = setup();
    const { id } = await session();
    emulator.inject({ match: { path: '/api/v1/public/' }, delayMs: Infinity });
    const checkout = new PublicCheckoutClient({ fetch: emulator.fetch, timeoutMs: 50 });
    await expect(checkout.getSession(id)).rejects.toBeInstanceOf(PlugipayTimeoutError);
  });
});
