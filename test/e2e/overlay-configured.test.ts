/**
 * The overlay the seller configures, in real headless Chromium against a
 * real child server (embedded mode) that is restarted mid-show:
 *
 * - on the dashboard the seller builds the overlay link in Traditional
 *   Chinese and opens it as the OBS source: the overlay speaks Chinese;
 * - the seller pins a drop from the dashboard: it stays on the overlay while
 *   newer drops appear (and a drop not open yet pushes no selling one off);
 * - a member arrives (one "joined" badge) and wins a lottery;
 * - the server restarts on the same port and data: on air no "Reconnecting"
 *   pill shows, the pinned drop and the drawn winners are back (also more
 *   than a minute after the draw, also on a freshly loaded source), and the
 *   member's reconnect fires no "joined" badge while a real newcomer's does.
 *
 * The API stands in for what is not this test's subject: rules, shop orders
 * and sign-on, creating drops and the lottery, the members' sockets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, hostGoesLive, launchChromium, OVERLAY_STAGE, openScreen, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, ask, deliverOrder, hostToken, ssoMember } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1.2, earlyAccessSeconds: 60, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 500, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
};

const SHOW = '週五玉石茶會';
const PINNED = 'Jade bangle (pinned)';
const WINNER = { customerId: 'shop-cust-silver-3003', name: 'Mei Chen' };
const NEWCOMER = { customerId: 'shop-cust-silver-4004', name: 'Wen Lee' };
const WAIT = 20_000;
/** The old overlay kept drawn winners one minute; the check after the restart runs later than that. */
const PAST_THE_OLD_WINDOW_MS = 62_000;

describe('the overlay the seller configures (embedded mode, child server, restarted)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let host: Screen;
  let overlay: Screen;
  let hostApiToken: string;
  let streamId: string;
  let overlayUrl: string;
  const sockets: Socket[] = [];
  let orderSeq = 0;

  const hostNav = (name: string) => host.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name, exact: true });
  const overlayDrops = () => overlay.page.getByTestId('overlay-drop');
  const dropIdsOnAir = (page: Page) => page.getByTestId('overlay-drop').evaluateAll((els) => els.map((el) => el.getAttribute('data-drop-id')));
  const createDrop = async (title: string, opensAt?: number) => {
    const r = await api(server.url, 'POST', `/api/streams/${streamId}/drops`, { title, priceCents: 99_000, stock: 10, ...(opensAt ? { opensAt } : {}) }, hostApiToken);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.drop.id as string;
  };
  const silverMember = async (who: { customerId: string; name: string }) => {
    const m = await ssoMember(server.url, who.customerId, who.name);
    const paid = await deliverOrder(server.url, { orderId: `overlay-e2e-${orderSeq++}`, memberId: m.memberId, amountCents: 15_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    return m;
  };
  const joinShow = async (token: string) => {
    const socket = io(`${server.url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await ask(socket, 'stream:join', { streamId });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    return socket;
  };
  /** Every badge the overlay page puts up, by name, recorded in the page (toasts leave after 5 s). */
  const recordBadges = (page: Page) =>
    page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { badgesSeen: string[] }).badgesSeen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="overlay-badge"]')) {
          const key = `${el.getAttribute('data-reason')}:${el.querySelector('.badge-name')?.textContent ?? ''}`;
          if (!el.hasAttribute('data-recorded')) {
            el.setAttribute('data-recorded', '');
            seen.push(key);
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
  const badgesSeen = (page: Page) => page.evaluate(() => (window as unknown as { badgesSeen: string[] }).badgesSeen);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-e2e-overlay-'));
    [server, browser] = await Promise.all([startServerProcess({ dataDir }), launchChromium()]);
    hostApiToken = await hostToken(server.url);
    const put = await api(server.url, 'PUT', '/api/rules', RULES, hostApiToken);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a zh-TW link speaks Chinese; a pinned drop stays while newer drops appear', async () => {
    host = await openScreen(browser, DESKTOP);
    const showRow = await hostGoesLive(host.page, server.url, TEST_HOST_KEY, SHOW);
    streamId = (await showRow.getAttribute('data-stream-id'))!;
    expect(streamId).toBeTruthy();

    // ---- the link builder: Chinese on stream, no top fans ----
    await hostNav('Stream overlay').click();
    await host.page.getByLabel('Name', { exact: true }).fill('Studio PC');
    await host.page.getByRole('button', { name: 'Create overlay link' }).click();
    const urlField = await see(host.page.getByTestId('overlay-url'));
    await host.page.getByLabel('Language on stream').selectOption('zh-TW');
    await host.page.getByLabel('Top fans').uncheck();
    await expect.poll(async () => new URL(await urlField.inputValue()).searchParams.get('lang')).toBe('zh-TW');
    const link = new URL(await urlField.inputValue());
    expect(link.searchParams.get('token')).toBeTruthy();
    expect(link.searchParams.get('widgets')?.split(',')).toEqual(['viewers', 'badges', 'drops', 'lottery']);
    expect(link.searchParams.has('preview')).toBe(false); // the link for OBS never shows connection trouble
    expect(new URL(await host.page.getByTestId('overlay-preview').getAttribute('src') ?? '', server.url).searchParams.get('preview')).toBe('1');
    overlayUrl = `${server.url}${link.pathname}${link.search}`;

    // ---- the OBS source (a browser whose own language is English) ----
    overlay = await openScreen(browser, OVERLAY_STAGE);
    await overlay.page.goto(overlayUrl);
    await see(overlay.page.getByTestId('overlay-viewers'), /人觀看/);
    expect(await overlay.page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await see(overlay.page.locator('.live-pill'), '直播中');
    await recordBadges(overlay.page);

    // ---- a drop, pinned from the dashboard ----
    const pinnedId = await createDrop(PINNED);
    await see(overlayDrops(), PINNED);
    await see(overlayDrops().first().locator('.card-label'), '會員限定');
    const pinPanel = host.page.locator('section.overlay-pin');
    const pinRow = await see(pinPanel.locator('li.pin-row', { hasText: PINNED }));
    await pinRow.getByRole('button', { name: 'Pin to overlay' }).click();
    await see(host.page.getByText('Drop pinned to the overlay.'));
    await see(pinRow.getByRole('button', { name: 'Unpin' }));
    await see(overlay.page.getByTestId('overlay-drop-pinned'), '主打');

    // ---- newer drops: the newest selling one shows beside the pinned one; one not open yet pushes nothing off ----
    await createDrop('Oolong tin');
    const newest = await createDrop('Celadon cup');
    await expect.poll(() => dropIdsOnAir(overlay.page), { timeout: WAIT }).toEqual([pinnedId, newest]);
    await createDrop('Tea tray (opens in an hour)', Date.now() + 3_600_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await dropIdsOnAir(overlay.page)).toEqual([pinnedId, newest]);
    expect(await overlay.page.getByTestId('overlay-top-fans').count()).toBe(0); // switched off in the link
    expect(await overlay.page.getByTestId('overlay-status').isVisible()).toBe(false);
    expect(overlay.pageErrors).toEqual([]);
  }, 120_000);

  it('after a restart: no pill on air, the pin and the drawn winners are back, and reconnects fire no joined badge', async () => {
    if (!overlay) throw new Error('needs the overlay of the first test');
    const pinnedId = (await dropIdsOnAir(overlay.page))[0];

    // ---- a Silver member arrives (one badge) and wins the lottery ----
    const winner = await silverMember(WINNER);
    let winnerSocket = await joinShow(winner.token);
    await see(overlay.page.getByTestId('overlay-badge').filter({ hasText: WINNER.name }), '進入直播間');
    const created = await api(
      server.url,
      'POST',
      `/api/streams/${streamId}/lotteries`,
      { title: '感謝抽獎', prize: '簽名茶具組', winners: 1, requireWatching: false },
      hostApiToken,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const entered = await ask(winnerSocket, 'lottery:enter', { lotteryId: created.body.lottery.id });
    expect(entered.ok, JSON.stringify(entered)).toBe(true);
    const drawn = await api(server.url, 'POST', `/api/lotteries/${created.body.lottery.id}/draw`, {}, hostApiToken);
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    const drawnAt = Date.now();
    await see(overlay.page.getByTestId('overlay-winners'), WINNER.name);
    expect(await badgesSeen(overlay.page)).toEqual([`joined:${WINNER.name}`]);

    // ---- the server restarts: on air nothing says so ----
    const port = server.port;
    winnerSocket.close();
    expect(await server.stop()).toBe(0);
    const status = overlay.page.getByTestId('overlay-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: WAIT }).toBe('reconnecting');
    await new Promise((r) => setTimeout(r, 2500)); // past the pill's grace period
    expect(await status.isVisible()).toBe(false);
    expect((await status.textContent()) ?? '').toBe('');
    server = await startServerProcess({ dataDir, port });
    hostApiToken = await hostToken(server.url);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: WAIT }).toBe('connected');
    expect(await status.isVisible()).toBe(false);

    // ---- the pin came back with the snapshot ----
    await expect.poll(async () => (await dropIdsOnAir(overlay.page))[0], { timeout: WAIT }).toBe(pinnedId);
    await see(overlay.page.getByTestId('overlay-drop-pinned'), '主打');

    // ---- the winner reconnects: no badge; a real newcomer: a badge ----
    winnerSocket = await joinShow(winner.token);
    const newcomer = await silverMember(NEWCOMER);
    await joinShow(newcomer.token);
    await see(overlay.page.getByTestId('overlay-badge').filter({ hasText: NEWCOMER.name }), '進入直播間');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await badgesSeen(overlay.page)).toEqual([`joined:${WINNER.name}`, `joined:${NEWCOMER.name}`]);

    // ---- the winners are still on air more than a minute after the draw, and on a freshly loaded source ----
    await new Promise((r) => setTimeout(r, Math.max(0, drawnAt + PAST_THE_OLD_WINDOW_MS - Date.now())));
    await see(overlay.page.getByTestId('overlay-winners'), WINNER.name);
    const fresh = await openScreen(browser, OVERLAY_STAGE);
    await fresh.page.goto(overlayUrl);
    await see(fresh.page.getByTestId('overlay-winners'), WINNER.name);
    await see(fresh.page.getByTestId('overlay-drop-pinned'), '主打');
    expect(await dropIdsOnAir(fresh.page).then((ids) => ids[0])).toBe(pinnedId);
    await see(fresh.page.locator('.reveal-title'), '得獎者');

    await fresh.page.evaluate(() => document.body.style.setProperty('background', 'linear-gradient(135deg, #56606e, #2b313b)', 'important'));
    await saveScreenshot(fresh.page, 'overlay-zh-tw-pinned');
    expect([...overlay.pageErrors, ...fresh.pageErrors, ...host.pageErrors]).toEqual([]);
    await fresh.context.close();
  }, 150_000);
});
