import { useEffect, useState } from 'react';
import type { Stream } from '../../../../shared/models.ts';
import { formatNumber } from '../../../common/format.ts';
import { api } from '../../api.ts';
import { Header } from '../Header.tsx';
import { CalendarCheckIcon, EyeIcon, GiftIcon, StarIcon } from '../icons.tsx';
import { useActions, useLive, useT } from '../../hooks.ts';
import { formatClock, formatSpan } from '../../logic/format.ts';
import { selectIsSignedIn, selectLocale, selectRules } from '../../store/selectors.ts';

interface LiveCard {
  stream: Stream;
  viewers: number | null;
}

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; live: LiveCard[]; upcoming: Stream[] };

/** `/` — the shows live now (and coming up), and what membership brings. */
export function HomePage() {
  const t = useT();
  const { loadRules } = useActions();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    void loadRules();
    let cancelled = false;
    async function fetchShows() {
      try {
        const [live, upcoming] = await Promise.all([api.streams('live'), api.streams('scheduled')]);
        const cards = await Promise.all(
          live.streams.map(async (stream) => ({ stream, viewers: await api.stream(stream.id).then((r) => r.viewers, () => null) })),
        );
        if (!cancelled) setLoad({ status: 'ready', live: cards, upcoming: upcoming.streams });
      } catch {
        if (!cancelled) setLoad({ status: 'error' });
      }
    }
    void fetchShows();
    const timer = setInterval(fetchShows, 30_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <>
      <Header />
      <main id="main" className="home">
        <section className="hero" aria-labelledby="home-h">
          <p className="eyebrow">{t('home.eyebrow')}</p>
          <h1 id="home-h">{t('home.title')}</h1>
          <p className="hero__lead">{t('home.lead')}</p>
        </section>

        <section aria-labelledby="live-h" className="shows">
          <h2 id="live-h" className="section-title section-title--out">
            <span className="pill pill--live" aria-hidden="true">
              {t('room.live')}
            </span>{' '}
            {t('home.liveNow')}
          </h2>
          {load.status === 'loading' && <div className="skeleton skeleton--card" aria-busy="true" />}
          {load.status === 'error' && <p className="muted">{t('home.error')}</p>}
          {load.status === 'ready' && load.live.length === 0 && (
            <div className="card empty-card">
              <p>{t('home.noneLive')}</p>
            </div>
          )}
          {load.status === 'ready' && (
            <ul className="show-list">
              {load.live.map((c) => (
                <li key={c.stream.id}>
                  <ShowCard stream={c.stream} viewers={c.viewers} />
                </li>
              ))}
            </ul>
          )}
        </section>

        {load.status === 'ready' && load.upcoming.length > 0 && (
          <section aria-labelledby="soon-h" className="shows">
            <h2 id="soon-h" className="section-title section-title--out">
              {t('home.upcoming')}
            </h2>
            <ul className="show-list">
              {load.upcoming.map((s) => (
                <li key={s.id}>
                  <ShowCard stream={s} viewers={null} />
                </li>
              ))}
            </ul>
          </section>
        )}

        <HowItWorks />
      </main>
    </>
  );
}

function ShowCard({ stream, viewers }: { stream: Stream; viewers: number | null }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const live = stream.status === 'live';
  return (
    <a className={`show ${live ? 'is-live' : ''}`} href={`/live/${encodeURIComponent(stream.id)}`}>
      <span className="show__art" aria-hidden="true">
        <span className="show__initial">{stream.title.slice(0, 1)}</span>
      </span>
      <span className="show__body">
        <span className="show__title">{stream.title}</span>
        <span className="show__meta">
          {live ? <span className="pill pill--live">{t('room.live')}</span> : <span className="pill pill--soon">{t('room.soon')}</span>}
          {live && stream.startedAt !== null && <span>{t('home.since', { time: formatClock(stream.startedAt, locale) })}</span>}
          {viewers !== null && (
            <span className="show__viewers">
              <EyeIcon size={14} /> {formatNumber(viewers, locale)}
            </span>
          )}
        </span>
      </span>
      <span className="show__go" aria-hidden="true">
        →
      </span>
    </a>
  );
}

function HowItWorks() {
  const t = useT();
  const locale = useLive(selectLocale);
  const rules = useLive(selectRules);
  const signedIn = useLive(selectIsSignedIn);
  const { openAuth } = useActions();
  const w = rules?.watch;
  return (
    <section className="how" aria-labelledby="how-h">
      <h2 id="how-h" className="section-title section-title--out">
        {t('home.howTitle')}
      </h2>
      <ul className="how__list">
        <li className="card how__item">
          <StarIcon size={22} />
          <h3>{t('home.how1')}</h3>
          <p>{w ? t('home.how1Text', { points: formatNumber(w.points, locale), span: formatSpan(w.everySeconds, locale) }) : ''}</p>
        </li>
        <li className="card how__item">
          <CalendarCheckIcon size={22} />
          <h3>{t('home.how2')}</h3>
          <p>{t('home.how2Text')}</p>
        </li>
        <li className="card how__item">
          <GiftIcon size={22} />
          <h3>{t('home.how3')}</h3>
          <p>{t('home.how3Text')}</p>
        </li>
      </ul>
      {!signedIn && (
        <button type="button" className="btn btn--primary" onClick={() => openAuth('signup')}>
          {t('guest.join')}
        </button>
      )}
    </section>
  );
}
