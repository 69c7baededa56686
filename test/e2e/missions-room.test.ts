/**
 * Missions in the viewer room (issue 14), in real headless Chromium against
 * a real child server (embedded mode): a member on a phone likes the show and
 * watches a likes mission move stage by stage — 1 / 2, stage 1 reached and
 * the bar now toward stage 2, then done — each stage announced by a toast;
 * then in Traditional Chinese, a shop order delivered through the signed
 * webhook completes a purchases mission and moves an amount one, toast and
 * all, without a reload. A guest sees the missions, no progress, and is asked
 * to join.
 *
 * The API only sets up what no screen of the viewer does: the show, the
 * missions (the host's), the order (the shop's webhook).
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, deliverOrder, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';

const SHOW = 'Noodle night live';
const LIKES = 'Heart the host';
const FIRST_ORDER = 'First order of the week';
const SPENDER = 'Big spender';
const MEMBER = { customerId: 'shop-cust-missions-5005', name: 'Wen Hsu' };

describe('missions in the viewer room (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('missions');
  const screens: Screen[] = [];

  it('moves a likes mission stage by stage as the member likes, and completes a purchase mission from the shop’s webhook, in English and Chinese', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const host = await hostToken(base);
    const streamId = await liveShow(base, host, SHOW);

    const created = await Promise.all([
      api(base, 'POST', '/api/missions', {
        title: LIKES,
        description: 'Show some love while we cook.',
        goal: { kind: 'likes' },
        period: { kind: 'show' },
        stages: [
          { target: 2, reward: { points: 5 } },
          { target: 3, reward: { points: 10 } },
        ],
      }, host),
      api(base, 'POST', '/api/missions', { title: FIRST_ORDER, goal: { kind: 'purchases', measure: 'count' }, period: { kind: 'week' }, stages: [{ target: 1, reward: { points: 20 } }] }, host),
      api(base, 'POST', '/api/missions', { title: SPENDER, goal: { kind: 'purchases', measure: 'amount' }, period: { kind: 'month' }, stages: [{ target: 100_000, reward: { points: 50 } }] }, host),
    ]);
    for (const c of created) expect(c.status, JSON.stringify(c.body)).toBe(201);

    const member = await openScreen(browser, PHONE);
    screens.push(member);
    const page = member.page;
    await page.goto(`${base}/live/${encodeURIComponent(streamId)}?sso=${encodeURIComponent(await shopAssertion(MEMBER.customerId, MEMBER.name))}`);
    await see(page.getByRole('heading', { level: 1, name: SHOW }));

    const section = page.getByTestId('missions-section');
    const card = (title: string) => section.getByTestId('mission-card').filter({ hasText: title });
    const likes = card(LIKES);
    const stageRow = (n: number) => likes.getByTestId('mission-stage').nth(n);
    const toast = page.getByTestId('mission-toast');
    await see(section.getByRole('heading', { name: 'Missions' }));
    await see(likes, 'Show some love while we cook.');
    await see(likes.getByTestId('mission-period'), 'This show');
    await see(stageRow(0), 'Like 2 times');
    await see(stageRow(0), '+5 points');
    await see(stageRow(1), 'Like 3 times');
    await see(likes.getByTestId('mission-progress'), '0 / 2');
    expect(await likes.getByTestId('mission-time-left').count()).toBe(0); // a show's period ends with the show
    await see(card(FIRST_ORDER).getByTestId('mission-period'), 'This week');
    await see(card(FIRST_ORDER).getByTestId('mission-time-left'), /left$/);
    await see(card(FIRST_ORDER), 'Place 1 order');
    await see(card(SPENDER), 'Spend NT$1,000');
    await see(card(SPENDER).getByTestId('mission-progress'), 'NT$0 / NT$1,000');
    expect(await page.getByTestId('missions-join').count()).toBe(0);

    // ---- likes: the bar moves with each one the server counts ----
    const like = page.getByRole('button', { name: /^Like/ });
    await like.click();
    await see(likes.getByTestId('mission-progress'), '1 / 2');
    expect(await stageRow(0).getAttribute('data-reached')).toBe('false');
    expect(await toast.count()).toBe(0);

    await like.click();
    await see(toast, `Mission complete: ${LIKES} — +5 points`);
    // Stage 1 reached: its row says so, and the bar now runs toward stage 2's 3.
    await see(likes.getByTestId('mission-progress'), '2 / 3');
    await see(likes, 'Stage 2 of 2');
    expect(await stageRow(0).getAttribute('data-reached')).toBe('true');
    expect(await stageRow(1).getAttribute('data-reached')).toBe('false');
    // The stage's points are in the history under their reason, and in one toast with the mission (not a second one).
    await see(page.locator('.ledger'), 'Mission reward');
    expect(await page.getByTestId('points-toast').filter({ hasText: 'Mission reward' }).count()).toBe(0);

    await like.click();
    await see(toast, `Mission complete: ${LIKES} — +10 points`);
    await see(likes.getByTestId('mission-progress'), '3 / 3');
    await see(likes, 'Completed');
    expect(await stageRow(1).getAttribute('data-reached')).toBe('true');
    expect(await likes.getAttribute('data-done')).toBe('true');
    expect(member.pageErrors).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'viewer-room-missions');

    // ---- in Traditional Chinese: an order from the shop completes one mission and moves another, pushed ----
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    await see(section.getByRole('heading', { name: '任務' }));
    await see(card(FIRST_ORDER).getByTestId('mission-period'), '本週');
    await see(card(FIRST_ORDER), '下單 1 筆');
    await see(card(FIRST_ORDER).getByTestId('mission-progress'), '0 / 1');
    await see(likes.getByTestId('mission-progress'), '3 / 3'); // the progress is the server's: a reload keeps it
    await see(likes, '已完成');

    const { memberId } = await ssoMember(base, MEMBER.customerId, MEMBER.name);
    const paid = await deliverOrder(base, { orderId: 'order-missions-5005', memberId, amountCents: 50_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await see(toast, `任務完成：${FIRST_ORDER} — +20 點`);
    await see(card(FIRST_ORDER).getByTestId('mission-progress'), '1 / 1');
    await see(card(SPENDER).getByTestId('mission-progress'), '$500 / $1,000');
    expect(await toast.filter({ hasText: SPENDER }).count()).toBe(0);
    await see(page.locator('.ledger'), '任務獎勵');
    expect(member.pageErrors).toEqual([]);

    // ---- a guest sees the missions, no progress, and is asked to join ----
    const guest = await openScreen(browser, PHONE);
    screens.push(guest);
    await guest.page.goto(`${base}/live/${encodeURIComponent(streamId)}`);
    const guestSection = guest.page.getByTestId('missions-section');
    await see(guestSection.getByTestId('mission-card').filter({ hasText: LIKES }), 'Like 2 times');
    expect(await guestSection.getByTestId('mission-progress').count()).toBe(0);
    expect(await guestSection.locator('[data-reached="true"]').count()).toBe(0);
    await (await see(guestSection.getByTestId('missions-join'), 'Join free to take part')).click();
    await see(guest.page.getByRole('heading', { name: 'Join Front Row' }));
    expect(guest.pageErrors).toEqual([]);
  }, 90_000);
});
