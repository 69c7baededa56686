/**
 * Reward alerts on the overlay (issue 13), in real headless Chromium against
 * a real child server (embedded mode): the host puts a show on air and opens
 * its overlay link twice, in English and in Traditional Chinese (the second
 * with reduced motion); a member redeems a reward whose host ticked "overlay
 * alert" and both overlays say so, the name and title as text; a reward
 * without it, and a retried request, put nothing on air; a second redemption
 * of the alerting reward waits for the first alert to leave.
 *
 * The API stands in for what is not this test's subject: the show, the
 * overlay token, the catalogue, the member's sign-on and redemptions.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { OVERLAY_STAGE, openScreen, see, type Screen } from '../support/browser.ts';
import { api, hostToken, liveShow, ssoMember } from '../support/clients.ts';

const SHOW = 'Friday tea tasting';
const ALERTING = 'Free shipping';
const QUIET = 'Thank-you sticker';
const MEMBER = { customerId: 'shop-cust-alert-5005', name: 'Mei Lin' };
const WAIT = 20_000;

/** Every alert the page puts up (`kind|text`) and the most ever on screen at once, recorded in the page (alerts leave after 6 s). */
const recordAlerts = (page: Page) =>
  page.evaluate(() => {
    const record = { seen: [] as string[], most: 0 };
    (window as unknown as { alerts: typeof record }).alerts = record;
    new MutationObserver(() => {
      const onScreen = document.querySelectorAll('[data-testid="overlay-reward-alert"]');
      record.most = Math.max(record.most, onScreen.length);
      for (const el of onScreen) {
        if (el.hasAttribute('data-recorded')) continue;
        el.setAttribute('data-recorded', '');
        record.seen.push(`${el.getAttribute('data-kind')}|${el.textContent ?? ''}`);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
const alertsOf = (page: Page) => page.evaluate(() => (window as unknown as { alerts: { seen: string[]; most: number } }).alerts);

describe('reward alerts on the overlay (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('overlay-alert');

  it('announces a redemption of an alerting reward, one alert at a time, and nothing for a quiet one', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const host = await hostToken(base);
    await liveShow(base, host, SHOW);
    const token = await api(base, 'POST', '/api/overlay-tokens', undefined, host);
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const link = `${base}/overlay?token=${encodeURIComponent(token.body.token)}`;

    // ---- the overlay twice: English, and Chinese for a viewer who asked for reduced motion ----
    const screens: Screen[] = [await openScreen(browser, OVERLAY_STAGE), await openScreen(browser, OVERLAY_STAGE)];
    const [en, zh] = screens.map((s) => s.page) as [Page, Page];
    await zh.emulateMedia({ reducedMotion: 'reduce' });
    await en.goto(link);
    await zh.goto(`${link}&lang=zh-TW`);
    await see(en.getByTestId('overlay-viewers'), /watching/);
    await see(zh.getByTestId('overlay-viewers'), /人觀看/);
    await Promise.all([recordAlerts(en), recordAlerts(zh)]);

    // ---- the catalogue: one reward announced on air, one not (free, so no points are needed) ----
    const reward = async (title: string, overlayAlert?: boolean) => {
      const r = await api(base, 'POST', '/api/rewards', { kind: 'custom', title, pricePoints: 0, ...(overlayAlert ? { overlayAlert } : {}) }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.reward.overlayAlert).toBe(overlayAlert ?? false);
      return r.body.reward.id as string;
    };
    const alerting = await reward(ALERTING, true);
    const quiet = await reward(QUIET);
    const member = await ssoMember(base, MEMBER.customerId, MEMBER.name);
    const redeem = async (rewardId: string, requestId: string) => {
      const r = await api(base, 'POST', `/api/rewards/${rewardId}/redeem`, { requestId }, member.token);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };

    // ---- the alerting reward: on both overlays, in their languages ----
    await redeem(alerting, 'alert-e2e-1');
    const enAlert = await see(en.getByTestId('overlay-reward-alert'), `${MEMBER.name} redeemed ${ALERTING}`, WAIT);
    const zhAlert = await see(zh.getByTestId('overlay-reward-alert'), `${MEMBER.name} 兌換了 ${ALERTING}`, WAIT);
    expect(await enAlert.locator('bdi').textContent()).toBe(MEMBER.name);
    // it moves in on the English page; with reduced motion it only fades
    expect(await enAlert.evaluate((el) => getComputedStyle(el).animationName)).toBe('reward-alert-life');
    expect(await zhAlert.evaluate((el) => getComputedStyle(el).animationName)).toBe('toast-fade');

    // ---- a retried request, then the quiet reward: nothing more on air ----
    await redeem(alerting, 'alert-e2e-1');
    await redeem(quiet, 'alert-e2e-2');
    // ---- a new redemption of the alerting reward: its alert waits for the first to leave ----
    await redeem(alerting, 'alert-e2e-3');
    for (const page of [en, zh]) {
      await expect.poll(async () => (await alertsOf(page)).seen.length, { timeout: WAIT }).toBe(2);
    }
    // Sent after the quiet one on the same socket, the second alert proves the quiet one never came.
    expect(await alertsOf(en)).toEqual({ seen: Array(2).fill(`custom|${MEMBER.name} redeemed ${ALERTING}`), most: 1 });
    expect(await alertsOf(zh)).toEqual({ seen: Array(2).fill(`custom|${MEMBER.name} 兌換了 ${ALERTING}`), most: 1 });
    expect(screens.flatMap((s) => s.pageErrors)).toEqual([]);
  }, 90_000);
});
