/**
 * Responses that are not a plain JSON object: the invoice PDF behind a redirect, uploads (bytes
 * typed by their magic numbers, relative links resolved), and errors of text and binary routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient, PlugipayError } from '../../src/entries/index';
import { verifyReceived } from '../support/node-signer';
import { envelope, sendJson, startRawServer, type RawServer } from '../support/raw-server';

const SECRET = 'sk_test_responses_0123456789';
const PDF = Buffer.from('%PDF-1.7 fake');
const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);
let server: RawServer;
let client: PlugipayClient;
let uploadUrl = '/api/v1/files/a.webp';

beforeAll(async () => {
  server = await startRawServer((req, res) => {
    if (req.target === '/proxy/api/v1/invoices/inv_1/pdf') {
      res.writeHead(302, { location: '/signed/inv_1.pdf?sig=abc' });
      return res.end();
    }
    if (req.target.startsWith('/signed/')) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(PDF);
    }
    if (req.target === '/proxy/api/v1/uploads/image') {
      return sendJson(res, 201, envelope({ url: uploadUrl, fileName: 'a.webp', fileSize: WEBP.byteLength }));
    }
    return sendJson(
      res,
      404,
      JSON.stringify({ data: null, error: { code: 'not_found', message: 'No such receipt' }, meta: { requestId: 'req_404' } }),
    );
  });
  client = new PlugipayClient({ keyId: 'pk_test_responses', secret: SECRET, baseUrl: `${server.url}/proxy/` });
});
afterAll(() => server.close());

describe('binary and text routes', () => {
  it('invoices.pdf follows the redirect to the signed URL and returns its bytes', async () => {
    const bytes = await client.invoices.pdf('inv_1');
    expect(Buffer.from(bytes)).toEqual(PDF);
    expect(server.received.slice(-2).map((r) => r.target)).toEqual(['/proxy/api/v1/invoices/inv_1/pdf', '/signed/inv_1.pdf?sig=abc']);
  });

  it('an error answer of a text or binary route is still a PlugipayError', async () => {
    const html = await client.receipts.renderHtml('rcpt_missing').catch((e: unknown) => e);
    expect(html).toBeInstanceOf(PlugipayError);
    expect(html).toMatchObject({ status: 404, code: 'not_found', requestId: 'req_404' });
    await expect(client.receipts.renderPdf('rcpt_missing')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('uploads.image', () => {
  it('sends raw bytes as a `file` part typed by their magic numbers, signed as empty', async () => {
    uploadUrl = '/api/v1/files/a.webp';
    const file = await client.uploads.image(WEBP.buffer);
    const received = server.received.at(-1)!;
    const body = received.body.toString('latin1');
    expect(body).toContain('Content-Disposition: form-data; name="file"; filename="image.webp"');
    expect(body).toContain('Content-Type: image/webp');
    expect(
      verifyReceived({
        secret: SECRET,
        method: 'POST',
        target: received.target,
        headers: received.headers,
        body: received.body,
        multipart: true,
      }),
    ).toEqual({ ok: true });
    // Resolved the way request paths are built: after the base URL, its path prefix kept.
    expect(file.url).toBe(`${server.url}/proxy/api/v1/files/a.webp`);
  });

  it('keeps a File’s own name and an absolute URL as returned', async () => {
    uploadUrl = 'https://cdn.plugipay.example/f/a.webp';
    const file = await client.uploads.image(new File([WEBP], 'logo.webp', { type: 'image/webp' }));
    expect(server.received.at(-1)!.body.toString('latin1')).toContain('filename="logo.webp"');
    expect(file.url).toBe('https://cdn.plugipay.example/f/a.webp');
  });
});
