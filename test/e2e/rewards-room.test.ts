/**
 * The rewards store in the viewer room (issue 13), in real headless Chromium
 * against a real child server (embedded mode): a member with points from a
 * shop order opens a live show's room on a phone, redeems a coupon and sees
 * its code in My rewards, redeems an item and sees it wait for the seller;
 * the host fulfils it and the room shows it ready without a reload (the
 * `redemption` push). Then the same room in Traditional Chinese, and a guest
 * asked to join before redeeming.
 *
 * The API only sets up what no screen of the viewer does: the catalogue and
 * its codes, the points (the shop's order webhook), the host's fulfilment.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, deliverOrder, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';

const SHOW = 'Tea friends night';
const COUPON = 'NT$100 off your next tea';
const ITEM = 'Tasting cup, hand-thrown';
const CODES = ['TEA100-AAAA', 'TEA100-BBBB'];
const MEMBER = { customerId: 'shop-cust-rewards-4004', name: 'Mei Lin' };

describe('the rewards store in the viewer room (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('rewards');
  const screens: Screen[] = [];

  it('redeems a coupon (its code shown) and an item that turns ready when the host fulfils it, in English and Chinese', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const host = await hostToken(base);
    const streamId = await liveShow(base, host, SHOW);

    // The catalogue: a one-per-member coupon with two codes, and an item the seller hands over.
    const coupon = await api(base, 'POST', '/api/rewards', { kind: 'coupon', title: COUPON, pricePoints: 100, codeMode: 'pool', perMemberLimit: 1 }, host);
    expect(coupon.status, JSON.stringify(coupon.body)).toBe(201);
    const codes = await api(base, 'POST', `/api/rewards/${coupon.body.reward.id}/codes`, { codes: CODES }, host);
    expect(codes.status, JSON.stringify(codes.body)).toBe(200);
    const item = await api(base, 'POST', '/api/rewards', { kind: 'item', title: ITEM, pricePoints: 50 }, host);
    expect(item.status, JSON.stringify(item.body)).toBe(201);

    const member = await openScreen(browser, PHONE);
    screens.push(member);
    const page = member.page;
    await page.goto(`${base}/live/${encodeURIComponent(streamId)}?sso=${encodeURIComponent(await shopAssertion(MEMBER.customerId, MEMBER.name))}`);
    await see(page.getByRole('heading', { level: 1, name: SHOW }));

    const section = page.getByTestId('rewards-section');
    const card = (title: string) => section.getByTestId('reward-card').filter({ hasText: title });
    const mine = page.getByTestId('my-rewards');
    const row = (title: string) => mine.getByTestId('my-reward').filter({ hasText: title });
    // A new member cannot afford it yet: the button says by how much.
    await see(card(COUPON).getByTestId('redeem-button'), 'Need 100 more pts');
    expect(await card(COUPON).getByTestId('redeem-button').isDisabled()).toBe(true);

    // 500 points from a shop order (1 point per NT$100 under the default rules), pushed to the open room.
    const { memberId } = await ssoMember(base, MEMBER.customerId, MEMBER.name);
    const paid = await deliverOrder(base, { orderId: 'order-rewards-4004', memberId, amountCents: 5_000_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await see(section, 'You have 500 pts to spend');
    await see(card(COUPON).getByTestId('reward-left'), '2 left');
    await see(mine, 'Nothing redeemed yet');

    // ---- the coupon: its code at once ----
    await (await see(card(COUPON).getByTestId('redeem-button'), 'Redeem · 100 pts')).click();
    await see(card(COUPON).getByTestId('redeem-status'), 'Redeemed! Your code is in My rewards');
    await see(row(COUPON).getByTestId('my-reward-status'), 'Ready');
    const code = (await (await see(row(COUPON).getByTestId('reward-code'))).textContent())!;
    expect(CODES).toContain(code);
    // One per member: the button says why it is off now; one code is left for others.
    await see(card(COUPON).getByTestId('redeem-button'), 'Limit reached');
    expect(await card(COUPON).getByTestId('redeem-button').isDisabled()).toBe(true);
    await see(card(COUPON).getByTestId('reward-left'), '1 left');
    await see(card(COUPON).getByTestId('reward-limit'), 'You redeemed 1 of 1');

    // ---- the item: waiting for the seller, then ready when the host fulfils it ----
    await (await see(card(ITEM).getByTestId('redeem-button'), 'Redeem · 50 pts')).click();
    await see(row(ITEM).getByTestId('my-reward-status'), 'Waiting for the seller');
    await see(section, 'You have 350 pts to spend');
    expect(await mine.getByTestId('my-reward').first().textContent()).toContain(ITEM); // newest first

    const queue = await api(base, 'GET', '/api/redemptions?status=pending', undefined, host);
    const pending = (queue.body.redemptions as Array<{ id: string; rewardId: string }>).find((r) => r.rewardId === item.body.reward.id);
    expect(pending, JSON.stringify(queue.body)).toBeDefined();
    const fulfilled = await api(base, 'POST', `/api/redemptions/${pending!.id}/fulfil`, {}, host);
    expect(fulfilled.status, JSON.stringify(fulfilled.body)).toBe(200);
    await see(row(ITEM).getByTestId('my-reward-status'), 'Ready'); // pushed: no reload
    expect(member.pageErrors).toEqual([]);
    await mine.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'viewer-room-rewards');

    // ---- the same room in Traditional Chinese ----
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    await see(section.getByRole('heading', { name: '點數兌換' }));
    await see(section, '你有 350 點可以兌換');
    await see(mine.getByRole('heading', { name: '我的兌換' }));
    await see(row(COUPON).getByTestId('my-reward-status'), '已完成');
    await see(row(COUPON).getByTestId('reward-code'), code);
    await see(card(COUPON).getByTestId('redeem-button'), '已達兌換上限');
    await (await see(card(ITEM).getByTestId('redeem-button'), '兌換 · 50 點')).click();
    await see(card(ITEM).getByTestId('redeem-status'), '兌換成功');
    await see(mine.getByTestId('my-reward').first().getByTestId('my-reward-status'), '等待賣家處理');
    expect(member.pageErrors).toEqual([]);

    // ---- a guest sees the catalogue and is asked to join ----
    const guest = await openScreen(browser, PHONE);
    screens.push(guest);
    await guest.page.goto(`${base}/live/${encodeURIComponent(streamId)}`);
    const guestButton = await see(guest.page.getByTestId('reward-card').filter({ hasText: ITEM }).getByTestId('redeem-button'), 'Join free to redeem');
    await guestButton.click();
    await see(guest.page.getByRole('heading', { name: 'Join Front Row' }));
    expect(await guest.page.getByTestId('my-rewards').count()).toBe(0);
    expect(guest.pageErrors).toEqual([]);
  }, 90_000);
});
