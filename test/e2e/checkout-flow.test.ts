/**
 * The selling loop in a real browser, as a buyer and a seller live it: the
 * host launches a drop whose checkout link points at a shop page (served here
 * on 127.0.0.1); a member claims it on their phone, taps "Pay now" and lands
 * on the shop's page with their checkout reference in its address; the shop
 * then sends its signed order webhook naming that reference, and within a
 * second the member's page shows it paid and the dashboard's claim list shows
 * it confirmed. The API is used only for what the shop does (sign-on
 * assertion, webhook).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, hostGoesLive, launchChromium, openScreen, PHONE, see } from '../support/browser.ts';
import { deliverOrder, shopAssertion } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOW = 'Sunday ceramics live';
const DROP = 'Celadon teacup';
const BUYER = { customerId: 'shop-cust-3003', name: 'Mei Chen' };
const WAIT = 20_000;

/** The shop: one checkout page that shows the reference it was opened with; every visit is recorded. */
function startShop(): Promise<{ server: Server; url: string; visits: URL[] }> {
  const visits: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/pay') {
      res.writeHead(404).end();
      return;
    }
    visits.push(url);
    const ref = (url.searchParams.get('ref') ?? '').replace(/[^A-Z0-9-]/gi, '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Shop checkout</title><h1>Checkout</h1><p id="ref">Order for ${ref}</p>`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, visits })),
  );
}

describe('checkout: claim, pay at the shop, confirmed by the shop’s webhook (real browser)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-e2e-checkout-'));
    [server, browser, shop] = await Promise.all([startServerProcess({ dataDir }), launchChromium(), startShop()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await new Promise((r) => shop?.server.close(r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a member taps "Pay now", pays at the shop, and both screens show the sale within a second of the webhook', async () => {
    const base = server.url;

    // ---- the seller launches a drop with the shop's checkout link ----
    const host = await openScreen(browser, DESKTOP);
    const showRow = await hostGoesLive(host.page, base, TEST_HOST_KEY, SHOW);
    const streamId = await showRow.getAttribute('data-stream-id');
    await host.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Drops', exact: true }).click();
    const composer = host.page.getByTestId('drop-composer');
    await composer.getByLabel('Item name').fill(DROP);
    await composer.getByLabel('Price', { exact: true }).fill('880');
    await composer.getByLabel('Stock', { exact: true }).fill('3');
    await composer.getByLabel('Checkout link').fill(`${shop.url}/pay?ref={ref}&customer={externalId}&amount={priceCents}`);
    await composer.getByRole('button', { name: 'Launch drop' }).click();
    await see(host.page.getByText(`Drop “${DROP}” launched.`));
    const hostDrop = await see(host.page.getByTestId('drop-card'), DROP);
    await see(hostDrop.getByTestId('claim-list'), 'No claims yet.');

    // ---- the buyer joins from the shop's link on a phone and claims ----
    const phone = await openScreen(browser, PHONE);
    await phone.page.goto(`${base}/live/${encodeURIComponent(streamId!)}?sso=${encodeURIComponent(await shopAssertion(BUYER.customerId, BUYER.name))}`);
    const drop = await see(phone.page.getByTestId('drop-card'), DROP);
    await drop.getByTestId('claim-button').click();
    const status = await see(drop.getByTestId('claim-status'), 'Reserved!');
    const ref = (await status.locator('code').textContent())!.trim();
    expect(ref).toMatch(/^FR-[A-Z0-9]{10}$/);

    // The seller's list has the reservation at once (the /host claim push), with who made it.
    const row = await see(hostDrop.locator(`[data-testid="claim-row"][data-ref="${ref}"]`));
    await see(row, BUYER.name);
    await see(row, BUYER.customerId);
    expect(await row.getAttribute('data-status')).toBe('reserved');

    // ---- "Pay now" opens the shop's page, the reference in its address ----
    const payNow = await see(status.getByTestId('pay-now'), 'Pay now');
    const shopTab = phone.context.waitForEvent('page');
    await payNow.click();
    const shopPage = await shopTab;
    await shopPage.waitForLoadState();
    const landed = new URL(shopPage.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(`${shop.url}/pay`);
    expect(landed.searchParams.get('ref')).toBe(ref);
    expect(landed.searchParams.get('customer')).toBe(BUYER.customerId);
    expect(landed.searchParams.get('amount')).toBe('88000');
    await see(shopPage.locator('#ref'), `Order for ${ref}`);
    expect(shop.visits.map((v) => v.searchParams.get('ref'))).toEqual([ref]);

    // ---- the shop takes the payment and sends its signed webhook naming the reference ----
    const paid = await deliverOrder(base, { orderId: 'shop-order-3003', externalId: BUYER.customerId, amountCents: 88_000, currency: 'TWD', checkoutRef: ref });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.claim).toMatchObject({ checkoutRef: ref, status: 'confirmed' });
    // Within a second, with no reload: the buyer's room and the seller's list.
    await Promise.all([
      see(phone.page.getByTestId('drop-card').filter({ hasText: DROP }).getByTestId('claim-paid'), 'Paid and confirmed', 1_000),
      expect.poll(() => row.getAttribute('data-status'), { timeout: 1_000, interval: 50 }).toBe('confirmed'),
    ]);
    // Paid: no countdown and no "Pay now" left on the buyer's card.
    await expect.poll(() => drop.getByTestId('pay-now').count(), { timeout: WAIT }).toBe(0);
    expect(await drop.getByTestId('claim-status').locator('.countdown').count()).toBe(0);
    await see(row.getByText('Confirmed'));
    expect(await row.getByTestId('claim-confirm').count()).toBe(0);

    expect(host.pageErrors).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  }, 120_000);
});
