#!/usr/bin/env node
// The emulator's hosted checkout page and dashboard in Debian's chromium (playwright-core), end
// to end as a developer meets them: a session created through the SDK, its hostedUrl opened,
// QRIS chosen, **Simulate payment** clicked, the browser following the success URL; then,
// through the API, the session is completed, a local receiver registered as a webhook endpoint
// got a signed plugipay.checkout_session.completed.v1 that verifyWebhook accepts, and the
// dashboard lists the session and the delivery. Then the dashboard's controls, clicked: it
// refreshes itself on a change made through the API, shows readable times, expires a session,
// settles and fails refunds, advances a test clock, triggers an event the shop verifies, and
// shows a delivery's request and response. Also: cancel follows the cancel URL, and expired and
// completed sessions say so.
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { PlugipayClient } from 'plugipay-edge';
import { startEmulatorServer } from 'plugipay-edge/testing/node';
import { verifyWebhook } from 'plugipay-edge/webhooks';
import { formatReport } from '../shared/checks.mjs';
import { reportCrash } from '../support/fixtures.mjs';
import { launchChromium } from '../../../scripts/chromium.mjs';

/** The merchant's side on 127.0.0.1: the shop's return pages and its webhook handler. */
async function startShop() {
  const deliveries = [];
  let secret;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/webhooks/plugipay') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      try {
        const event = await verifyWebhook(body, req.headers['x-plugipay-signature'], secret);
        deliveries.push(event);
        res.writeHead(200).end('ok');
      } catch (error) {
        res.writeHead(400).end(String(error.code));
      }
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><title>shop</title><h1 id="shop">${path === '/thanks' ? 'Thank you' : 'Your cart'}</h1>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, deliveries, useSecret: (s) => (secret = s), close: () => new Promise((r) => server.close(r)) };
}

const checks = [];
const check = (name, ok, detail = '') => checks.push({ name: `hosted checkout: ${name}`, ok: Boolean(ok), detail });

try {
  const shop = await startShop();
  const emulator = await startEmulatorServer();
  const browser = await launchChromium(chromium);
  try {
    const plugipay = new PlugipayClient({ ...emulator.emulator.credentials, baseUrl: emulator.url });
    const endpoint = await plugipay.webhookEndpoints.create({
      url: `${shop.url}/webhooks/plugipay`,
      events: ['plugipay.checkout_session.completed.v1'],
    });
    shop.useSecret(endpoint.secret);
    const input = {
      amount: 125_000,
      currency: 'IDR',
      methods: ['qris', 'va', 'ewallet'],
      successUrl: `${shop.url}/thanks`,
      cancelUrl: `${shop.url}/cart`,
      lineItems: [{ name: 'Kopi susu', quantity: 5, unitAmount: 25_000 }],
    };
    const session = await plugipay.checkoutSessions.create(input);
    check('hostedUrl is on the emulator origin', session.hostedUrl === `${emulator.url}/c/${session.id}`, session.hostedUrl);

    const tab = await browser.newPage();
    const pageErrors = [];
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    await tab.goto(session.hostedUrl);
    await tab.waitForSelector('body[data-ready]', { timeout: 20_000 });
    const shown = await tab.innerText('#checkout');
    check(
      'the page shows the amount, the line item and the methods',
      shown.includes('IDR 125,000') && shown.includes('5 × Kopi susu') && shown.includes('QRIS') && shown.includes('Virtual account'),
      shown.replace(/\s+/g, ' ').slice(0, 160),
    );

    await tab.click('button[data-method="qris"]');
    await tab.waitForSelector('#instructions:not([hidden])', { timeout: 10_000 });
    const qrLoaded = await tab
      .waitForFunction(
        () => {
          const img = document.getElementById('qr');
          return !img.hidden && img.complete && img.naturalWidth > 0;
        },
        null,
        { timeout: 10_000 },
      )
      .then(
        () => true,
        () => false,
      );
    check('choosing QRIS shows the QR image the emulator returns', qrLoaded, await tab.innerText('#heading'));
    check(
      'the charge went through PublicCheckoutClient (POST /api/v1/public/checkout/sessions/:id/charge)',
      emulator.emulator.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/sessions/${session.id}/charge`) && r.status === 200),
    );

    await Promise.all([tab.waitForURL(`${shop.url}/thanks`, { timeout: 10_000 }), tab.click('text=Simulate payment')]);
    check('Simulate payment completes it and the browser follows the success URL', tab.url() === `${shop.url}/thanks`, tab.url());

    const completed = await plugipay.checkoutSessions.get(session.id);
    check(
      'through the API the session is completed, paid with QRIS',
      completed.status === 'completed' && completed.paymentMethod === 'qris',
      `${completed.status} ${completed.paymentMethod}`,
    );

    await emulator.emulator.flushWebhooks();
    const event = shop.deliveries.find((e) => e.type === 'plugipay.checkout_session.completed.v1');
    check(
      'the local receiver got a signed checkout_session.completed that verifyWebhook accepted',
      event?.data.object.id === session.id,
      event ? `${event.type} ${event.id}` : 'nothing received',
    );

    await tab.goto(`${emulator.url}/`);
    const dashboard = await tab.innerText('body');
    const delivery = emulator.emulator.deliveries().find((d) => d.eventId === event?.id);
    check(
      'the dashboard lists the session and the delivery (succeeded, 200)',
      dashboard.includes(session.id) && delivery !== undefined && dashboard.includes(delivery.id) && /succeeded\s+200/.test(dashboard),
      delivery?.id ?? 'no delivery',
    );

    // The dashboard's own buttons: redeliver the event twice at once, from the page.
    const before = shop.deliveries.length;
    await tab.click(`button[data-action="/_emulator/events/${event.id}/redeliver"][data-body*="2"]`);
    await tab.waitForFunction(() => document.getElementById('flash').textContent.startsWith('Done'), null, { timeout: 10_000 });
    await emulator.emulator.flushWebhooks();
    check(
      'the dashboard button delivers the event twice (same id)',
      shop.deliveries.length - before === 2 && shop.deliveries.slice(before).every((e) => e.id === event.id),
      `${shop.deliveries.length - before} more`,
    );

    // The dashboard's control surface, clicked in the browser: each action reloads the page.
    const reloadAfter = (action) => Promise.all([tab.waitForEvent('load', { timeout: 10_000 }), action()]);
    const rowText = (id) => tab.innerText(`tr[data-id="${id}"]`);

    // Auto-refresh: a change made elsewhere (through the API) shows up without touching the page.
    await tab.goto(`${emulator.url}/`);
    const outside = await reloadAfter(() => plugipay.customers.create({ name: 'Auto Refresh', email: 'auto@example.com' }));
    check(
      'auto-refresh: a customer created through the API appears by itself',
      (await tab.innerText('#customers')).includes(outside[1].id),
    );
    check(
      'times read as dates relative to now',
      /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC · (just now|\d+ s ago)/.test(await tab.innerText('#checkout-sessions')),
    );
    // Paused from here on, so only the clicked actions reload it (the choice is remembered).
    await tab.uncheck('#auto-refresh');

    const toExpireHere = await plugipay.checkoutSessions.create(input);
    await tab.reload();
    await reloadAfter(() => tab.click(`button[data-action="/_emulator/checkout/${toExpireHere.id}/expire"]`));
    check('Expire marks the open session expired', /expired/.test(await rowText(toExpireHere.id)), await rowText(toExpireHere.id));
    check('auto-refresh stays off after a reload', !(await tab.isChecked('#auto-refresh')));

    const settleMe = await plugipay.refunds.create({ chargeId: completed.paymentId, amount: 10_000 });
    const failMe = await plugipay.refunds.create({ chargeId: completed.paymentId, amount: 20_000 });
    await tab.reload();
    await reloadAfter(() => tab.click(`tr[data-id="${settleMe.id}"] button:has-text("Settle")`));
    await reloadAfter(() => tab.click(`tr[data-id="${failMe.id}"] button:has-text("Fail")`));
    check(
      'the refunds section settles one refund and fails another',
      /succeeded/.test(await rowText(settleMe.id)) && /failed/.test(await rowText(failMe.id)),
      `${await rowText(settleMe.id)} | ${await rowText(failMe.id)}`,
    );
    check(
      'refund.issued and refund.failed were recorded',
      emulator.emulator.events({ type: 'plugipay.refund.issued.v1' }).length === 1 &&
        emulator.emulator.events({ type: 'plugipay.refund.failed.v1' }).length === 1,
    );

    const { event: created } = await emulator.emulator.trigger('subscription.created');
    await tab.reload();
    await reloadAfter(() => tab.click(`tr[data-id="${created.data.object.id}"] button:has-text("to the period end")`));
    check(
      'Advance (to the period end) renews the subscription on its test clock',
      emulator.emulator
        .events({ type: 'plugipay.subscription.renewed.v1' })
        .some((e) => e.data.object.id === created.data.object.id && e.data.daysAdvanced >= 28),
    );

    const beforeTrigger = shop.deliveries.length;
    await tab.selectOption('#trigger-type', 'plugipay.checkout_session.completed.v1');
    await reloadAfter(() => tab.click('#trigger button[type="submit"]'));
    await emulator.emulator.flushWebhooks();
    const triggered = shop.deliveries.slice(beforeTrigger).find((e) => e.type === 'plugipay.checkout_session.completed.v1');
    check(
      'the Trigger form sends a realistic, signed event the shop verifies',
      triggered?.data.object.status === 'completed',
      triggered?.id ?? 'nothing',
    );

    await tab.reload();
    const triggeredDelivery = emulator.emulator.deliveries().find((d) => d.eventId === triggered?.id);
    const exchange = tab.locator(`tr[data-id="${triggeredDelivery?.id}"] + tr.exchange details`);
    await exchange.locator('summary').click();
    const exchangeText = await exchange.innerText();
    check(
      'a delivery shows the request it sent and the handler’s answer',
      /x-plugipay-signature: t=\d+,v1=/i.test(exchangeText) &&
        exchangeText.includes(`"id": "${triggered?.id}"`) &&
        /HTTP 200[\s\S]*\bok\b/.test(exchangeText),
      exchangeText.replace(/\s+/g, ' ').slice(0, 200),
    );

    // Cancel follows the cancel URL.
    const toCancel = await plugipay.checkoutSessions.create(input);
    await tab.goto(toCancel.hostedUrl);
    await tab.waitForSelector('body[data-ready]');
    await Promise.all([tab.waitForURL(`${shop.url}/cart`, { timeout: 10_000 }), tab.click('#cancel')]);
    check('Cancel follows the cancel URL', tab.url() === `${shop.url}/cart`, tab.url());

    // Expired and completed sessions say so.
    const toExpire = await plugipay.checkoutSessions.create(input);
    emulator.emulator.expireCheckout(toExpire.id);
    await tab.goto(toExpire.hostedUrl);
    await tab.waitForSelector('body[data-ready]');
    const expiredText = await tab.innerText('#state');
    check(
      'an expired session shows as expired, with no way to pay',
      /has expired/.test(expiredText) && !(await tab.isVisible('#methods')),
      expiredText,
    );
    await tab.goto(session.hostedUrl);
    await tab.waitForSelector('body[data-ready]');
    const paidText = await tab.innerText('#state');
    check('a completed session shows as paid', /is paid/.test(paidText), paidText);
    check('no page errors', pageErrors.length === 0, pageErrors.join('; '));
  } finally {
    await browser.close();
    await emulator.close();
    await shop.close();
  }
  const passed = checks.filter((c) => c.ok).length;
  console.log(formatReport('chromium-hosted-checkout', { checks, passed, failed: checks.length - passed }));
  if (passed !== checks.length) process.exitCode = 1;
} catch (error) {
  for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  reportCrash('chromium-hosted-checkout', error);
}
