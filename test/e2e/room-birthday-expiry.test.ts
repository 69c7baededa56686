/**
 * Points expiry and the birthday gift in the viewer room's Rewards section
 * (issue 13), in real headless Chromium against a real child server: with
 * points set by the host to expire after 30 days, a member whose shop order
 * brings 500 points is told when they expire (read from GET /api/me); they
 * give their birthday in the section's form and see it; a second, different
 * date is refused — a birthday changes once a year; then one line in
 * Traditional Chinese.
 *
 * The API only sets up what no screen of the viewer does: the rules, the
 * catalogue, the points (the shop's order webhook).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, deliverOrder, fullLedger, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';

const SHOW = 'Birthday tea party';
const ITEM = 'Tea towel';
const MEMBER = { customerId: 'shop-cust-birthday-5005', name: 'Lan Chen' };
const DAY = 86_400_000;

describe('points expiry and the birthday gift in the viewer room (child server)', () => {
  const stage = useServerAndBrowser('birthday');
  const screens: Screen[] = [];

  it('says when the points expire, keeps a birthday and refuses a second date within the year, in English and Chinese', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const host = await hostToken(base);
    const rules = await api(base, 'PUT', '/api/rules', { ...DEFAULT_RULES, points: { expireAfterDays: 30 } }, host);
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);
    const streamId = await liveShow(base, host, SHOW);
    const item = await api(base, 'POST', '/api/rewards', { kind: 'item', title: ITEM, pricePoints: 50 }, host);
    expect(item.status, JSON.stringify(item.body)).toBe(201);

    const member = await openScreen(browser, PHONE);
    screens.push(member);
    const page = member.page;
    await page.goto(`${base}/live/${encodeURIComponent(streamId)}?sso=${encodeURIComponent(await shopAssertion(MEMBER.customerId, MEMBER.name))}`);
    await see(page.getByRole('heading', { level: 1, name: SHOW }));
    const section = page.getByTestId('rewards-section');
    await see(section.getByTestId('reward-card').filter({ hasText: ITEM }));
    // Nothing earned yet: nothing expires.
    expect(await section.getByTestId('points-expiring').count()).toBe(0);

    // 500 points from a shop order (1 point per NT$100), pushed to the open room: their expiry is read then.
    const { memberId, token } = await ssoMember(base, MEMBER.customerId, MEMBER.name);
    const paid = await deliverOrder(base, { orderId: 'order-birthday-5005', memberId, amountCents: 5_000_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await see(section, 'You have 500 pts to spend');
    const earned = (await fullLedger(base, token)).find((e) => e.delta === 500);
    expect(earned).toBeDefined();
    const expiresOn = (locale: string) =>
      new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(earned!.at + 30 * DAY);
    await see(section.getByTestId('points-expiring'), `500 points expire on ${expiresOn('en')}`);

    // ---- the birthday: a month, a day, Save ----
    const form = section.getByTestId('birthday-form');
    await see(form, 'Birthday gift');
    await form.getByTestId('birthday-month').selectOption({ label: 'March' });
    await form.getByTestId('birthday-day').selectOption('14');
    await form.getByRole('button', { name: 'Save' }).click();
    await see(form.getByTestId('birthday-date'), 'Birthday: March 14');
    await see(form, 'Your gift arrives in your birthday month');
    await see(form, 'The date can be changed once a year');
    const saved = await api(base, 'GET', '/api/me/birthday', undefined, token);
    expect(saved.body.birthday).toMatchObject({ month: 3, day: 14 });

    // ---- another date the same year: refused, said in words; the date stays ----
    await form.getByRole('button', { name: 'Change' }).click();
    await form.getByTestId('birthday-month').selectOption({ label: 'April' });
    await form.getByTestId('birthday-day').selectOption('2');
    await form.getByRole('button', { name: 'Save' }).click();
    await see(form.getByTestId('birthday-error'), 'A birthday can be changed once a year');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await see(form.getByTestId('birthday-date'), 'Birthday: March 14');
    expect((await api(base, 'GET', '/api/me/birthday', undefined, token)).body.birthday).toMatchObject({ month: 3, day: 14 });
    expect(member.pageErrors).toEqual([]);
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'viewer-room-birthday');

    // ---- the same section in Traditional Chinese ----
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    await see(section.getByTestId('birthday-date'), '生日：3月14日');
    await see(section.getByTestId('points-expiring'), `500 點將於 ${expiresOn('zh-TW')} 到期`);
    expect(member.pageErrors).toEqual([]);
  }, 45_000);
});
