import { rememberLocale } from '../../common/i18n.ts';
import type { Slice } from './index.ts';
import { VIEWS, type UiSlice, type ViewId } from './types.ts';

const MAX_NOTICES = 3;
let noticeSeq = 0;

/** `/host/<view>`; anything else is the studio. */
export function viewFromPath(pathname: string): ViewId {
  const segment = pathname.replace(/^\/host\/?/, '').split('/')[0] ?? '';
  return (VIEWS as string[]).includes(segment) ? (segment as ViewId) : 'studio';
}

export const createUiSlice: Slice<UiSlice> = (deps) => (set, get) => ({
  locale: deps.locale,
  view: typeof location === 'undefined' ? 'studio' : viewFromPath(location.pathname),
  clockOffset: 0,
  links: { host: 'offline', live: 'offline' },
  notices: [],

  setLocale(locale) {
    rememberLocale(locale);
    set({ locale });
  },
  setView(view) {
    if (view === get().view) return;
    if (typeof history !== 'undefined') history.pushState(null, '', view === 'studio' ? '/host' : `/host/${view}`);
    set({ view });
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
