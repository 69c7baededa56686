/**
 * The three screens in real headless Chromium against a real child server
 * (embedded mode), the way people use them:
 *
 * - the host signs in on /host, plans and starts a show, makes an overlay link
 *   and opens it as the OBS browser source (1920×1080);
 * - a Gold member (made Gold by a signed shop order) and a Bronze member join
 *   from the shop's sign-on room link, on phones (390×844);
 * - Gold's arrival shows a badge on the overlay, watch points arrive on the
 *   phones, a drop launched from the dashboard opens for Gold first (Gold
 *   reserves, Bronze sees their countdown), a lottery opened from the dashboard
 *   is entered by both and drawn by the host, the winners appear on every
 *   screen and the public verify page confirms the proof;
 * - the server restarts (SIGTERM, then SIGKILL) on the same port and data dir:
 *   the overlay comes back by itself and catches up with a drop launched while
 *   it was away.
 *
 * The API is used only to set up what no screen does: the rules, the shop's
 * order webhook and its sign-on assertions. Every step a person takes happens
 * on a page, and every check reads what a page shows. The run also writes the
 * README's screenshots (docs/screenshots/*.png).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, hostGoesLive, launchChromium, OVERLAY_STAGE, openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, deliverOrder, hostToken, shopAssertion, ssoMember } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** Fast rules: a watch reward every 2 s of verified watching, a Gold tier one order away, Gold alone 10 min early. */
const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 1, everySeconds: 2, points: 10 },
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1.2, earlyAccessSeconds: 60, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 500, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
};

const SHOW = 'Friday jade & tea live';
const DROP = 'Jade bangle, limited run';
const LATE_DROP = 'Oolong tin, launched during the outage';
const LOTTERY = 'Thank-you giveaway';
const GOLD = { customerId: 'shop-cust-gold-1001', name: 'Gwen Huang' };
const BRONZE = { customerId: 'shop-cust-bronze-2002', name: 'Bo Lin' };

const WAIT = 20_000;

describe('the three screens in a real browser (embedded mode, child server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let host: Screen;
  let overlay: Screen;
  let gold: Screen;
  let bronze: Screen;

  const balanceOf = async (page: Page): Promise<number> => {
    const text = (await page.getByTestId('balance').textContent({ timeout: 2_000 }).catch(() => null)) ?? '';
    const n = Number(text.replace(/[^\d]/g, ''));
    return text && Number.isFinite(n) ? n : -1;
  };
  const hostNav = (name: string) => host.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name, exact: true });
  const overlayStatus = () => overlay.page.getByTestId('overlay-status');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-e2e-'));
    [server, browser] = await Promise.all([startServerProcess({ dataDir }), launchChromium()]);
    // Setup only: the rules document (the rules screen has its own tests).
    const token = await hostToken(server.url);
    const put = await api(server.url, 'PUT', '/api/rules', RULES, token);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('host, two members and the overlay run a show: badge, watch points, early drop, fair lottery, proof', async () => {
    const base = server.url;

    // ---- the host signs in and starts a show ----
    host = await openScreen(browser, DESKTOP);
    const showRow = await hostGoesLive(host.page, base, TEST_HOST_KEY, SHOW);
    await see(host.page.getByRole('button', { name: new RegExp(`Live\\s*${escapeRegExp(SHOW)}`) })); // the on-air pill
    const streamId = await showRow.getAttribute('data-stream-id');
    expect(streamId).toBeTruthy();

    // ---- an overlay link, opened as the OBS browser source ----
    await hostNav('Stream overlay').click();
    await host.page.getByLabel('Name', { exact: true }).fill('Studio PC');
    await host.page.getByRole('button', { name: 'Create overlay link' }).click();
    const urlField = await see(host.page.getByTestId('overlay-url'));
    const linkUrl = new URL(await urlField.inputValue());
    expect(linkUrl.pathname).toBe('/overlay');
    expect(linkUrl.searchParams.get('token')).toBeTruthy();
    // The link names PUBLIC_URL (localhost here); OBS on this machine would open the same server.
    const overlayUrl = `${base}${linkUrl.pathname}${linkUrl.search}`;
    overlay = await openScreen(browser, OVERLAY_STAGE);
    await overlay.page.goto(overlayUrl);
    await see(overlay.page.getByTestId('overlay-viewers'), /watching/);
    await expect.poll(() => overlayStatus().getAttribute('data-state'), { timeout: WAIT }).toBe('connected');

    // ---- the shop: Gold signed in once before and paid an order; Bronze is new ----
    await ssoMember(base, GOLD.customerId, GOLD.name);
    const order = await deliverOrder(base, { orderId: 'order-e2e-1', externalId: GOLD.customerId, amountCents: 60_000, currency: 'TWD' });
    expect(order.status, JSON.stringify(order.body)).toBe(200);
    const roomLink = async (who: { customerId: string; name: string }) =>
      `${base}/live/${encodeURIComponent(streamId!)}?sso=${encodeURIComponent(await shopAssertion(who.customerId, who.name))}`;

    // ---- Gold joins from the shop's link: a badge on the overlay ----
    gold = await openScreen(browser, PHONE);
    const goldBadge = overlay.page.getByTestId('overlay-badge').filter({ hasText: GOLD.name });
    const badgeShown = goldBadge.first().waitFor({ state: 'visible', timeout: WAIT });
    await gold.page.goto(await roomLink(GOLD));
    await badgeShown;
    expect(await goldBadge.first().getAttribute('data-tier')).toBe('gold');
    await see(goldBadge, /Gold member/);
    expect(new URL(gold.page.url()).searchParams.has('sso')).toBe(false); // the assertion left the address bar
    await see(gold.page.getByRole('heading', { level: 1, name: SHOW }));
    await see(gold.page.getByTestId('tier-name'), 'Gold');

    bronze = await openScreen(browser, PHONE);
    await bronze.page.goto(await roomLink(BRONZE));
    await see(bronze.page.getByTestId('tier-name'), 'Bronze');
    await see(overlay.page.getByTestId('overlay-viewers'), /2 members/);

    // ---- watch points arrive while they watch ----
    await see(gold.page.getByText('Earning while you watch'));
    await see(gold.page.getByTestId('points-toast'), /\+15\s*Watch time/); // 10 pts × Gold's 1.5
    await expect.poll(() => balanceOf(gold.page), { timeout: WAIT }).toBeGreaterThan(600);
    await see(bronze.page.getByTestId('points-toast'), /\+10\s*Watch time/);
    await expect.poll(() => balanceOf(bronze.page), { timeout: WAIT }).toBeGreaterThan(0);
    await see(overlay.page.getByTestId('overlay-top-fans'), GOLD.name);

    // ---- the host launches a drop opening in 5 minutes: only Gold's window is open ----
    await hostNav('Drops').click();
    const composer = host.page.getByTestId('drop-composer');
    await composer.getByLabel('Item name').fill(DROP);
    await composer.getByLabel('Price', { exact: true }).fill('1200');
    await composer.getByLabel('Member price').fill('990');
    await composer.getByLabel('Stock', { exact: true }).fill('10');
    await composer.getByRole('button', { name: 'In 5 min' }).click();
    await composer.getByRole('button', { name: 'Launch drop' }).click();
    await see(host.page.getByText(`Drop “${DROP}” launched.`));
    await see(host.page.getByTestId('drop-card'), DROP);

    const overlayDrop = await see(overlay.page.getByTestId('overlay-drop'), DROP);
    await see(overlayDrop.locator('.window[data-tier="gold"]'), 'Gold now');
    await see(overlayDrop.locator('.window[data-tier="bronze"]'), /Bronze in \d+:\d\d/);

    const goldDrop = await see(gold.page.getByTestId('drop-card'), DROP);
    await see(goldDrop.getByText('Open for you now'));
    await goldDrop.getByTestId('claim-button').click();
    const goldClaim = await see(goldDrop.getByTestId('claim-status'), 'Reserved!');
    await see(goldClaim, /Checkout reference\s*\S+/);
    expect((await goldClaim.locator('code').textContent())?.trim()).toMatch(/\S{4,}/);
    await see(goldDrop.getByTestId('claim-button'), 'Reserved for you');

    const bronzeDrop = await see(bronze.page.getByTestId('drop-card'), DROP);
    await see(bronzeDrop.getByTestId('drop-countdown'), /^\d:\d\d$/);
    const bronzeClaim = bronzeDrop.getByTestId('claim-button');
    await see(bronzeClaim, /Opens for you at/);
    expect(await bronzeClaim.isDisabled()).toBe(true);
    await see(bronzeDrop, '9 of 10 left'); // Gold's reservation, pushed to everyone
    await see(overlayDrop.getByTestId('overlay-drop-stock'), '9 / 10 left');

    // ---- the host opens a lottery; both members enter ----
    await hostNav('Lotteries').click();
    const lotteryForm = host.page.getByTestId('lottery-composer');
    await lotteryForm.getByLabel('Title', { exact: true }).fill(LOTTERY);
    await lotteryForm.getByLabel('Prize', { exact: true }).fill('Signed tea set');
    await lotteryForm.getByLabel('Winners', { exact: true }).fill('2');
    await lotteryForm.getByRole('button', { name: 'Open lottery' }).click();
    await see(host.page.getByText(`Lottery “${LOTTERY}” is open.`));
    const hostLottery = await see(host.page.getByTestId('lottery-card'), LOTTERY);

    for (const member of [gold, bronze]) {
      const card = await see(member.page.getByTestId('lottery-card'), LOTTERY);
      await card.getByRole('button', { name: 'Enter lottery' }).click();
      await see(card.getByTestId('enter-button'), "You're in ✓");
    }
    await see(gold.page.getByTestId('lottery-card'), /As Gold you enter with weight ×4/);
    await see(hostLottery.getByTestId('lottery-entries'), /^2$/);
    await see(overlay.page.getByTestId('overlay-lottery-entries'), /^2\s*entered$/);

    // The overlay as it reads on stream: the drop, the lottery filling up, top fans (over a neutral backdrop).
    // Through the CSSOM: the page's CSP (style-src 'self') refuses an injected <style>, as it should.
    await overlay.page.evaluate(() => document.body.style.setProperty('background', 'linear-gradient(135deg, #56606e, #2b313b)', 'important'));
    await saveScreenshot(overlay.page, 'overlay');

    // ---- the host draws: the winners on every screen ----
    // A draw cannot be undone, so the dashboard asks first.
    await hostLottery.getByRole('button', { name: 'Draw 2 winners' }).click();
    const drawDialog = await see(host.page.getByRole('alertdialog', { name: `Draw “${LOTTERY}” now?` }));
    await drawDialog.getByRole('button', { name: 'Draw now' }).click();
    const hostWinners = await see(hostLottery.getByTestId('lottery-winners'), GOLD.name);
    await see(hostWinners, BRONZE.name);
    await see(hostLottery.getByText('✓ Proof verified in this browser'));
    for (const member of [gold, bronze]) {
      const card = await see(member.page.getByTestId('lottery-card'), LOTTERY);
      await see(card.getByRole('heading', { name: 'You won!' }));
      await see(card.getByTestId('lottery-winners'), GOLD.name);
      await see(card.getByTestId('lottery-winners'), BRONZE.name);
    }
    const overlayWinners = await see(overlay.page.getByTestId('overlay-winners'), GOLD.name);
    await see(overlayWinners, BRONZE.name);

    // ---- screenshots: the room on a phone, the dashboard's live panel ----
    await gold.page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(gold.page, 'viewer-room');
    await hostNav('Live studio').click();
    const panel = await see(host.page.getByTestId('live-panel'));
    await see(panel.getByRole('heading', { level: 1, name: SHOW }));
    await expect.poll(() => panel.getByTestId('member-count').textContent(), { timeout: WAIT }).toBe('2');
    await see(panel.getByTestId('top-fans'), GOLD.name);
    await see(panel.getByText(`${GOLD.name} (Gold) joined`));
    // the notices fade by themselves; closing them keeps them out of the picture
    const dismiss = host.page.getByRole('button', { name: 'Dismiss' });
    for (let n = 0; n < 5 && (await dismiss.count()) > 0; n++) await dismiss.first().click({ timeout: 2_000 }).catch(() => undefined);
    await saveScreenshot(host.page, 'dashboard');

    // ---- End show asks first; Escape or Cancel leaves the show on air ----
    const endShow = host.page.getByTestId('end-show');
    const endDialog = host.page.getByRole('alertdialog', { name: `End “${SHOW}”?` });
    await endShow.click();
    await see(endDialog, /reservations already made stay payable/);
    // focus starts on the safe choice, so a stray Enter ends nothing
    await expect.poll(() => host.page.evaluate(() => document.activeElement?.textContent), { timeout: WAIT }).toBe('Cancel');
    await host.page.keyboard.press('Escape');
    await endDialog.waitFor({ state: 'detached', timeout: WAIT });
    await expect.poll(() => host.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: WAIT }).toBe('end-show');
    await endShow.click();
    await endDialog.getByRole('button', { name: 'Cancel' }).click();
    await endDialog.waitFor({ state: 'detached', timeout: WAIT });
    // Nothing to wait for when nothing happens: give a wrongly sent end the time to land before looking.
    await host.page.waitForTimeout(500);
    const liveShows = (await (await fetch(`http://127.0.0.1:${server.port}/api/streams?status=live`)).json()) as { streams: Array<{ title: string }> };
    expect(liveShows.streams.map((s) => s.title)).toContain(SHOW);
    await see(endShow, 'End show');

    // ---- moderation from the dashboard: a deleted comment leaves every screen; a muted member is told so ----
    const rude = `Rude remark ${Date.now() % 10_000}`;
    await bronze.page.locator('#comment-input').fill(rude);
    await bronze.page.getByRole('button', { name: 'Send comment' }).click();
    const goldChat = gold.page.getByRole('log');
    await see(goldChat.locator('.msg__text', { hasText: rude }));
    const hostComment = await see(panel.getByTestId('comment-feed').locator('li.comment', { hasText: rude }));
    await hostComment.getByTestId('comment-delete').click();
    await goldChat.locator('.msg__text', { hasText: rude }).waitFor({ state: 'detached', timeout: WAIT });
    await bronze.page.getByRole('log').locator('.msg__text', { hasText: rude }).waitFor({ state: 'detached', timeout: WAIT });
    await panel.getByTestId('comment-feed').locator('li.comment', { hasText: rude }).waitFor({ state: 'detached', timeout: WAIT });

    const again = 'Sorry, one more thing';
    await bronze.page.locator('#comment-input').fill(again);
    await bronze.page.getByRole('button', { name: 'Send comment' }).click();
    const second = await see(panel.getByTestId('comment-feed').locator('li.comment', { hasText: again }));
    await second.getByTestId('comment-mute').click();
    await see(host.page.getByText(`${BRONZE.name} is muted for 5 minutes.`));
    await bronze.page.locator('#comment-input').fill('Can I talk?');
    await bronze.page.getByRole('button', { name: 'Send comment' }).click();
    await see(bronze.page.getByTestId('comment-error'), 'The host has muted you in this show for a while.');

    // ---- anyone can check the draw: the verify page linked from the room ----
    await bronze.page.getByTestId('lottery-card').getByRole('link', { name: 'Verify this draw yourself' }).click();
    await bronze.page.waitForURL(/\/verify\/[^/]+$/, { timeout: WAIT });
    await see(bronze.page.getByTestId('verify-result'), 'Proof holds', WAIT);
    // Test servers draw v1: algorithm, commitment, entries, entries hash, winners — each step checked in this browser.
    expect(await bronze.page.locator('[data-testid^="verify-step-"][data-ok="true"]').count()).toBe(5);
    await see(bronze.page.getByTestId('verify-winners'), GOLD.name);

    expect([...host.pageErrors, ...overlay.pageErrors, ...gold.pageErrors, ...bronze.pageErrors]).toEqual([]);
  }, 150_000);

  it('the overlay reconnects by itself after the server restarts, and catches up with what it missed', async () => {
    if (!overlay || !host) throw new Error('needs the show, dashboard and overlay of the first test');
    const port = server.port;
    // Nobody is watching any more: only the overlay and the dashboard stay up.
    await Promise.all([gold?.context.close(), bronze?.context.close()]);
    const overlayDrop = overlay.page.getByTestId('overlay-drop');
    await see(overlayDrop, DROP);

    // 1. A graceful restart (SIGTERM drains and disconnects every socket).
    expect(await server.stop()).toBe(0);
    await expect.poll(() => overlayStatus().getAttribute('data-state'), { timeout: WAIT }).toBe('reconnecting');
    server = await startServerProcess({ dataDir, port });
    await expect.poll(() => overlayStatus().getAttribute('data-state'), { timeout: WAIT }).toBe('connected');
    await see(overlayDrop.locator('.card-title'), DROP);

    // 2. A crash (SIGKILL). While the overlay's machine is still offline the server is back
    //    and the host launches another drop; the overlay must show it once it reconnects.
    const linkStatus = host.page.getByRole('banner').getByRole('status');
    await server.kill('SIGKILL');
    await expect.poll(() => overlayStatus().getAttribute('data-state'), { timeout: WAIT }).toBe('reconnecting');
    await see(linkStatus, 'Reconnecting…', WAIT);
    await overlay.context.setOffline(true);
    server = await startServerProcess({ dataDir, port });

    await see(linkStatus, 'Connected', WAIT); // the dashboard comes back by itself too
    await hostNav('Drops').click();
    const composer = host.page.getByTestId('drop-composer');
    await composer.getByLabel('Item name').fill(LATE_DROP);
    await composer.getByLabel('Price', { exact: true }).fill('450');
    await composer.getByLabel('Stock', { exact: true }).fill('30');
    await composer.getByRole('button', { name: 'Launch drop' }).click();
    await see(host.page.getByText(`Drop “${LATE_DROP}” launched.`));
    // still away: the overlay shows what it had
    expect(await overlayStatus().getAttribute('data-state')).toBe('reconnecting');
    await see(overlayDrop.locator('.card-title'), DROP);

    await overlay.context.setOffline(false);
    await expect.poll(() => overlayStatus().getAttribute('data-state'), { timeout: WAIT }).toBe('connected');
    await see(overlayDrop.locator('.card-title'), LATE_DROP, WAIT);
    await see(overlayDrop.getByTestId('overlay-drop-stock'), '30 / 30 left');
    expect(overlay.pageErrors).toEqual([]);
  }, 90_000);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
