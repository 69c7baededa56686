/**
 * The dashboard's Insights (issue 15, client/host/logic/kpi-range.ts,
 * kpis.ts, member-query.ts, repurchase-words.ts, time.ts formatRelative,
 * components/insights/kpi-chart-geometry.ts and the insights slices): the
 * KPIs' default range in the shop's time zone and the ranges the server
 * would refuse; chart scaling and paths (a missing rate breaks the line);
 * the charts' text alternative and the tables' figures in both languages;
 * the member list's query for a page and for the CSV, and the filter a
 * saved segment keeps; the ranking's reasons in words; and the store
 * reading, downloading and saving with the host token.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import { translator } from '../../client/common/i18n.ts';
import type { hostApi } from '../../client/host/api.ts';
import { axisTop, dotsOf, linePath, plotPoints } from '../../client/host/components/insights/kpi-chart-geometry.ts';
import { DICTIONARIES } from '../../client/host/i18n.ts';
import { REPURCHASE_FEATURES } from '../../shared/insights.ts';
import { defaultKpiRange, intervalLabel, kpiRangeProblem, kpisQuery } from '../../client/host/logic/kpi-range.ts';
import { KPI_CHARTS, PROGRAMME_COLUMNS, chartSummary, seriesSummary, tierColumn, tierIdsOf } from '../../client/host/logic/kpis.ts';
import { EVERY_MEMBER, isEveryone, membersCsvName, membersQuery, pageSpan, segmentFilterOf, type MemberSelection } from '../../client/host/logic/member-query.ts';
import { formatProbability, reasonsSentence } from '../../client/host/logic/repurchase-words.ts';
import { formatFigure } from '../../client/host/logic/show-report.ts';
import { formatRelative } from '../../client/host/logic/time.ts';
import { createStore } from '../../client/host/store/index.ts';
import { insightsPartFromPath, viewFromPath } from '../../client/host/store/ui-slice.ts';
import type { KpiRow, SavedSegment } from '../../shared/insights.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';

const en = translator(DICTIONARIES, 'en');
const zh = translator(DICTIONARIES, 'zh-TW');
const BOX = { width: 320, height: 120 };

const row = (from: string, until: string, over: Partial<KpiRow> = {}): KpiRow => ({
  from,
  until,
  activeMembers: 0,
  returnRate: null,
  superFanShare: null,
  tiers: {},
  upgradeRate: null,
  downgradeRate: null,
  spendCents: {},
  repurchaseRate: {},
  pointsIssued: 0,
  pointsSpent: 0,
  pointsExpired: 0,
  outstandingPoints: 0,
  redemptionRate: null,
  ...over,
});
const WEEK1 = row('2026-11-23', '2026-11-30', { activeMembers: 3, returnRate: 0.5, pointsIssued: 1200, tiers: { bronze: 3 }, spendCents: { bronze: 120_000 } });
const WEEK2 = row('2026-11-30', '2026-12-07', { activeMembers: 5, returnRate: null, pointsIssued: 300, pointsSpent: 250, tiers: { bronze: 4, gone: 1 }, repurchaseRate: { bronze: 0.25 } });

describe('the KPIs’ range', () => {
  it('is by default the last 12 weeks, weekly, ending today in the shop’s time zone', () => {
    // Sunday 20:00 UTC is already Monday in Taipei: a new week there, not yet here.
    const sundayEvening = Date.UTC(2026, 10, 29, 20);
    expect(defaultKpiRange(sundayEvening, 'Asia/Taipei')).toEqual({ from: '2026-09-14', to: '2026-11-30', interval: 'week' });
    expect(defaultKpiRange(sundayEvening, 'UTC')).toEqual({ from: '2026-09-07', to: '2026-11-29', interval: 'week' });
  });

  it('refuses on its field what the server would refuse, and asks for the rest', () => {
    expect(kpiRangeProblem({ from: '2026-09-07', to: '2026-11-29', interval: 'week' })).toBeNull();
    expect(kpiRangeProblem({ from: '', to: '2026-11-29', interval: 'week' })).toEqual({ field: 'from', problem: { key: 'kpi.range.notADay' } });
    expect(kpiRangeProblem({ from: '2026-12-01', to: '2026-11-29', interval: 'day' })).toEqual({ field: 'from', problem: { key: 'kpi.range.fromAfterTo' } });
    expect(kpiRangeProblem({ from: '2024-11-29', to: '2026-11-29', interval: 'month' })).toBeNull(); // 730 days
    expect(kpiRangeProblem({ from: '2024-11-27', to: '2026-11-29', interval: 'month' })).toEqual({ field: 'to', problem: { key: 'kpi.range.tooLong' } });
    expect(kpisQuery({ from: '2026-09-07', to: '2026-11-29', interval: 'month' })).toBe('from=2026-09-07&to=2026-11-29&interval=month');
  });

  it('names an interval by its days in each language', () => {
    expect(intervalLabel(WEEK1, 'week', 'en')).toBe('Nov 23 – Nov 29');
    expect(intervalLabel(WEEK1, 'week', 'zh-TW')).toBe('11月23日 – 11月29日');
    expect(intervalLabel(row('2026-11-23', '2026-11-24'), 'day', 'en')).toBe('Nov 23');
    expect(intervalLabel(row('2026-11-01', '2026-12-01'), 'month', 'en')).toBe('November 2026');
    expect(intervalLabel(row('2026-11-01', '2026-12-01'), 'month', 'zh-TW')).toBe('2026年11月');
  });
});

describe('a KPI chart’s geometry', () => {
  it('tops counts at a round number and rates at a round share', () => {
    expect(axisTop('count', [3, null, 0])).toBe(10);
    expect(axisTop('count', [123, 40])).toBe(200);
    expect(axisTop('rate', [0.03, null])).toBe(0.1);
    expect(axisTop('rate', [0.15])).toBe(0.2);
    expect(axisTop('rate', [0.6, 0.2])).toBe(1);
    expect(axisTop('rate', [null, null])).toBe(0.1);
  });

  it('spreads the intervals edge to edge, from zero at the bottom, breaking the line where a value is missing', () => {
    const points = plotPoints([0, 5, null, 10], 10, BOX);
    expect(points).toEqual([
      { index: 0, value: 0, x: 0, y: 120 },
      { index: 1, value: 5, x: 106.7, y: 60 },
      { index: 3, value: 10, x: 320, y: 0 },
    ]);
    expect(linePath(points)).toBe('M0,120 L106.7,60 M320,0');
    expect(linePath(plotPoints([2, 4, 6], 10, BOX))).toBe('M0,96 L160,72 L320,48');
    expect(linePath(plotPoints([null, null], 10, BOX))).toBe('');
  });

  it('puts a lone interval in the middle and keeps values inside the axis', () => {
    expect(plotPoints([7], 10, BOX)).toEqual([{ index: 0, value: 7, x: 160, y: 36 }]);
    expect(plotPoints([15, -3], 10, BOX).map((p) => p.y)).toEqual([0, 120]);
  });

  it('draws a dot on every interval while there are few, and among many only where no line passes', () => {
    expect(dotsOf(plotPoints([1, null, 3], 10, BOX)).map((p) => p.index)).toEqual([0, 2]);
    const year = Array.from({ length: 365 }, (_, i) => (i === 100 || i === 200 ? null : i === 201 ? 5 : 1));
    year[202] = null; // 201 stands alone between two gaps
    expect(dotsOf(plotPoints(year, 10, BOX)).map((p) => p.index)).toEqual([201]);
  });
});

describe('the KPI figures in words and tables', () => {
  it('reads each column of a row, a tier the row lacks as zero (a rate as none), and says it by kind', () => {
    const value = (id: string, r: KpiRow) => PROGRAMME_COLUMNS.find((c) => c.id === id)!.value(r);
    expect(value('activeMembers', WEEK1)).toBe(3);
    expect(value('returnRate', WEEK2)).toBeNull();
    expect(tierColumn('tiers', 'gold').value(WEEK1)).toBe(0);
    expect(tierColumn('spendCents', 'bronze').value(WEEK1)).toBe(120_000);
    expect(tierColumn('repurchaseRate', 'bronze').value(WEEK1)).toBeNull();
    expect(tierColumn('repurchaseRate', 'bronze').value(WEEK2)).toBe(0.25);
    const say = (id: string, r: KpiRow) => {
      const c = [...PROGRAMME_COLUMNS, tierColumn('spendCents', 'bronze'), tierColumn('repurchaseRate', 'bronze')].find((x) => x.id === id)!;
      return formatFigure(en, c.kind, c.value(r), 'en');
    };
    expect(say('returnRate', WEEK1)).toBe('50%');
    expect(say('returnRate', WEEK2)).toBe('—');
    expect(say('pointsIssued', WEEK1)).toBe('1,200');
    expect(say('spendCents.bronze', WEEK1)).toBe('NT$1,200');
    expect(say('repurchaseRate.bronze', WEEK2)).toBe('25%');
  });

  it('lists the rules’ tiers first, then a tier only the rows still name', () => {
    expect(tierIdsOf([WEEK1, WEEK2], ['bronze', 'silver', 'gold'])).toEqual(['bronze', 'silver', 'gold', 'gone']);
  });

  it('says each series’ latest, highest and lowest figure with its interval, in both languages', () => {
    expect(seriesSummary(en, 'activeMembers', [WEEK1, WEEK2], 'week', 'en')).toBe(
      'Active members: latest 5 (Nov 30 – Dec 6), highest 5 (Nov 30 – Dec 6), lowest 3 (Nov 23 – Nov 29).',
    );
    expect(seriesSummary(en, 'returnRate', [WEEK1, WEEK2], 'week', 'en')).toBe('Return rate: latest 50% (Nov 23 – Nov 29), highest 50% (Nov 23 – Nov 29), lowest 50% (Nov 23 – Nov 29).');
    expect(seriesSummary(en, 'superFanShare', [WEEK1, WEEK2], 'week', 'en')).toBe('Super Fan share: no figure in this range.');
    expect(seriesSummary(zh, 'activeMembers', [WEEK1], 'week', 'zh-TW')).toBe('活躍會員：最近 3（11月23日 – 11月29日），最高 3（11月23日 – 11月29日），最低 3（11月23日 – 11月29日）。');
  });

  it('gives every chart a text alternative naming the range and each of its series', () => {
    const points = KPI_CHARTS.find((c) => c.id === 'points')!;
    const text = chartSummary(en, points, [WEEK1, WEEK2], 'week', 'en');
    expect(text).toMatch(/^Points issued, spent and expired, per week from Nov 23 – Nov 29 to Nov 30 – Dec 6\. /);
    expect(text).toContain('Points issued: latest 300 (Nov 30 – Dec 6), highest 1,200 (Nov 23 – Nov 29), lowest 300');
    expect(text).toContain('Points spent: latest 250');
    expect(text).toContain('Points expired: latest 0');
    expect(text).toMatch(/Every figure is in the tables below\.$/);
    expect(chartSummary(en, points, [], 'day', 'en')).toBe('Points issued, spent and expired: no intervals in this range.');
    for (const chart of KPI_CHARTS) expect(chartSummary(zh, chart, [WEEK1], 'week', 'zh-TW')).not.toMatch(/kpi\.|\{/);
  });
});

describe('the member list’s query', () => {
  const pick = (over: Partial<MemberSelection>): MemberSelection => ({ ...EVERY_MEMBER, ...over });

  it('asks for one page, trimming the search and leaving out what is not chosen', () => {
    expect(membersQuery(EVERY_MEMBER, 'json')).toBe('sort=lastActive&offset=0&limit=25');
    expect(membersQuery(pick({ segment: 'never-bought', search: '  Mei Lin ', tier: 'gold', sort: 'spend', page: 2 }), 'json')).toBe(
      'segment=never-bought&search=Mei+Lin&tier=gold&sort=spend&offset=50&limit=25',
    );
    expect(membersQuery(pick({ search: '   ' }), 'json')).toBe('sort=lastActive&offset=0&limit=25');
  });

  it('asks for the CSV of every match: format=csv, no page', () => {
    const csv = membersQuery(pick({ segment: 'never-bought', search: '林 & co', page: 3 }), 'csv');
    expect(csv).toBe('segment=never-bought&search=%E6%9E%97+%26+co&sort=lastActive&format=csv');
    expect(new URLSearchParams(csv).get('search')).toBe('林 & co');
    expect(membersCsvName(pick({ segment: 'never-bought' }), '2026-11-26')).toBe('members-never-bought-2026-11-26.csv');
    expect(membersCsvName(EVERY_MEMBER, '2026-11-26')).toBe('members-all-2026-11-26.csv');
  });

  it('saves the selection as a filter the way the server reads it', () => {
    const saved: SavedSegment[] = [{ id: 'seg-1', name: 'Gold buyers', filter: { tiers: ['gold', 'silver'], minOrders: 2 }, createdAt: 1 }];
    expect(segmentFilterOf(EVERY_MEMBER, saved)).toEqual({});
    expect(isEveryone(segmentFilterOf(EVERY_MEMBER, saved))).toBe(true);
    expect(segmentFilterOf(pick({ segment: 'never-bought', search: ' mei ', tier: 'gold' }), saved)).toEqual({ segments: ['never-bought'], search: 'mei', tiers: ['gold'] });
    // a saved segment keeps its own conditions; a tier narrows its tiers
    expect(segmentFilterOf(pick({ segment: 'seg-1', tier: 'silver' }), saved)).toEqual({ tiers: ['silver'], minOrders: 2 });
    expect(segmentFilterOf(pick({ segment: 'seg-1' }), saved)).toEqual({ tiers: ['gold', 'silver'], minOrders: 2 });
    expect(saved[0]!.filter).toEqual({ tiers: ['gold', 'silver'], minOrders: 2 }); // not changed in place
  });

  it('says which rows a page holds', () => {
    expect(pageSpan(0, 73)).toEqual({ first: 1, last: 25, hasPrevious: false, hasNext: true });
    expect(pageSpan(2, 73)).toEqual({ first: 51, last: 73, hasPrevious: true, hasNext: false });
    expect(pageSpan(0, 0)).toEqual({ first: 0, last: 0, hasPrevious: false, hasNext: false });
    expect(en('members.range', { first: 51, last: 73, count: 1073 })).toBe('51–73 of 1,073');
  });
});

describe('who will buy again, in words', () => {
  it('says the probability as a percentage and the reasons as a list, in both languages', () => {
    expect(formatProbability(en, 0.4567, 'en')).toBe('45.7%');
    expect(formatProbability(zh, 0.05, 'zh-TW')).toBe('5%');
    expect(reasonsSentence(en, ['orders', 'spend', 'watches30'], 'en')).toBe('Number of orders, total spent, and shows watched in the last 30 days');
    expect(reasonsSentence(zh, ['orders', 'spend', 'watches30'], 'zh-TW')).toBe('訂單數、消費總額和近 30 天觀看的節目數');
    expect(reasonsSentence(en, ['daysSinceOrder'], 'en')).toBe('Time since their last order');
    expect(reasonsSentence(en, [], 'en')).toBe('—');
  });

  it('has words for every feature in each language', () => {
    for (const t of [en, zh]) {
      const words = REPURCHASE_FEATURES.map((f) => t(`repurchase.reason.${f}`));
      expect(new Set(words).size).toBe(REPURCHASE_FEATURES.length);
      for (const w of words) expect(w).not.toMatch(/^repurchase\./);
    }
  });

  it('says when a member was last active relative to now', () => {
    const now = Date.UTC(2026, 10, 26, 12);
    expect(formatRelative(now - 10_000, now, 'en')).toBe('now');
    expect(formatRelative(now - 5 * 60_000, now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(now - 86_400_000, now, 'en')).toBe('yesterday');
    expect(formatRelative(now - 3 * 86_400_000, now, 'zh-TW')).toBe('3 天前');
    expect(formatRelative(now - 45 * 86_400_000, now, 'en')).toBe('last month');
    expect(formatRelative(now + 60_000, now, 'en')).toBe('now'); // a clock a little ahead
  });
});

const NOW = Date.UTC(2026, 10, 29, 20);
function storeWith(api: Partial<typeof hostApi>) {
  const storage = { read: <T,>(key: string, fallback: T) => (key === 'frontrow.host.token' ? ('host-token' as T) : fallback), write: () => undefined };
  return createStore({ ...browserTimers, now: () => NOW, locale: 'en', api: api as typeof hostApi, storage });
}

describe('Insights in the store', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('has an address per part', () => {
    expect(viewFromPath('/host/insights/members')).toBe('insights');
    expect(insightsPartFromPath('/host/insights/members')).toBe('members');
    expect(insightsPartFromPath('/host/insights/repurchase/')).toBe('repurchase');
    expect(insightsPartFromPath('/host/insights')).toBe('kpis');
    expect(insightsPartFromPath('/host/insights/nope')).toBe('kpis');
    const store = storeWith({});
    store.getState().openInsights('members');
    expect(store.getState()).toMatchObject({ view: 'insights', insightsPart: 'members' });
    store.getState().setView('insights');
    expect(store.getState().insightsPart).toBe('kpis');
  });

  it('reads the KPIs for the last 12 weeks in the rules’ time zone, keeping the range with its rows; the newest read wins', async () => {
    const asked: string[] = [];
    const answers: Array<() => void> = [];
    const store = storeWith({
      kpis: (token, query) => {
        asked.push(`${token} ${query}`);
        return new Promise((resolve) => answers.push(() => resolve({ rows: [row(query.slice(5, 15), '2026-12-07')] })));
      },
    });
    store.setState({ rules: DEFAULT_RULES }); // Asia/Taipei
    const first = store.getState().loadKpis();
    const second = store.getState().loadKpis({ from: '2026-11-01', to: '2026-11-30', interval: 'day' });
    answers[1]!();
    await second;
    answers[0]!();
    await first;
    expect(asked).toEqual(['host-token from=2026-09-14&to=2026-11-30&interval=week', 'host-token from=2026-11-01&to=2026-11-30&interval=day']);
    expect(store.getState().kpis).toEqual({
      state: 'ready',
      value: { range: { from: '2026-11-01', to: '2026-11-30', interval: 'day' }, rows: [row('2026-11-01', '2026-12-07')] },
      readAt: NOW,
    });
    expect(store.getState().kpiRange).toEqual({ from: '2026-11-01', to: '2026-11-30', interval: 'day' });
  });

  it('reads a page of members for the selection, back to the first page when the filter changes', async () => {
    const asked: string[] = [];
    const store = storeWith({
      listMembers: async (_token, query) => {
        asked.push(query);
        return { total: 0, members: [] };
      },
    });
    await store.getState().selectMembers({ page: 2 });
    await store.getState().selectMembers({ segment: 'never-bought' });
    expect(asked).toEqual(['sort=lastActive&offset=50&limit=25', 'segment=never-bought&sort=lastActive&offset=0&limit=25']);
    expect(store.getState().memberPage.state).toBe('ready');
  });

  it('downloads every matching member’s CSV with the host token, as the server sent it', async () => {
    const saved: Array<{ download: string; href: string }> = [];
    vi.stubGlobal('document', {
      body: { append: () => undefined },
      createElement: () => {
        const a = { href: '', download: '', rel: '', remove: () => undefined, click: () => saved.push({ download: a.download, href: a.href }) };
        return a;
      },
    });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:members'));
    const asked: string[] = [];
    const csv = new Blob(['\uFEFFmemberId\r\n'], { type: 'text/csv' });
    const store = storeWith({
      membersCsv: async (token, query) => {
        asked.push(`${token} ${query}`);
        return csv;
      },
    });
    store.setState({ rules: DEFAULT_RULES, memberSelection: { ...EVERY_MEMBER, segment: 'never-bought', page: 4 } });
    await store.getState().downloadMembersCsv();
    expect(asked).toEqual(['host-token segment=never-bought&sort=lastActive&format=csv']);
    expect(saved).toEqual([{ download: 'members-never-bought-2026-11-30.csv', href: 'blob:members' }]);
    expect(blobs).toEqual([csv]);
    expect(store.getState().membersCsvBusy).toBe(false);
  });

  it('saves the selection as a segment and shows it; a blank name is refused on its field, nothing sent', async () => {
    const sent: unknown[] = [];
    const store = storeWith({
      saveSegment: async (_token, body) => {
        sent.push(body);
        return { segment: { id: 'seg-9', name: body.name, filter: body.filter, createdAt: NOW } };
      },
      listSegments: async () => ({ builtIn: [], saved: [] }),
      listMembers: async () => ({ total: 0, members: [] }),
    });
    await store.getState().loadSegments();
    store.setState({ memberSelection: { ...EVERY_MEMBER, segment: 'never-bought', search: ' mei ', tier: 'gold' } });
    const blank = await store.getState().saveSegment('  ');
    expect(blank.ok).toBe(false);
    expect(blank.ok === false && Object.keys(blank.fields)).toEqual(['name']);
    expect(sent).toEqual([]);
    expect(await store.getState().saveSegment(' Gold browsers ')).toEqual({ ok: true });
    expect(sent).toEqual([{ name: 'Gold browsers', filter: { segments: ['never-bought'], search: 'mei', tiers: ['gold'] } }]);
    expect(store.getState().segmentList.value!.saved.map((s) => s.id)).toEqual(['seg-9']);
    expect(store.getState().memberSelection).toMatchObject({ segment: 'seg-9', search: '', tier: '', page: 0 });
    expect(store.getState().notices.map((n) => n.problem.key)).toEqual(['members.segmentSaved']);
  });
});
