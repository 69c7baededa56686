import { rememberLocale } from '../../common/i18n.ts';
import type { Slice } from './index.ts';
import { INSIGHTS_PARTS, VIEWS, type InsightsPart, type UiSlice, type ViewId } from './types.ts';

const MAX_NOTICES = 3;
let noticeSeq = 0;

/** `/host/<view>`; anything else is the studio. */
export function viewFromPath(pathname: string): ViewId {
  const segment = pathname.replace(/^\/host\/?/, '').split('/')[0] ?? '';
  return (VIEWS as string[]).includes(segment) ? (segment as ViewId) : 'studio';
}

/** `/host/shows/<id>/report`: the show whose report is open; anything else, none. */
export function reportFromPath(pathname: string): string | null {
  const m = /^\/host\/shows\/([^/]+)\/report\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null; // a malformed address opens the list
  }
}

/** `/host/insights/<part>`: that part of Insights; `/host/insights` and anything else, the KPIs. */
export function insightsPartFromPath(pathname: string): InsightsPart {
  const m = /^\/host\/insights\/([^/]+)\/?$/.exec(pathname);
  return m && (INSIGHTS_PARTS as string[]).includes(m[1]!) ? (m[1] as InsightsPart) : 'kpis';
}

/** The address of a part of Insights. */
export const insightsPath = (part: InsightsPart) => (part === 'kpis' ? '/host/insights' : `/host/insights/${part}`);

function pathOf(view: ViewId, reportShowId: string | null, insightsPart: InsightsPart = 'kpis'): string {
  if (reportShowId !== null) return `/host/shows/${encodeURIComponent(reportShowId)}/report`;
  if (view === 'insights') return insightsPath(insightsPart);
  return view === 'studio' ? '/host' : `/host/${view}`;
}

function pushPath(path: string): void {
  if (typeof history !== 'undefined') history.pushState(null, '', path);
}

export const createUiSlice: Slice<UiSlice> = (deps) => (set, get) => ({
  locale: deps.locale,
  view: typeof location === 'undefined' ? 'studio' : viewFromPath(location.pathname),
  reportShowId: typeof location === 'undefined' ? null : reportFromPath(location.pathname),
  insightsPart: typeof location === 'undefined' ? 'kpis' : insightsPartFromPath(location.pathname),
  clockOffset: 0,
  links: { host: 'offline', live: 'offline' },
  notices: [],

  setLocale(locale) {
    rememberLocale(locale);
    set({ locale });
  },
  setView(view) {
    if (view === get().view && get().reportShowId === null && get().insightsPart === 'kpis') return;
    pushPath(pathOf(view, null));
    set({ view, reportShowId: null, insightsPart: 'kpis' });
  },
  openReport(reportShowId) {
    if (reportShowId === get().reportShowId && get().view === 'shows') return;
    pushPath(pathOf('shows', reportShowId));
    set({ view: 'shows', reportShowId, insightsPart: 'kpis' });
  },
  openInsights(insightsPart) {
    if (insightsPart === get().insightsPart && get().view === 'insights') return;
    pushPath(pathOf('insights', null, insightsPart));
    set({ view: 'insights', reportShowId: null, insightsPart });
  },
  setClockOffset(clockOffset) {
    set({ clockOffset });
  },
  setLink(which, status) {
    set((s) => ({ links: { ...s.links, [which]: status } }));
  },
  notify(tone, problem, topic) {
    const id = ++noticeSeq;
    set((s) => ({
      notices: [...s.notices.filter((n) => !topic || n.topic !== topic), { id, tone, problem, topic }].slice(-MAX_NOTICES),
    }));
    deps.setTimeout(() => get().dismissNotice(id), tone === 'error' ? 9000 : 5000);
  },
  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
  dismissTopic(topic) {
    set((s) => ({ notices: s.notices.filter((n) => n.topic !== topic) }));
  },
});
