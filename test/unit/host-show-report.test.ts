/**
 * A show's report on the dashboard (issue 15, client/host/logic/show-report.ts,
 * store/show-report-slice.ts, store/ui-slice.ts) and the rules editor's order
 * attribution: every figure said for its kind in both languages (counts,
 * minutes, percentages, NT$ from cents), its change signed with rates in
 * percentage points and hidden where the report has none; every number the
 * report carries is on the screen with a meaning; the report is read with
 * the host token, the newest read winning; the report has an address; the
 * attribution fields are refused on their own field, by the schema or the
 * server, and saved with the rest of the rules.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/common/api.ts';
import { browserTimers } from '../../client/common/app-store.ts';
import { translator } from '../../client/common/i18n.ts';
import type { hostApi } from '../../client/host/api.ts';
import { DICTIONARIES } from '../../client/host/i18n.ts';
import { fromDraft, toDraft } from '../../client/host/logic/rules-draft.ts';
import {
  REPORT_FIGURES,
  figureChange,
  figureValue,
  formatChange,
  formatFigure,
  type FigurePath,
} from '../../client/host/logic/show-report.ts';
import { createStore } from '../../client/host/store/index.ts';
import { reportFromPath, viewFromPath } from '../../client/host/store/ui-slice.ts';
import type { ShowReport } from '../../shared/insights.ts';
import { DEFAULT_RULES, RulesSchema, type Rules } from '../../shared/rules.ts';

const en = translator(DICTIONARIES, 'en');
const zh = translator(DICTIONARIES, 'zh-TW');
const NOW = 1_750_000_000_000;

const report = (over: Partial<ShowReport> = {}): ShowReport => ({
  streamId: 's1',
  viewers: { total: 1234, peak: 87 },
  members: 40,
  newMembers: 6,
  guests: 8,
  guestsConverted: 3,
  conversionRate: 0.375,
  watchMinutes: 1500,
  averageWatchMinutes: 37.5,
  checkins: 12,
  likes: 300,
  comments: 45,
  drops: { claims: 9, paid: 7, revenueCents: 840_000 },
  lotteryEntries: 25,
  orders: { count: 4, revenueCents: 130_000 },
  revenuePerViewerMinute: 130_000 / 1500,
  change: null,
  ...over,
});

describe('a figure as its card says it', () => {
  it('says counts, minutes, rates and money for each language', () => {
    expect(formatFigure(en, 'count', 1234, 'en')).toBe('1,234');
    expect(formatFigure(en, 'minutes', 1500, 'en')).toBe('1,500 min');
    expect(formatFigure(zh, 'minutes', 1500, 'zh-TW')).toBe('1,500 分鐘');
    expect(formatFigure(en, 'minutes', 37.46, 'en')).toBe('37.5 min'); // to a tenth
    expect(formatFigure(en, 'rate', 0.375, 'en')).toBe('37.5%');
    expect(formatFigure(en, 'rate', 1 / 3, 'en')).toBe('33.3%');
    expect(formatFigure(zh, 'rate', 0.5, 'zh-TW')).toBe('50%');
  });

  it('says cents as NT$, whole dollars without decimals and a per-minute revenue to the cent', () => {
    expect(formatFigure(en, 'money', 130_000, 'en')).toBe('NT$1,300');
    expect(formatFigure(en, 'money', 0, 'en')).toBe('NT$0');
    expect(formatFigure(en, 'money', 130_000 / 1500, 'en')).toBe('NT$0.87'); // 86.67 cents a minute
    expect(formatFigure(en, 'money', 130_000 / 15, 'en')).toBe('NT$86.67');
    expect(formatFigure(zh, 'money', 840_000, 'zh-TW')).toBe('$8,400');
  });

  it('says a figure the report has none of as a dash', () => {
    expect(formatFigure(en, 'rate', null, 'en')).toBe('—');
    expect(formatFigure(en, 'minutes', null, 'en')).toBe('—');
    expect(formatFigure(en, 'money', null, 'en')).toBe('—');
  });
});

describe("a figure's change from the previous show", () => {
  it('is signed, up or down, with the figure’s unit', () => {
    expect(formatChange(en, 'count', 3, 'en')).toEqual({ direction: 'up', text: '+3' });
    expect(formatChange(en, 'count', -1200, 'en')).toEqual({ direction: 'down', text: '-1,200' });
    expect(formatChange(en, 'minutes', 13 / 6, 'en')).toEqual({ direction: 'up', text: '+2.2 min' });
    expect(formatChange(zh, 'minutes', -45, 'zh-TW')).toEqual({ direction: 'down', text: '-45 分鐘' });
    expect(formatChange(en, 'money', -45_000, 'en')).toEqual({ direction: 'down', text: '-NT$450' });
    expect(formatChange(en, 'money', 1_234, 'en')).toEqual({ direction: 'up', text: '+NT$12.34' });
  });

  it('says a rate’s change in percentage points, not percent', () => {
    expect(formatChange(en, 'rate', 0.125, 'en')).toEqual({ direction: 'up', text: '+12.5 pp' });
    expect(formatChange(zh, 'rate', 0.125, 'zh-TW')).toEqual({ direction: 'up', text: '+12.5 個百分點' });
    // 0.2 − 0.3 in floating point is −0.0999…: still 10 points down
    expect(formatChange(en, 'rate', 0.2 - 0.3, 'en')).toEqual({ direction: 'down', text: '-10 pp' });
  });

  it('is neither up nor down when it rounds to nothing', () => {
    expect(formatChange(en, 'count', 0, 'en')).toEqual({ direction: 'same', text: '±0' });
    expect(formatChange(en, 'rate', 0.0004, 'en')).toEqual({ direction: 'same', text: '±0' });
    expect(formatChange(en, 'minutes', -0.04, 'en')).toEqual({ direction: 'same', text: '±0' });
    expect(formatChange(en, 'money', 0.4, 'en')).toEqual({ direction: 'same', text: '±0' });
  });

  it('is there only when the report has a previous show with that figure', () => {
    const r = report({ change: { 'viewers.peak': 3, likes: -10, 'orders.revenueCents': -45_000 } });
    expect(figureChange(r, 'viewers.peak')).toBe(3);
    expect(figureChange(r, 'likes')).toBe(-10);
    expect(figureChange(r, 'orders.revenueCents')).toBe(-45_000);
    expect(figureChange(r, 'conversionRate')).toBeNull(); // a rate that was null before: no change to speak of
    expect(figureChange(report(), 'likes')).toBeNull(); // no previous show
  });
});

describe("the report's figures", () => {
  it('reads each figure by its path, null where the report has none', () => {
    const r = report({ conversionRate: null });
    expect(figureValue(r, 'viewers.total')).toBe(1234);
    expect(figureValue(r, 'drops.revenueCents')).toBe(840_000);
    expect(figureValue(r, 'orders.count')).toBe(4);
    expect(figureValue(r, 'conversionRate')).toBeNull();
  });

  it('shows every number of the report (guests in the conversion card), each labelled and explained in both languages', () => {
    const numbers: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'number') numbers.push(path);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    };
    const { streamId: _id, change: _change, ...figures } = report();
    walk(figures, '');
    const shown = REPORT_FIGURES.map((f) => f.path as string);
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown, 'guests', 'guestsConverted'].sort()).toEqual(numbers.sort());
    for (const t of [en, zh]) {
      for (const path of shown) {
        expect(t(`report.figure.${path}` as never)).not.toBe(`report.figure.${path}`);
        expect(t(`report.meaning.${path}` as never)).not.toBe(`report.meaning.${path}`);
      }
    }
    expect(en('report.conversionSub', { count: 8, converted: 3 })).toBe('3 of 8 guests signed up');
    expect(en('report.conversionSub', { count: 1, converted: 1 })).toBe('1 of 1 guest signed up');
    expect(zh('report.conversionSub', { count: 8, converted: 3 })).toBe('8 位訪客中有 3 位成為會員');
  });

  it('kinds: rates and money are said as such', () => {
    const kind = (path: FigurePath) => REPORT_FIGURES.find((f) => f.path === path)?.kind;
    expect(kind('conversionRate')).toBe('rate');
    expect(kind('orders.revenueCents')).toBe('money');
    expect(kind('drops.revenueCents')).toBe('money');
    expect(kind('revenuePerViewerMinute')).toBe('money');
    expect(kind('averageWatchMinutes')).toBe('minutes');
    expect(kind('likes')).toBe('count');
  });
});

function storeWith(api: Partial<typeof hostApi>) {
  const storage = { read: <T,>(key: string, fallback: T) => (key === 'frontrow.host.token' ? ('host-token' as T) : fallback), write: () => undefined };
  return createStore({ ...browserTimers, now: () => NOW, locale: 'en', api: api as typeof hostApi, storage });
}

describe('the report in the store', () => {
  it('reads the show’s report with the host token, each show apart', async () => {
    const asked: string[] = [];
    const store = storeWith({
      showReport: async (token, id) => {
        asked.push(`${token} ${id}`);
        return { report: report({ streamId: id }) };
      },
    });
    expect(store.getState().showReports).toEqual({});
    await store.getState().loadShowReport('s1');
    await store.getState().loadShowReport('s2');
    expect(asked).toEqual(['host-token s1', 'host-token s2']);
    expect(store.getState().showReports.s1).toEqual({ state: 'ready', report: report({ streamId: 's1' }), readAt: NOW });
    expect(store.getState().showReports.s2!.report!.streamId).toBe('s2');
  });

  it('keeps the newest read when an older one answers late', async () => {
    const answers: Array<(r: ShowReport) => void> = [];
    const store = storeWith({ showReport: () => new Promise((resolve) => answers.push((r) => resolve({ report: r }))) });
    const first = store.getState().loadShowReport('s1');
    const second = store.getState().loadShowReport('s1');
    answers[1]!(report({ likes: 301 }));
    await second;
    answers[0]!(report({ likes: 299 }));
    await first;
    expect(store.getState().showReports.s1!.report!.likes).toBe(301);
  });

  it('says when a report cannot be read, keeping what was shown; a quiet refresh does not announce it', async () => {
    let fail = false;
    const store = storeWith({
      showReport: async () => {
        if (fail) throw new ApiError(404, { code: 'NOT_FOUND', message: 'no such stream' });
        return { report: report() };
      },
    });
    await store.getState().loadShowReport('s1');
    fail = true;
    await store.getState().loadShowReport('s1', true);
    expect(store.getState().showReports.s1).toEqual({ state: 'error', report: report(), readAt: NOW });
    expect(store.getState().notices).toEqual([]);
    await store.getState().loadShowReport('s1');
    expect(store.getState().notices.map((n) => n.problem.key)).toEqual(['errors.NOT_FOUND']);
  });
});

describe("the report's address", () => {
  it('is /host/shows/<id>/report, over the shows list', () => {
    expect(reportFromPath('/host/shows/str_1/report')).toBe('str_1');
    expect(reportFromPath('/host/shows/a%20b/report/')).toBe('a b');
    expect(viewFromPath('/host/shows/str_1/report')).toBe('shows');
    expect(reportFromPath('/host/shows')).toBeNull();
    expect(reportFromPath('/host/drops/str_1/report')).toBeNull();
    expect(reportFromPath('/host/shows/%E0%A4%A/report')).toBeNull(); // malformed: the list
  });

  it('opens over the shows list and closes when the host goes anywhere, the list included', () => {
    const store = storeWith({});
    store.getState().openReport('s1');
    expect(store.getState()).toMatchObject({ view: 'shows', reportShowId: 's1' });
    store.getState().setView('shows');
    expect(store.getState()).toMatchObject({ view: 'shows', reportShowId: null });
    store.getState().openReport('s1');
    store.getState().setView('rules');
    expect(store.getState()).toMatchObject({ view: 'rules', reportShowId: null });
    store.getState().openReport('s2');
    store.getState().openReport(null);
    expect(store.getState()).toMatchObject({ view: 'shows', reportShowId: null });
  });
});

describe("the rules editor's order attribution", () => {
  const withRules = (putRules: typeof hostApi.putRules) => storeWith({ getRules: async () => ({ rules: DEFAULT_RULES }), putRules });
  /** A server that takes whatever the schema takes, keeping every body it was sent. */
  const recording = () => {
    const sent: unknown[] = [];
    const store = withRules(async (_token, body) => {
      sent.push(body);
      return { rules: RulesSchema.parse(body) };
    });
    return { sent, store };
  };

  it('edits the two fields and saves them with the rest of the rules', async () => {
    const { sent, store } = recording();
    await store.getState().loadRules();
    expect(store.getState().rulesDraft!.attribution).toEqual({ minWatchMinutes: '10', windowHours: '72' });
    store.getState().editRule('attribution.minWatchMinutes', '5');
    store.getState().editRule('attribution.windowHours', ' 24 ');
    await store.getState().saveRules();
    expect(store.getState().rulesStatus).toBe('saved');
    expect(sent).toHaveLength(1);
    expect((sent[0] as Rules).attribution).toEqual({ minWatchMinutes: 5, windowHours: 24 });
    expect(RulesSchema.parse(sent[0])).toEqual({ ...DEFAULT_RULES, attribution: { minWatchMinutes: 5, windowHours: 24 } });
    expect(store.getState().rules!.attribution).toEqual({ minWatchMinutes: 5, windowHours: 24 });
  });

  it('refuses an out-of-range value on its own field, nothing sent', async () => {
    const { sent, store } = recording();
    await store.getState().loadRules();
    store.getState().editRule('attribution.windowHours', '0');
    store.getState().editRule('attribution.minWatchMinutes', '601');
    await store.getState().saveRules();
    expect(sent).toEqual([]);
    expect(store.getState().rulesProblems).toEqual({
      'attribution.windowHours': { key: 'issue.min', params: { min: 1 } },
      'attribution.minWatchMinutes': { key: 'issue.max', params: { max: 600 } },
    });
  });

  it('shows the server’s refusal on the field it names', async () => {
    const store = withRules(async () => {
      throw new ApiError(400, { code: 'VALIDATION', message: 'attribution.windowHours: not with this shop', field: 'attribution.windowHours' });
    });
    await store.getState().loadRules();
    store.getState().editRule('attribution.windowHours', '48');
    await store.getState().saveRules();
    expect(store.getState().rulesStatus).toBe('error');
    expect(store.getState().rulesProblems).toEqual({ 'attribution.windowHours': { key: 'issue.server', params: { message: 'not with this shop' } } });
    expect(en('rules.attribution.sentence', { minutes: 10, hours: 48 })).toBe('Orders count for a show if the member watched at least 10 minutes and ordered within 48 hours.');
    expect(zh('rules.attribution.sentence', { minutes: 10, hours: 48 })).toBe('訂單歸屬：至少觀看 10 分鐘、且於 48 小時內下單。');
  });

  it('round-trips attribution through the draft', () => {
    const rules: Rules = { ...DEFAULT_RULES, attribution: { minWatchMinutes: 0, windowHours: 720 } };
    expect(RulesSchema.parse(fromDraft(toDraft(rules)))).toEqual(rules);
  });
});
