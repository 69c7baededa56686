/**
 * State that survives a refresh, in real headless Chromium against a real
 * child server (embedded mode): a member on a phone checks in, likes up to the
 * show's cap, reserves a drop and says something in the chat; after a page
 * reload the room shows the same check-in, like cap and reservation (with its
 * countdown), the earlier chat, and the member's progress to the next watch
 * award; a viewer who opens the room afterwards sees the earlier comments.
 *
 * The API only sets up what no screen of the viewer does: the rules, the show
 * and its drop (the dashboard has its own test), and the shop's sign-on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { launchChromium, openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, hostToken, liveShow, shopAssertion } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 1, everySeconds: 60, points: 10 },
  like: { points: 1, maxPerStream: 2 },
};
const SHOW = 'Sunday tea tasting';
const DROP = 'Aged oolong, 50 g';
const MEMBER = { customerId: 'shop-cust-refresh-3003', name: 'Rita Chen' };
const EARLIER = 'Is the oolong from Alishan? 阿里山嗎？';

describe('the viewer room after a page refresh (embedded mode, child server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  const screens: Screen[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-e2e-refresh-'));
    [server, browser] = await Promise.all([startServerProcess({ dataDir }), launchChromium()]);
    const token = await hostToken(server.url);
    const put = await api(server.url, 'PUT', '/api/rules', RULES, token);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the same check-in, like cap, reservation and chat after a reload; a late joiner sees the earlier comments', async () => {
    const base = server.url;
    const host = await hostToken(base);
    const streamId = await liveShow(base, host, SHOW);
    const drop = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: DROP, priceCents: 88_000, stock: 5 }, host);
    expect(drop.status, JSON.stringify(drop.body)).toBe(201);

    const member = await openScreen(browser, PHONE);
    screens.push(member);
    const page = member.page;
    await page.goto(`${base}/live/${encodeURIComponent(streamId)}?sso=${encodeURIComponent(await shopAssertion(MEMBER.customerId, MEMBER.name))}`);
    await see(page.getByRole('heading', { level: 1, name: SHOW }));
    await see(page.getByTestId('tier-name'), 'Bronze');

    const checkin = page.getByRole('button', { name: /Check(ed)? in/ });
    const like = page.getByRole('button', { name: /Like/ });
    const dropCard = () => page.getByTestId('drop-card').filter({ hasText: DROP });
    const feed = page.getByRole('log', { name: 'Comments' });

    // Before: a fresh member is offered the check-in's points, and each like's.
    await see(checkin, '+20 today');
    await see(like, '+1 each');

    // Check in, like past the cap (2), reserve the drop, say something.
    await checkin.click();
    await see(checkin, 'Day 1 streak');
    for (let i = 0; i < 3; i++) {
      await like.click();
      await expect.poll(() => like.getAttribute('aria-busy'), { timeout: 10_000 }).not.toBe('true');
    }
    await see(like, 'Max points reached');
    await (await see(dropCard())).getByTestId('claim-button').click();
    await see(dropCard().getByTestId('claim-status'), 'Reserved!');
    await page.getByLabel('Write a comment').fill(EARLIER);
    await page.getByRole('button', { name: 'Send comment' }).click();
    await see(feed.getByText(EARLIER));
    const reference = (await dropCard().getByTestId('claim-status').textContent())!.match(/FR-[A-Z0-9]+/)![0];

    // ---- the refresh ----
    await page.reload();
    await see(page.getByRole('heading', { level: 1, name: SHOW }));
    await see(checkin, 'Checked in');
    await see(checkin, 'Day 1 streak');
    expect(await checkin.textContent()).not.toContain('+20 today');
    await see(like, 'Max points reached');
    const card = await see(dropCard());
    await see(card.getByTestId('claim-button'), 'Reserved for you');
    await see(card.getByTestId('claim-status'), 'Reserved!');
    await see(card.getByTestId('claim-status'), reference);
    await see(card.getByTestId('claim-status'), /\d+:\d\d/); // the reservation's countdown
    await see(feed.getByText(EARLIER));
    // Members keep the guests' progress bar to the next watch award.
    await see(page.getByTestId('member-next-award'), /Next \+10 in \d:\d\d of watching/);
    expect(member.pageErrors).toEqual([]);
    await saveScreenshot(page, 'viewer-room-after-refresh');

    // ---- a viewer who opens the room now sees what was said before ----
    const late = await openScreen(browser, PHONE);
    screens.push(late);
    await late.page.goto(`${base}/live/${encodeURIComponent(streamId)}`);
    await see(late.page.getByRole('heading', { level: 1, name: SHOW }));
    await see(late.page.getByRole('log', { name: 'Comments' }).getByText(EARLIER));
    await see(late.page.getByRole('log', { name: 'Comments' }).getByText(MEMBER.name));
    expect(late.pageErrors).toEqual([]);
  }, 120_000);
});
