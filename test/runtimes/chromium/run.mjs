#!/usr/bin/env node
// Chromium runner: serves a page on one 127.0.0.1 origin, the emulator on another, and drives
// Debian's chromium headless through playwright-core.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { formatReport } from '../shared/checks.mjs';
import { reportCrash, startFixtures } from '../support/fixtures.mjs';
import { stage } from '../support/packed.mjs';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { redirectChecks, startRedirectServers } from './redirect-checks.mjs';
import { workerGuardChecks } from './worker-checks.mjs';

function servePage(html, script, workerScript) {
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/guard-worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerScript);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }),
    ),
  );
}

/** A module of the staged proof, bundled for the page (the browser entry, as a browser bundler resolves it). */
async function bundleForBrowser(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const escapeJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

try {
  const dir = stage('chromium');
  const script = await bundleForBrowser(join(dir, 'page.mjs'));
  const workerScript = await bundleForBrowser(join(dir, 'guard-worker.mjs'));
  const fixtures = await startFixtures();
  const { PlugipayClient } = await import('plugipay-edge');
  const merchant = new PlugipayClient({ ...fixtures.credentials, baseUrl: fixtures.url });
  const session = await merchant.checkoutSessions.create({
    amount: 125_000,
    currency: 'IDR',
    methods: ['qris', 'va'],
    successUrl: 'https://shop.example/thanks',
    cancelUrl: 'https://shop.example/cart',
    lineItems: [{ name: 'Kopi susu', quantity: 5, unitAmount: 25_000 }],
  });
  const config = { url: fixtures.url, credentials: fixtures.credentials, sessionId: session.id };
  const html = `<!doctype html><meta charset="utf-8"><title>plugipay-edge in Chromium</title>
<script type="application/json" id="config">${escapeJson(config)}</script>
<p id="shown"></p><pre id="result">running…</pre><script type="module" src="/page.js"></script>`;
  const page = await servePage(html, script, workerScript);
  const browser = await launchChromium(chromium);
  try {
    const tab = await browser.newPage();
    const sent = [];
    tab.on('request', (request) => {
      if (request.url().startsWith(fixtures.url)) sent.push({ method: request.method(), url: request.url(), headers: request.headers() });
    });
    tab.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await tab.goto(page.url);
    if (new URL(page.url).origin === new URL(fixtures.url).origin) throw new Error('the page and the API share an origin');
    await tab.waitForFunction(() => window.__result, null, { timeout: 30_000 });
    const result = await tab.evaluate(() => window.__result);

    // What the browser actually sent to the public routes.
    const publicRequests = sent.filter((r) => r.url.includes('/api/v1/public/'));
    const charges = publicRequests.filter((r) => r.method === 'POST' && r.url.endsWith('/charge'));
    const extraHeaders = publicRequests.flatMap((r) =>
      Object.keys(r.headers).filter((h) => /^(authorization|idempotency-key|x-plugipay-)/i.test(h)),
    );
    result.checks.push({
      name: 'chromium: public routes carried no credentials, no Idempotency-Key, no custom header; one charge request',
      ok: publicRequests.length > 0 && charges.length === 1 && extraHeaders.length === 0,
      detail: `${publicRequests.length} public request(s), ${charges.length} charge POST(s), forbidden headers: ${extraHeaders.join(', ') || 'none'}`,
    });
    result.checks.push(...(await workerGuardChecks(tab, { url: '/guard-worker.js', credentials: fixtures.credentials })));
    const redirects = await startRedirectServers();
    try {
      result.checks.push(...(await redirectChecks(tab, redirects)));
    } finally {
      await redirects.close();
    }
    result.passed = result.checks.filter((c) => c.ok).length;
    result.failed = result.checks.length - result.passed;
    console.log(formatReport('chromium', result));
    if (result.failed) process.exitCode = 1;
  } finally {
    await browser.close();
    await page.close();
    await fixtures.close();
  }
} catch (error) {
  reportCrash('chromium', error);
}
