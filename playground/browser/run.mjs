#!/usr/bin/env node
// Serves playground/browser on one 127.0.0.1 origin and the emulator on another, opens the page
// in headless chromium (playwright-core, Debian's /usr/bin/chromium), pays with QRIS, and prints
// what the page shows. No credentials: the merchant side here is the emulator's own key.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { PlugipayClient } from 'plugipay-edge';
import { startEmulatorServer } from 'plugipay-edge/testing/node';
import { chromium } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';

const file = (name) => fileURLToPath(new URL(name, import.meta.url));

const emulator = await startEmulatorServer();
let page;
let browser;
try {
  // The merchant's server creates the session; the page only ever sees its id.
  const merchant = new PlugipayClient({ ...emulator.emulator.credentials, baseUrl: emulator.url });
  const session = await merchant.checkoutSessions.create({
    amount: 125_000,
    currency: 'IDR',
    methods: ['qris', 'va', 'ewallet'],
    successUrl: 'https://shop.example/thanks',
    cancelUrl: 'https://shop.example/cart',
    lineItems: [{ name: 'Kopi susu', quantity: 5, unitAmount: 25_000 }],
  });

  const bundle = await build({
    entryPoints: [file('./checkout.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  const html = readFileSync(file('./index.html'));
  page = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/checkout.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0].text);
    else if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://127.0.0.1:${page.address().port}/?session=${session.id}&api=${encodeURIComponent(emulator.url)}`;
  console.log(`Emulator (API) at ${emulator.url}; checkout page at ${pageUrl.split('?')[0]} (another origin: real CORS)`);

  browser = await launchChromium(chromium);
  const tab = await browser.newPage();
  tab.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await tab.goto(pageUrl);
  await tab.waitForSelector('body[data-ready]');
  console.log('\n── the page shows ──\n' + (await tab.innerText('body')));
  await tab.click('button[data-method="qris"]');
  await tab.waitForSelector('#payment:not([hidden])');
  console.log('\n── after clicking QRIS ──\n' + (await tab.innerText('body')));
  const sent = emulator.emulator.requests.filter((r) => r.path.startsWith('/api/v1/public/'));
  console.log(
    `\nThe page made ${sent.length} public request(s): ${sent.map((r) => `${r.method} ${r.path.split('?')[0]} → ${r.status}`).join(', ')}`,
  );
  console.log('Done.');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser?.close();
  page?.close();
  await emulator.close();
}
