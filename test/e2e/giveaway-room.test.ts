/**
 * A giveaway as members meet it, in real headless Chromium against an
 * in-process server drawing v2 with a local drand relay (the test's clock
 * drives both):
 *
 * - the room's lottery card shows the official rules written from the host's
 *   settings, in English and in Traditional Chinese;
 * - after the draw the winner does not claim within the window, so the prize
 *   passes to the first alternate: their room says so and they claim it with
 *   a tap;
 * - the verify page confirms that handover from the published order and
 *   claim times, and shows the same rules, in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { launchChromium, openScreen, PHONE, see, type Screen } from '../support/browser.ts';
import { api, ask, connect, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';
import { drandEnv, startFakeDrand, type FakeDrand } from '../support/fake-drand.ts';
import { TestClock } from '../support/test-clock.ts';

const WAIT = 20_000;
const HOUR = 3_600_000;
const SHOW = 'Giveaway night';
const PRIZE = 'A hand-thrown teapot';

describe('a giveaway in the room: rules, claiming, alternates (real browser)', () => {
  const clock = new TestClock();
  let relay: FakeDrand;
  let server: RunningApp;
  let browser: Browser;
  const screens: Screen[] = [];
  let host: string;
  let streamId: string;
  let lotteryId: string;
  const entrants: Array<{ customerId: string; name: string; memberId: string }> = [];

  const openAs = async (customerId: string, name: string, path: string): Promise<Page> => {
    const screen = await openScreen(browser, PHONE);
    screens.push(screen);
    await screen.page.goto(`${server.url}${path}?sso=${encodeURIComponent(await shopAssertion(customerId, name))}`);
    return screen.page;
  };
  const lotteryCard = (page: Page) => page.getByTestId('lottery-card').filter({ hasText: PRIZE });

  beforeAll(async () => {
    relay = await startFakeDrand(clock.read);
    [server, browser] = await Promise.all([startApp({ clock, env: drandEnv(relay) }), launchChromium()]);
    host = await hostToken(server.url);
    streamId = await liveShow(server.url, host, SHOW);
    const created = await api(
      server.url,
      'POST',
      `/api/streams/${streamId}/lotteries`,
      { title: 'Teapot giveaway', prize: PRIZE, winners: 1, requireWatching: false, odds: 'equal', claimWindowHours: 1, excludeRecentWinners: 2 },
      host,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    lotteryId = created.body.lottery.id;
    for (const name of ['Mei', 'Hao', 'Lin']) {
      const customerId = `giveaway-${name}-${Math.random()}`;
      const m = await ssoMember(server.url, customerId, name);
      const socket = await connect(server.url, '/live', { token: m.token });
      expect((await ask(socket, 'lottery:enter', { lotteryId })).ok).toBe(true);
      socket.close();
      entrants.push({ customerId, name, memberId: m.memberId });
    }
  }, 120_000);

  afterAll(async () => {
    for (const s of screens) await s.context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await relay?.close();
  });

  it('shows the official rules from the settings, in English and in Chinese', async () => {
    const page = await openAs(entrants[0]!.customerId, entrants[0]!.name, `/live/${encodeURIComponent(streamId)}`);
    const card = await see(lotteryCard(page), undefined, WAIT);
    await card.getByTestId('lottery-rules').locator('summary').click();
    const rules = card.getByTestId('lottery-rules');
    await see(rules, 'Every entry has the same chance of winning.');
    await see(rules, "Members offered a prize in the seller's last 2 draws cannot enter.");
    await see(rules, 'within 1 hour of the draw');
    await see(rules, 'passes to the next alternate');
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    const zhCard = await see(lotteryCard(page), undefined, WAIT);
    await zhCard.getByTestId('lottery-rules').locator('summary').click();
    await see(zhCard.getByTestId('lottery-rules'), '每份報名的中獎機會均等。');
    await see(zhCard.getByTestId('lottery-rules'), '最近 2 次抽獎');
    await see(zhCard.getByTestId('lottery-rules'), '1 小時內');
  }, 60_000);

  it('passes an unclaimed prize to the first alternate, who claims it in the room; the verify page confirms the handover', async () => {
    expect((await api(server.url, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host)).status).toBe(202);
    clock.advance(3 * relay.chain.period * 1000);
    const drawn = await api(server.url, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    const order: string[] = drawn.body.proof.order;
    const winner = entrants.find((e) => e.memberId === order[0])!;
    const alternate = entrants.find((e) => e.memberId === order[1])!;

    // The winner's room offers the claim; they let the hour pass.
    const winnerPage = await openAs(winner.customerId, winner.name, `/live/${encodeURIComponent(streamId)}`);
    await see(lotteryCard(winnerPage).getByTestId('claim-prize-button'), 'Claim your prize', WAIT);
    const alternatePage = await openAs(alternate.customerId, alternate.name, `/live/${encodeURIComponent(streamId)}`);
    await see(lotteryCard(alternatePage), undefined, WAIT);
    expect(await lotteryCard(alternatePage).getByTestId('claim-prize-button').count()).toBe(0);

    clock.advance(HOUR + 1000);
    await alternatePage.reload();
    const card = await see(lotteryCard(alternatePage), undefined, WAIT);
    await see(card.getByTestId('prize-claim'), 'the prize passed to you, alternate 1');
    await card.getByTestId('claim-prize-button').click();
    await see(card.getByTestId('prize-claimed'), 'Prize claimed');

    // Anyone can check that the teapot went where the order and the claim times say.
    const verify = await openAs(alternate.customerId, alternate.name, `/verify/${encodeURIComponent(lotteryId)}`);
    await see(verify.getByTestId('verify-result'), 'Proof holds', WAIT);
    const prizes = await see(verify.getByTestId('verify-prizes'), alternate.name);
    expect(await prizes.getAttribute('data-ok')).toBe('true');
    await see(prizes, 'alternate 1');
    await see(verify.getByTestId('lottery-rules'), 'within 1 hour of the draw');
    await verify.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await verify.reload();
    await see(verify.getByTestId('verify-prizes'), '第 1 位候補', WAIT);
    await see(verify.getByTestId('lottery-rules'), '逾期未領取的獎品將依公開的抽獎順序轉給下一位候補');
    for (const s of screens) expect(s.pageErrors).toEqual([]);
  }, 90_000);
});
