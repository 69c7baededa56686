/**
 * The dashboard's webhook delivery log and the rules editor's birthday,
 * expiry and tier-welcome fields (issue 13), in real headless Chromium
 * against a real child server (embedded mode) whose outbound webhooks go to
 * a tiny receiver in this test:
 *
 * - before anything happened the log says nothing was sent;
 * - a member redeems over the API; the shop (the receiver) answers the first
 *   delivery 500, and holds the second until the dashboard has shown the
 *   failure: the host sees the reward.redeemed row retrying with the last
 *   error, then Delivered after Refresh — sent twice, signed;
 * - in Points & tiers a bad expiry is named on its own field; birthday
 *   points 100, expiry 365 days and Silver's welcome points 200 are saved,
 *   kept after a reload, and are what GET /api/rules answers.
 *
 * The API only does what no dashboard screen does: the member, their points
 * and their redemption.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redemption } from '../../shared/rewards.ts';
import type { Rules } from '../../shared/rules.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, launchChromium, openScreen, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, deliverOrder, hostToken, ssoMember } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SECRET = 'x'.repeat(40);

interface Received {
  id: string;
  event: string;
  signed: boolean;
  answered: number;
}

/**
 * The shop: every delivery id is answered 500 the first time; later tries
 * wait until `release()` (so the dashboard can be seen saying it failed), then 200.
 */
function startReceiver(): Promise<{ url: string; received: Received[]; release: () => void; close: () => Promise<void> }> {
  const received: Received[] = [];
  const seen = new Set<string>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['x-frontrow-delivery'] ?? '');
      const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      const answer = (status: number) => {
        received.push({ id, event: String(req.headers['x-frontrow-event'] ?? ''), signed: req.headers['x-frontrow-signature'] === expected, answered: status });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      };
      if (!seen.has(id)) {
        seen.add(id);
        answer(500);
      } else void released.then(() => answer(200));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks`,
        received,
        release,
        close: () => {
          release();
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

describe('the host reads the webhook log and edits birthday, expiry and welcome points (embedded mode, child server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let host: Screen;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-e2e-host-webhooks-'));
    receiver = await startReceiver();
    [server, browser] = await Promise.all([
      startServerProcess({ dataDir, env: { OUTBOUND_WEBHOOK_URL: receiver.url, OUTBOUND_WEBHOOK_SECRET: SECRET } }),
      launchChromium(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await receiver?.close().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('shows a redemption retried then delivered, and keeps the new rules', async () => {
    const base = server.url;
    host = await openScreen(browser, DESKTOP);
    const { page } = host;
    page.setDefaultTimeout(15_000); // a step that cannot happen fails by name, not by the test's timeout
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    await nav.getByRole('link', { name: 'Rewards', exact: true }).click();
    const view = await see(page.getByTestId('rewards-view'));
    const log = view.getByTestId('webhook-log');
    await see(log.getByTestId('webhook-log-empty'), 'Nothing sent yet');
    await see(log, 'OUTBOUND_WEBHOOK_URL');

    // ---- a member redeems over the API ----
    const token = await hostToken(base);
    const created = await api(base, 'POST', '/api/rewards', { kind: 'item', title: 'Tea towel', pricePoints: 1 }, token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rewardId = (created.body.reward as { id: string }).id;
    const member = await ssoMember(base, 'shop-cust-webhooks-1', 'Mei Lin');
    const paid = await deliverOrder(base, { orderId: 'order-webhooks-1', memberId: member.memberId, amountCents: 100_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const redeemed = await api(base, 'POST', `/api/rewards/${rewardId}/redeem`, { requestId: 'towel-1' }, member.token);
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    const deliveryId = `reward.redeemed:${(redeemed.body.redemption as Redemption).id}`;

    // ---- the shop said 500: the row says it is being retried, and why ----
    const refresh = log.getByRole('button', { name: 'Refresh' });
    const row = log.locator(`[data-testid="webhook-row"][data-delivery-id="${deliveryId}"]`);
    await expect
      .poll(
        async () => {
          if (await refresh.isEnabled()) await refresh.click();
          return (await row.count()) > 0 ? row.getAttribute('data-status') : null;
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe('retrying');
    expect(await row.getAttribute('data-type')).toBe('reward.redeemed');
    await see(row.getByTestId('webhook-status'), 'last error: HTTP 500');
    await see(row, 'reward.redeemed');
    expect(await row.locator('td[title]').first().getAttribute('title')).toBe(deliveryId); // the full id on hover

    // ---- the shop takes the retry: Delivered ----
    receiver.release();
    await expect
      .poll(
        async () => {
          if (await refresh.isEnabled()) await refresh.click();
          return row.getAttribute('data-status');
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe('delivered');
    await see(row.getByTestId('webhook-status'), /^Delivered at \d{2}:\d{2}:\d{2}/);
    expect(await row.locator('td').nth(3).textContent()).toBe('2'); // attempts
    const tries = receiver.received.filter((r) => r.id === deliveryId);
    expect(tries.map((r) => r.answered)).toEqual([500, 200]);
    expect(tries.every((r) => r.signed && r.event === 'reward.redeemed')).toBe(true);
    await saveScreenshot(page, 'host-webhook-log', { fullPage: true });

    // ---- Points & tiers: a bad expiry is named on its field, then the new fields are saved ----
    await nav.getByRole('link', { name: 'Points & tiers', exact: true }).click();
    const form = await see(page.getByRole('form', { name: 'Points & tiers' }));
    const birthday = form.getByLabel('Birthday points', { exact: true });
    const expiry = form.getByLabel('Points expire after', { exact: true });
    const welcome = form.getByLabel('Tier 2 (Silver): Welcome points', { exact: true });
    expect(await birthday.inputValue()).toBe('0');
    expect(await expiry.inputValue()).toBe('');
    expect(await expiry.getAttribute('placeholder')).toBe('Never');
    expect(await welcome.inputValue()).toBe('');
    await see(form, 'Blank: points never expire');

    await birthday.fill('100');
    await expiry.fill('0');
    await welcome.fill('200');
    await form.getByRole('button', { name: 'Save rules' }).click();
    await see(form.locator('[data-testid="rules-error"][data-field="points.expireAfterDays"]'), 'At least 1.');
    await expiry.fill('365');
    await form.getByRole('button', { name: 'Save rules' }).click();
    await see(page.getByText('Rules saved. They apply right away.'));

    await page.reload();
    const again = await see(page.getByRole('form', { name: 'Points & tiers' }));
    await expect.poll(() => again.getByLabel('Birthday points', { exact: true }).inputValue()).toBe('100');
    expect(await again.getByLabel('Points expire after', { exact: true }).inputValue()).toBe('365');
    expect(await again.getByLabel('Tier 2 (Silver): Welcome points', { exact: true }).inputValue()).toBe('200');
    expect(await again.getByLabel('Tier 3 (Gold): Welcome points', { exact: true }).inputValue()).toBe('');
    await saveScreenshot(page, 'host-rules-birthday-expiry', { fullPage: true });

    const rules = await api(base, 'GET', '/api/rules');
    expect(rules.status).toBe(200);
    const saved = rules.body.rules as Rules;
    expect(saved.birthday.points).toBe(100);
    expect(saved.points.expireAfterDays).toBe(365);
    expect(saved.tiers.map((t) => t.entryPoints)).toEqual([undefined, 200, undefined]);

    expect(host.pageErrors).toEqual([]);
  }, 60_000);
});
