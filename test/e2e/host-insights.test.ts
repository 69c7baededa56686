/**
 * Insights on the dashboard (issue 15), in real headless Chromium against a
 * real child server (embedded mode):
 *
 * - three members sign in through the shop; one of them orders NT$1,200;
 * - the host opens Insights: twelve weekly rows by default, and this week's
 *   active members — in the chart and in every row of the table — are
 *   exactly GET /api/insights/kpis's for the range the screen asked for;
 * - in Members, the segment “Never bought” lists exactly the members
 *   without orders, as GET /api/members?segment=never-bought does, and
 *   Download CSV saves a file (byte-order mark kept) with a header and
 *   exactly those members' ids; the selection is saved as a segment the
 *   server then has;
 * - Who will buy again lists every member with a probability, in the
 *   order of GET /api/insights/repurchase;
 * - in 中文 the view speaks Traditional Chinese.
 *
 * The API only does what no dashboard screen does: the members, the order,
 * and reading back what the server has.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { MemberPage, RepurchaseRanking } from '../../client/host/api.ts';
import type { KpiRow, SavedSegment } from '../../shared/insights.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, openScreen, saveScreenshot, see } from '../support/browser.ts';
import { api, deliverOrder, hostToken, ssoMember } from '../support/clients.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';

const BOM = '\uFEFF';
const sorted = (ids: string[]) => [...ids].sort();

describe('the host reads Insights (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('host-insights');

  it('shows the KPIs, the never-bought members and their CSV, and the ranking, each as the API has them', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const token = await hostToken(base);
    const read = async <T,>(path: string) => {
      const got = await api<T>(base, 'GET', path, undefined, token);
      expect(got.status, JSON.stringify(got.body)).toBe(200);
      return got.body;
    };

    // ---- three members; one of them buys ----
    const buyer = await ssoMember(base, 'shop-cust-insights-1', 'Mei Lin');
    const browsers = [await ssoMember(base, 'shop-cust-insights-2', 'Ah Hua'), await ssoMember(base, 'shop-cust-insights-3', 'Bo Chen')];
    const paid = await deliverOrder(base, { orderId: 'order-insights-1', memberId: buyer.memberId, amountCents: 120_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);

    const host = await openScreen(browser, DESKTOP);
    const { page } = host;
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Insights', exact: true }).click();
    const view = await see(page.getByTestId('insights-view'));
    expect(new URL(page.url()).pathname).toBe('/host/insights');
    const parts = view.getByRole('navigation', { name: 'Insights sections' });

    // ---- KPIs: twelve weeks by default; this week's active members are the API's ----
    const kpis = await see(view.getByTestId('kpis'));
    const [from, to, interval] = await Promise.all(['data-from', 'data-to', 'data-interval'].map((a) => kpis.getAttribute(a)));
    expect(interval).toBe('week');
    expect(await view.getByLabel('From', { exact: true }).inputValue()).toBe(from);
    const { rows } = await read<{ rows: KpiRow[] }>(`/api/insights/kpis?from=${from}&to=${to}&interval=week`);
    expect(rows).toHaveLength(12);
    const thisWeek = rows[rows.length - 1]!;
    expect(thisWeek.activeMembers).toBeGreaterThanOrEqual(1); // the buyer ordered this week
    const activeCells = kpis.locator('[data-testid="kpi-programme"] [data-testid="kpi-cell"][data-column="activeMembers"]');
    expect(await activeCells.evaluateAll((cells) => cells.map((c) => [c.closest('tr')!.getAttribute('data-from'), c.getAttribute('data-value'), c.textContent]))).toEqual(
      rows.map((r) => [r.from, String(r.activeMembers), String(r.activeMembers)]),
    );
    const activeChart = kpis.locator('[data-testid="kpi-chart"][data-chart="activeMembers"]');
    await see(activeChart.getByTestId('kpi-latest'), String(thisWeek.activeMembers));
    expect(await activeChart.getByRole('img').getAttribute('aria-label')).toContain(`Active members: latest ${thisWeek.activeMembers} (`);
    expect(await kpis.getByTestId('kpi-chart').count()).toBe(6);
    await saveScreenshot(page, 'host-insights-kpis', { fullPage: true });

    // ---- Members: never bought is exactly the members without orders ----
    await parts.getByRole('link', { name: 'Members', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/host/insights/members');
    await view.getByLabel('Segment', { exact: true }).selectOption('never-bought');
    const neverBought = await read<MemberPage>('/api/members?segment=never-bought');
    const expected = sorted(browsers.map((m) => m.memberId));
    expect(sorted(neverBought.members.map((m) => m.memberId))).toEqual(expected);
    const list = view.getByTestId('member-list');
    await expect.poll(() => list.getByTestId('member-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member-id')!).sort())).toEqual(expected);
    await see(list.getByTestId('members-total'), '2 members');
    await see(list.locator(`[data-member-id="${browsers[0]!.memberId}"]`), 'Never bought');

    // ---- Download CSV: a header, then exactly those members ----
    const [download] = await Promise.all([page.waitForEvent('download'), view.getByTestId('members-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^members-never-bought-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith(BOM)).toBe(true);
    const [header, ...lines] = csv.slice(1).trim().split('\r\n');
    expect(header).toMatch(/^"memberId","displayName","tier",/);
    expect(sorted(lines.map((line) => /^"([^"]*)"/.exec(line)![1]!))).toEqual(expected);

    // ---- the selection saved as a segment ----
    await view.getByLabel('Segment name').fill('No orders yet');
    await view.getByRole('button', { name: 'Save segment' }).click();
    await see(page.getByText('Segment “No orders yet” saved.'));
    const { saved } = await read<{ saved: SavedSegment[] }>('/api/segments');
    expect(saved.map((s) => [s.name, s.filter])).toEqual([['No orders yet', { segments: ['never-bought'] }]]);
    await expect.poll(() => view.getByLabel('Segment', { exact: true }).inputValue()).toBe(saved[0]!.id);
    await expect.poll(() => list.getByTestId('member-row').count()).toBe(2);
    await saveScreenshot(page, 'host-insights-members', { fullPage: true });

    // ---- Who will buy again: every member, with a probability, in the API's order ----
    await parts.getByRole('link', { name: 'Who will buy again', exact: true }).click();
    const ranking = await see(view.getByTestId('repurchase-ranking'));
    const rankRows = ranking.getByTestId('repurchase-row');
    await expect.poll(() => rankRows.count()).toBe(3);
    const { ranking: answer } = await read<{ ranking: RepurchaseRanking }>('/api/insights/repurchase?limit=50');
    expect(await rankRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member-id')))).toEqual(answer.members.map((m) => m.memberId));
    for (const text of await ranking.getByTestId('repurchase-probability').allTextContents()) expect(text).toMatch(/^\d{1,3}(\.\d)?%$/);
    await saveScreenshot(page, 'host-insights-repurchase', { fullPage: true });

    // ---- 中文 ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    await see(view.getByRole('heading', { name: '成效分析', level: 1 }));
    await see(view.getByRole('link', { name: '誰會再次購買' }));
    await see(ranking.getByRole('columnheader', { name: '30 天內下單機率' }));

    expect(host.pageErrors).toEqual([]);
  }, 120_000);
});
