/**
 * Community goals, badges and invite-to-win in the viewer room (issue 14),
 * in real headless Chromium against a real child server (embedded mode): a
 * member on a phone likes the show twice and watches the room's likes goal
 * reach 2 / 2, reached, with its toast; the shop's signed order webhook
 * delivers their first purchase and the room says "Badge unlocked: First
 * purchase" and puts the chip on their member card without a reload; their
 * next comment carries the badge's icon beside their name. A lottery with
 * invite entries says what a friend adds, its share button giving the
 * member's own link. Then in Traditional Chinese after a reload, the same
 * state read back; and a guest sees the goal reached too.
 *
 * The API only sets up what no screen of the viewer does: the show, the
 * goal and the lottery (the host's), the order (the shop's webhook).
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, deliverOrder, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';

const SHOW = 'Tea tasting live';
const GOAL = 'Two hearts unlock the tea set';
const GIVEAWAY = 'Bring a friend giveaway';
const MEMBER = { customerId: 'shop-cust-goals-6006', name: 'Mei Lin' };

describe('community goals, badges and invite-to-win in the viewer room (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('goals-badges');
  const screens: Screen[] = [];

  it('moves the room’s goal with the member’s likes to reached, unlocks a first-purchase badge from the shop’s webhook, and shows it beside their comment, in English and Chinese', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const host = await hostToken(base);
    const streamId = await liveShow(base, host, SHOW);
    const created = await api(base, 'POST', `/api/streams/${encodeURIComponent(streamId)}/goals`, { title: GOAL, metric: 'likes', target: 2 }, host);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const lottery = await api(base, 'POST', `/api/streams/${encodeURIComponent(streamId)}/lotteries`, { title: GIVEAWAY, prize: 'Tea set', winners: 1, inviteEntries: { perFriend: 2, maxExtra: 10 } }, host);
    expect(lottery.status, JSON.stringify(lottery.body)).toBe(201);

    const member = await openScreen(browser, PHONE);
    screens.push(member);
    const page = member.page;
    await page.goto(`${base}/live/${encodeURIComponent(streamId)}?sso=${encodeURIComponent(await shopAssertion(MEMBER.customerId, MEMBER.name))}`);
    await see(page.getByRole('heading', { level: 1, name: SHOW }));
    const { memberId } = await ssoMember(base, MEMBER.customerId, MEMBER.name);

    // ---- the room's goal, over the like button ----
    const bar = page.getByTestId('goal-bar').filter({ hasText: GOAL });
    const progress = bar.getByTestId('goal-progress');
    await see(progress, '0 / 2 likes');
    expect(await bar.getAttribute('data-done')).toBe('false');
    expect(await bar.getByTestId('goal-reached').count()).toBe(0);

    const like = page.getByRole('button', { name: /^Like/ });
    await like.click();
    await see(progress, '1 / 2 likes');
    expect(await page.getByTestId('goal-toast').count()).toBe(0);
    await like.click();
    await see(page.getByTestId('goal-toast'), `The room reached: ${GOAL}`);
    await see(progress, '2 / 2 likes');
    await see(bar.getByTestId('goal-reached'), 'Goal reached!');
    expect(await bar.getAttribute('data-done')).toBe('true');
    await saveScreenshot(page, 'viewer-room-goal-reached');
    const meter = bar.getByRole('progressbar', { name: `Room progress: ${GOAL}` });
    expect(await meter.getAttribute('aria-valuenow')).toBe('2');
    expect(await meter.getAttribute('aria-valuemax')).toBe('2');
    expect(await bar.locator('.bar__fill').evaluate((el) => (el as HTMLElement).style.width)).toBe('100%');

    // ---- no badge yet; the first purchase unlocks one, pushed, without a reload ----
    const card = page.locator('#membership');
    await see(card.getByTestId('tier-name'));
    expect(await card.getByTestId('badge-chip').count()).toBe(0);
    const paid = await deliverOrder(base, { orderId: 'order-goals-6006', memberId, amountCents: 30_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await see(page.getByTestId('badge-toast'), 'Badge unlocked: First purchase');
    await see(card.getByTestId('member-badges').getByTestId('badge-chip'), 'First purchase');
    expect(await card.getByRole('list', { name: 'Your badges' }).getByRole('listitem').count()).toBe(1);

    // ---- the member's next comment carries the badge beside their name ----
    const text = 'The oolong smells amazing';
    await page.getByLabel('Write a comment').fill(text);
    await page.getByRole('button', { name: 'Send comment' }).click();
    const line = await see(page.locator('.msg.is-own', { hasText: text }));
    await see(line.getByRole('img', { name: 'First purchase' }));
    expect(await line.getByTestId('chat-badge').count()).toBe(1);
    expect(await line.getByTestId('chat-badge').getAttribute('title')).toBe('First purchase');
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'viewer-room-badges');

    // ---- invite-to-win: what a friend adds, and the member's own link from the share beside it ----
    const lotteryCard = page.getByTestId('lottery-card').filter({ hasText: GIVEAWAY });
    const invite = await see(lotteryCard.getByTestId('lottery-invite'), 'Invite friends: +2 entries each (up to 10)');
    await invite.getByRole('button', { name: /Share|Link copied/ }).click();
    const link = await see(invite.getByLabel('Share link'));
    expect(await link.inputValue()).toMatch(new RegExp(`/live/${streamId}\\?ref=${memberId}$`));
    await lotteryCard.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'viewer-room-invite-to-win');
    expect(member.pageErrors).toEqual([]);

    // ---- in Traditional Chinese after a reload: the goal, the badge and the chat line read back ----
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    await see(page.getByRole('heading', { level: 1, name: SHOW }));
    await see(progress, '2 / 2 讚');
    await see(bar.getByTestId('goal-reached'), '目標達成！');
    await see(card.getByTestId('badge-chip'), '首購');
    await see(page.locator('.msg.is-own', { hasText: text }).getByRole('img', { name: '首購' }));
    await see(lotteryCard.getByTestId('lottery-invite'), '邀請朋友：每位 +2 份（最多 10 份）');
    expect(member.pageErrors).toEqual([]);

    // ---- a guest sees the room's goal reached, and the member's badge beside their comment ----
    const guest = await openScreen(browser, PHONE);
    screens.push(guest);
    await guest.page.goto(`${base}/live/${encodeURIComponent(streamId)}`);
    const guestBar = guest.page.getByTestId('goal-bar').filter({ hasText: GOAL });
    await see(guestBar.getByTestId('goal-progress'), '2 / 2 likes');
    await see(guestBar.getByTestId('goal-reached'), 'Goal reached!');
    await see(guest.page.locator('.msg', { hasText: text }).getByRole('img', { name: 'First purchase' }));
    expect(await guest.page.getByTestId('member-badges').count()).toBe(0);
    expect(guest.pageErrors).toEqual([]);
  }, 120_000);
});
