import { useEffect, type MouseEvent } from 'react';
import { formatNumber } from '../../common/format.ts';
import { useActions, useHost, useT } from '../hooks.ts';
import type { HostKey } from '../i18n.ts';
import { selectAudienceOf, selectLinks, selectLocale, selectOnAir, selectView } from '../store/selectors.ts';
import { selectInsightsPart } from '../store/insights-selectors.ts';
import { selectReportShowId } from '../store/show-report-selectors.ts';
import { VIEWS, type ViewId } from '../store/types.ts';
import { Brand } from './Brand.tsx';
import { DropsView } from './drops/DropsView.tsx';
import { InsightsView } from './insights/InsightsView.tsx';
import { LocaleSwitch } from './LocaleSwitch.tsx';
import { LotteriesView } from './lotteries/LotteriesView.tsx';
import { MissionsView } from './missions/MissionsView.tsx';
import { Notices } from './Notices.tsx';
import { OverlayView } from './overlay/OverlayView.tsx';
import { RewardsView } from './rewards/RewardsView.tsx';
import { RulesView } from './rules/RulesView.tsx';
import { ShowReportView } from './shows/ShowReportView.tsx';
import { ShowsView } from './shows/ShowsView.tsx';
import { StudioView } from './studio/StudioView.tsx';

const ICONS: Record<ViewId, string> = {
  studio: 'M4 6h16v10H4z M9 20h6 M12 16v4',
  shows: 'M5 5h14 M5 12h14 M5 19h9',
  drops: 'M6 8h12l-1 12H7z M9 8a3 3 0 0 1 6 0',
  lotteries: 'M4 8h16v4a2 2 0 0 0 0 4v0H4v0a2 2 0 0 0 0-4z M12 8v12',
  rewards: 'M4 10h16v10H4z M3 7h18v3H3z M12 7v13 M12 7c-2-4-6-3-5 0 M12 7c2-4 6-3 5 0',
  missions: 'M6 21V4 M6 4h11l-2.5 4 2.5 4H6',
  insights: 'M4 20h16 M7 16v-5 M12 16V6 M17 16v-8',
  rules: 'M5 6h9 M18 6h1 M5 12h3 M12 12h7 M5 18h11 M19 18h0',
  overlay: 'M3 5h18v12H3z M7 21h10 M8 9h5v4H8z',
};

function NavLink({ view }: { view: ViewId }) {
  const t = useT();
  const current = useHost(selectView);
  const { setView } = useActions();
  const go = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setView(view);
    document.getElementById('main')?.focus({ preventScroll: true });
  };
  return (
    <a href={view === 'studio' ? '/host' : `/host/${view}`} aria-current={current === view ? 'page' : undefined} onClick={go}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={ICONS[view]} />
      </svg>
      <span>{t(`nav.${view}` as HostKey)}</span>
    </a>
  );
}

function OnAirPill() {
  const t = useT();
  const locale = useHost(selectLocale);
  const onAir = useHost(selectOnAir);
  const counts = useHost(selectAudienceOf(onAir?.id ?? null)).counts;
  const { setView, focusShow } = useActions();
  if (!onAir) return <span className="onair onair-off">{t('top.offAir')}</span>;
  return (
    <button
      type="button"
      className="onair"
      onClick={() => {
        focusShow(onAir.id);
        setView('studio');
      }}
    >
      <span className="pulse-dot" aria-hidden="true" />
      <span className="onair-label">{t('status.live')}</span>
      <span className="onair-title">{onAir.title}</span>
      {counts && <span className="onair-count">{t('top.watching', { n: formatNumber(counts.viewers, locale) })}</span>}
    </button>
  );
}

function LinkStatus() {
  const t = useT();
  const links = useHost(selectLinks);
  const online = links.host === 'online' && links.live === 'online';
  return (
    <span className={`link-status ${online ? 'is-online' : 'is-offline'}`} role="status">
      <span className="link-dot" aria-hidden="true" />
      {online ? t('top.connected') : t('top.reconnecting')}
    </span>
  );
}

function CurrentView() {
  const view = useHost(selectView);
  const reportShowId = useHost(selectReportShowId);
  switch (view) {
    case 'shows':
      return reportShowId ? <ShowReportView key={reportShowId} streamId={reportShowId} /> : <ShowsView />;
    case 'drops':
      return <DropsView />;
    case 'lotteries':
      return <LotteriesView />;
    case 'rewards':
      return <RewardsView />;
    case 'missions':
      return <MissionsView />;
    case 'insights':
      return <InsightsView />;
    case 'rules':
      return <RulesView />;
    case 'overlay':
      return <OverlayView />;
    default:
      return <StudioView />;
  }
}

export function Shell() {
  const t = useT();
  const { logout, loadRules } = useActions();
  const view = useHost(selectView);
  const reportShowId = useHost(selectReportShowId);
  const insightsPart = useHost(selectInsightsPart);

  useEffect(() => {
    void loadRules();
  }, [loadRules]);
  useEffect(() => {
    document.title = `${t(`nav.${view}` as HostKey)} · Front Row Studio`;
  }, [t, view]);
  // A section opens at its top: without this the page kept the previous section's scroll position.
  useEffect(() => {
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  }, [view, reportShowId, insightsPart]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <header className="topbar">
        <Brand suffix={t('brand.studio')} />
        <OnAirPill />
        <div className="topbar-end">
          <LinkStatus />
          <LocaleSwitch />
          <button type="button" className="btn btn-ghost" onClick={logout} data-testid="logout-button">
            {t('top.logout')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        {VIEWS.map((v) => (
          <NavLink key={v} view={v} />
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <CurrentView />
      </main>
      <Notices />
    </div>
  );
}
