/**
 * The rewards store on the dashboard (issue 13), in real headless Chromium
 * against a real child server (embedded mode):
 *
 * - the host opens Rewards; a reward without a price is refused beside its
 *   own field; an item reward is created and listed with what is left;
 * - a member (points from a shop order) redeems it over the API: the pending
 *   redemption appears in the queue without a reload (the /host push), and
 *   the host fulfils it there — the member's room, open on a phone, turns it
 *   Ready without a reload, and their own list says fulfilled;
 * - the quick stock edit sets the units left;
 * - a pool coupon is created and three pasted codes are uploaded: 3 added,
 *   and the catalogue shows 3 left;
 * - switched to 中文, the page speaks Traditional Chinese.
 *
 * The API only does what no dashboard screen does: the member, their points
 * and their redemption, and reading back what the member sees.
 */
import { describe, expect, it } from 'vitest';
import type { Redemption } from '../../shared/rewards.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, PHONE, openScreen, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, balanceOf, deliverOrder, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';

const ITEM = 'Hand-poured soy candle';
const COUPON = 'NT$50 off tea';
const CODES = ['TEA50-AAAA', 'TEA50-BBBB', 'TEA50-CCCC'];
// Within what one NT$500 order buys under the default rules (5 points at one per NT$100).
const PRICE = 5;

describe('the host runs the rewards store (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('rewards-host');
  let host: Screen;

  it('creates rewards, fulfils a pushed redemption, uploads codes, and speaks Chinese', async () => {
    const { server, browser } = stage;
    const base = server.url;
    host = await openScreen(browser, DESKTOP);
    const { page } = host;
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Rewards', exact: true }).click();
    const view = await see(page.getByTestId('rewards-view'));
    const queue = view.getByTestId('redemption-queue');
    await see(queue, 'Nothing waiting');

    // ---- an item reward; a missing price is named beside its field first ----
    const composer = view.getByTestId('reward-composer');
    await composer.getByLabel('Title', { exact: true }).fill(ITEM);
    await composer.getByRole('button', { name: 'Create reward' }).click();
    await see(composer.locator('#reward-pricePoints-error'), 'Required.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reward-pricePoints');
    await composer.getByLabel('Price', { exact: true }).fill(String(PRICE));
    await composer.getByLabel('Stock', { exact: true }).fill('5');
    await composer.getByRole('button', { name: 'Create reward' }).click();
    await see(page.getByText(`Reward “${ITEM}” created.`));
    const itemRow = await see(view.getByTestId('reward-row'), ITEM);
    await see(itemRow.getByTestId('reward-left'), '5 left');
    const rewardId = (await itemRow.getAttribute('data-reward-id'))!;

    // ---- a member redeems over the API: the queue hears it without a reload ----
    const member = await ssoMember(base, 'shop-cust-rewards-host-1', 'Ada Wu');
    const paid = await deliverOrder(base, { orderId: 'order-rewards-host-1', memberId: member.memberId, amountCents: 50_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(await balanceOf(base, member.token)).toBeGreaterThanOrEqual(PRICE);
    const redeemed = await api(base, 'POST', `/api/rewards/${rewardId}/redeem`, { requestId: 'candle-1' }, member.token);
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    const redemptionId = (redeemed.body.redemption as Redemption).id;

    const row = await see(queue.locator(`[data-redemption-id="${redemptionId}"]`));
    expect(await row.getAttribute('data-status')).toBe('pending');
    await see(row, ITEM);
    await see(row, member.memberId.slice(0, 8));
    await see(itemRow.getByTestId('reward-left'), '4 left'); // the catalogue's counts follow too
    await saveScreenshot(page, 'host-rewards', { fullPage: true });

    // The member has the room open on their phone: My rewards says it waits for the seller.
    const show = await liveShow(base, await hostToken(base), 'Rewards night');
    const phone = await openScreen(browser, PHONE);
    await phone.page.goto(`${base}/live/${encodeURIComponent(show)}?sso=${encodeURIComponent(await shopAssertion('shop-cust-rewards-host-1', 'Ada Wu'))}`);
    const myRewards = phone.page.getByTestId('my-rewards');
    await see(myRewards, 'Waiting for the seller', 20_000);

    // ---- fulfilled on the dashboard; the member's room and list say so ----
    await row.getByRole('button', { name: 'Fulfil' }).click();
    await see(page.getByText(`“${ITEM}” marked fulfilled.`));
    await see(myRewards, 'Ready', 15_000); // pushed, no reload
    expect(phone.pageErrors).toEqual([]);
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const mine = await api(base, 'GET', '/api/me/redemptions', undefined, member.token);
    expect(mine.status).toBe(200);
    expect((mine.body.redemptions as Redemption[]).find((r) => r.id === redemptionId)?.status).toBe('fulfilled');
    await view.getByLabel('Show', { exact: true }).selectOption('fulfilled');
    await see(queue.locator(`[data-redemption-id="${redemptionId}"][data-status="fulfilled"]`));

    // ---- the quick stock edit starts from what is left ----
    const stockInput = itemRow.getByTestId('reward-stock-input');
    expect(await stockInput.inputValue()).toBe('4');
    await stockInput.fill('9');
    await itemRow.getByRole('button', { name: 'Set stock' }).click();
    await see(itemRow.getByTestId('reward-left'), '9 left');

    // ---- a pool coupon and three pasted codes ----
    await composer.getByLabel('Kind').selectOption('coupon');
    expect(await composer.getByLabel('Codes', { exact: true }).inputValue()).toBe('pool');
    await composer.getByLabel('Title', { exact: true }).fill(COUPON);
    await composer.getByLabel('Price', { exact: true }).fill('100');
    await composer.getByLabel('Unlimited stock').check();
    await composer.getByRole('button', { name: 'Create reward' }).click();
    await see(page.getByText(`Reward “${COUPON}” created.`));
    const couponRow = await see(view.getByTestId('reward-row'), COUPON);
    await see(couponRow.getByTestId('reward-left'), '0 left');

    const upload = view.getByTestId('code-upload');
    await upload.getByLabel('Reward', { exact: true }).selectOption({ label: COUPON });
    await upload.getByLabel('Codes, one per line').fill(`  ${CODES[0]}\n\n${CODES[1]}\n${CODES[2]}  \n`);
    await upload.getByRole('button', { name: 'Upload 3 codes' }).click();
    const result = await see(upload.getByTestId('codes-result'), 'Added 3');
    expect(await result.getAttribute('data-added')).toBe('3');
    expect(await result.getAttribute('data-duplicates')).toBe('0');
    await see(couponRow.getByTestId('reward-left'), '3 left');

    // ---- 中文 ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await see(page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '兌換商城', exact: true }));
    await see(view.getByRole('heading', { name: '兌換紀錄' }));
    await see(composer.getByRole('button', { name: '建立獎勵' }));

    expect(host.pageErrors).toEqual([]);
  }, 60_000);
});
