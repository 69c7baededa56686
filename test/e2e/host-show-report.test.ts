/**
 * A show's report and the rules' order attribution on the dashboard (issue
 * 15), in real headless Chromium against a real child server (embedded
 * mode):
 *
 * - a member likes once in an earlier show, then twice in the show on air;
 *   the host opens that show's report from the shows list: likes 2, ▲ +1
 *   from the show before, members ±0; a third like reaches the open report
 *   without a reload (it is read again while the show is live);
 * - the member orders NT$1,200 and the show ends: the report says so and
 *   shows the order attributed (the rules allow 0 minutes within 24 hours);
 *   opened again from the list it says likes 3 and members 1, and every
 *   figure is exactly GET /api/streams/:id/report's;
 * - in Points & tiers a window of 721 hours is refused on its own field and
 *   nothing is saved; 5 minutes within 24 hours is saved, is what GET
 *   /api/rules answers, and the report follows it: the member watched no
 *   minutes, so the order no longer counts for the show;
 * - in 中文 the report speaks Traditional Chinese.
 *
 * The API only does what no dashboard screen does: the member and what they
 * do in the room, the order, and reading back what the server has.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_FIGURES, figureValue } from '../../client/host/logic/show-report.ts';
import type { ShowReport } from '../../shared/insights.ts';
import type { Rules } from '../../shared/rules.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, openScreen, saveScreenshot, see } from '../support/browser.ts';
import { api, ask, connect, deliverOrder, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';

const TITLE = 'Friday skincare haul';

describe('the host reads a show report and sets order attribution (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('host-show-report');
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.close();
  });

  it('opens a report that follows the live show, equals the API once it ended, and follows the attribution saved in the rules', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const token = await hostToken(base);
    const report = async (id: string) => {
      const got = await api<{ report: ShowReport }>(base, 'GET', `/api/streams/${id}/report`, undefined, token);
      expect(got.status, JSON.stringify(got.body)).toBe(200);
      return got.body.report;
    };
    const rules = async () => (await api<{ rules: Rules }>(base, 'GET', '/api/rules')).body.rules;
    const ok = async (socket: Socket, event: string, payload: unknown) => {
      const reply = await ask(socket, event, payload);
      expect(reply.ok, `${event}: ${JSON.stringify(reply)}`).toBe(true);
    };
    const joined = async (memberToken: string, streamId: string) => {
      const socket = await connect(base, '/live', { token: memberToken });
      sockets.push(socket);
      await ok(socket, 'stream:join', { streamId });
      return socket;
    };

    // Any watching counts an order for the show, for a day (the editor sets it stricter below).
    const loose = await api(base, 'PUT', '/api/rules', { ...(await rules()), attribution: { minWatchMinutes: 0, windowHours: 24 } }, token);
    expect(loose.status, JSON.stringify(loose.body)).toBe(200);

    // ---- the show before: the member likes once ----
    const member = await ssoMember(base, 'shop-cust-report-1', 'Mei Lin');
    const earlier = await liveShow(base, token, 'Tuesday tea tasting');
    await ok(await joined(member.token, earlier), 'interact', { streamId: earlier, kind: 'like', requestId: 'before-1' });
    expect((await api(base, 'POST', `/api/streams/${earlier}/end`, {}, token)).status).toBe(200);

    // ---- the show on air: two likes so far ----
    const streamId = await liveShow(base, token, TITLE);
    const room = await joined(member.token, streamId);
    for (const requestId of ['like-1', 'like-2']) await ok(room, 'interact', { streamId, kind: 'like', requestId });

    const host = await openScreen(browser, DESKTOP);
    const { page } = host;
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    const openReport = async () => {
      await nav.getByRole('link', { name: 'Shows', exact: true }).click();
      const row = await see(page.locator(`li.show-row[data-stream-id="${streamId}"]`));
      await row.getByRole('button', { name: 'Report', exact: true }).click();
      return see(page.getByTestId('show-report'));
    };
    let screen = await openReport();
    expect(new URL(page.url()).pathname).toBe(`/host/shows/${streamId}/report`);
    await see(screen.getByRole('heading', { name: `Report: ${TITLE}` }));
    await see(screen, 'Live: the figures update every 10 seconds.');
    const card = (path: string) => screen.locator(`[data-testid="report-figure"][data-figure="${path}"]`);
    await see(card('likes').getByTestId('report-value'), '2');
    await see(card('likes').getByTestId('report-change'), '▲ +1');
    await see(card('members').getByTestId('report-change'), '±0');
    expect(await card('members').getByTestId('report-value').textContent()).toBe('1');

    // ---- a third like reaches the open report by itself ----
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await ok(room, 'interact', { streamId, kind: 'like', requestId: 'like-3' });
    await expect.poll(() => card('likes').getAttribute('data-value'), { timeout: 25_000, interval: 500 }).toBe('3');
    await see(card('likes').getByTestId('report-change'), '▲ +2');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // ---- the member orders, the show ends: the report reads its figures once more ----
    const paid = await deliverOrder(base, { orderId: 'order-report-1', memberId: member.memberId, amountCents: 120_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect((await api(base, 'POST', `/api/streams/${streamId}/end`, {}, token)).status).toBe(200);
    await see(screen, 'The show has ended.');
    await expect.poll(() => card('orders.count').getAttribute('data-value'), { timeout: 15_000, interval: 500 }).toBe('1');
    await see(card('orders.revenueCents').getByTestId('report-value'), 'NT$1,200');

    // ---- opened again from the list: likes 3, members 1, and every figure the API's ----
    await screen.getByRole('button', { name: 'All shows' }).click();
    await see(page.getByTestId('show-list'));
    screen = await openReport();
    await see(card('likes').getByTestId('report-value'), '3');
    await see(card('members').getByTestId('report-value'), '1');
    const ended = await report(streamId);
    expect(ended).toMatchObject({ likes: 3, members: 1, orders: { count: 1, revenueCents: 120_000 } });
    await expect.poll(() => screen.getByTestId('report-figure').evaluateAll((cards) => cards.map((c) => [c.getAttribute('data-figure'), c.getAttribute('data-value')]))).toEqual(
      REPORT_FIGURES.map((f) => [f.path, String(figureValue(ended, f.path) ?? '')]),
    );
    await screen.getByText('How these are counted').click();
    await see(screen.getByTestId('report-how'), 'Distinct members who joined the show.');
    await see(screen.getByTestId('report-attribution'), 'at least 0 minutes and ordered within 24 hours');
    await saveScreenshot(page, 'host-show-report', { fullPage: true });

    // ---- Points & tiers: a window too long is refused on its field, then 5 minutes within 24 hours is saved ----
    await nav.getByRole('link', { name: 'Points & tiers', exact: true }).click();
    const form = await see(page.getByRole('form', { name: 'Points & tiers' }));
    const minutes = form.getByLabel('Orders count for a show if the member watched at least', { exact: true });
    const hours = form.getByLabel('…and ordered within', { exact: true });
    await expect.poll(() => minutes.inputValue()).toBe('0');
    expect(await hours.inputValue()).toBe('24');
    await minutes.fill('5');
    await hours.fill('721');
    await form.getByRole('button', { name: 'Save rules' }).click();
    await see(form.locator('[data-testid="rules-error"][data-field="attribution.windowHours"]'), 'At most 720.');
    expect((await rules()).attribution).toEqual({ minWatchMinutes: 0, windowHours: 24 });
    await hours.fill('24');
    await see(form.getByTestId('attribution-sentence'), 'Orders count for a show if the member watched at least 5 minutes and ordered within 24 hours.');
    await form.getByRole('button', { name: 'Save rules' }).click();
    await see(page.getByText('Rules saved. They apply right away.'));
    expect((await rules()).attribution).toEqual({ minWatchMinutes: 5, windowHours: 24 });
    await saveScreenshot(page, 'host-rules-attribution', { fullPage: true });

    // ---- the report follows the rule: no minutes watched, so the order is no longer the show's ----
    screen = await openReport();
    await expect.poll(() => card('orders.count').getAttribute('data-value')).toBe('0');
    expect((await report(streamId)).orders).toEqual({ count: 0, revenueCents: 0 });
    await see(card('orders.revenueCents').getByTestId('report-value'), 'NT$0');

    // ---- 中文 ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    await see(screen.getByRole('heading', { name: `成效報告：${TITLE}` }));
    await see(card('likes'), '按讚');
    await see(screen.getByText('數據怎麼算'));

    expect(host.pageErrors).toEqual([]);
  }, 120_000);
});
