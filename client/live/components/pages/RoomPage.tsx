import { useEffect, useMemo } from 'react';
import { formatNumber } from '../../../common/format.ts';
import { Chat } from '../Chat.tsx';
import { CommunityGoals } from '../CommunityGoals.tsx';
import { DropCard } from '../DropCard.tsx';
import { Header } from '../Header.tsx';
import { EyeIcon } from '../icons.tsx';
import { Leaderboard } from '../Leaderboard.tsx';
import { Ledger } from '../Ledger.tsx';
import { LotteryCard } from '../LotteryCard.tsx';
import { Membership } from '../Membership.tsx';
import { Missions } from '../Missions.tsx';
import { Player } from '../Player.tsx';
import { QuickActions } from '../QuickActions.tsx';
import { Rewards } from '../Rewards.tsx';
import { WatchPanel } from '../WatchPanel.tsx';
import { useActions, useLive, useMediaQuery, useT } from '../../hooks.ts';
import { refFromUrl } from '../../logic/session.ts';
import {
  selectClaims,
  selectConnection,
  selectDrops,
  selectLocale,
  selectLotteries,
  selectMembers,
  selectRoomStatus,
  selectStream,
  selectViewers,
} from '../../store/selectors.ts';

/** /live/:streamId — the viewer room. Phone: one column; desktop: the show on the left, perks on the right. */
export function RoomPage({ streamId }: { streamId: string }) {
  const t = useT();
  const status = useLive(selectRoomStatus);
  const stream = useLive(selectStream);
  const wide = useMediaQuery('(min-width: 1024px)');
  const { enterRoom, leaveRoom } = useActions();

  // the socket binding connects while a room is entered
  useEffect(() => {
    enterRoom(streamId, refFromUrl());
    return leaveRoom;
  }, [streamId, enterRoom, leaveRoom]);
  useEffect(() => {
    if (stream) document.title = `${stream.title} · Front Row`;
  }, [stream]);

  let body;
  if (status === 'loading' && !stream) body = <RoomSkeleton />;
  else if (status === 'not-found') body = <Gone title={t('room.notFound')} text={t('room.notFoundText')} />;
  else if (status === 'error' && !stream) body = <Gone title={t('room.error')} text={t('room.errorText')} />;
  else if (wide) {
    body = (
      <div className="room room--wide">
        <div className="room__main">
          <Stage />
          <WatchPanel />
          <CommunityGoals />
          <QuickActions />
          <Chat />
        </div>
        <aside className="room__side" aria-label={t('room.perksLabel')}>
          <Membership />
          <Drops />
          <Lotteries />
          <Missions />
          <Rewards />
          <Leaderboard />
          <Ledger />
        </aside>
      </div>
    );
  } else {
    body = (
      <div className="room">
        <Stage />
        <WatchPanel />
        <CommunityGoals />
        <QuickActions />
        <Drops />
        <Lotteries />
        <Chat />
        <Membership />
        <Missions />
        <Rewards />
        <Leaderboard />
        <Ledger />
      </div>
    );
  }
  return (
    <>
      <Header />
      <main id="main">{body}</main>
    </>
  );
}

function Stage() {
  const t = useT();
  const stream = useLive(selectStream);
  const status = useLive(selectRoomStatus);
  if (!stream) return null;
  return (
    <div className="stage">
      {status === 'ended' ? (
        <div className="player player--ended">
          <div className="player__elsewhere">
            <p className="player__headline">{t('room.ended')}</p>
            <p className="player__sub">{t('room.endedText')}</p>
            <a className="btn btn--small btn--ghost" href="/">
              {t('room.otherShows')}
            </a>
          </div>
        </div>
      ) : (
        <Player stream={stream} />
      )}
      <div className="stage__meta">
        <h1 className="stage__title">{stream.title}</h1>
        <LiveLine />
      </div>
    </div>
  );
}

function LiveLine() {
  const t = useT();
  const locale = useLive(selectLocale);
  const stream = useLive(selectStream);
  const viewers = useLive(selectViewers);
  const members = useLive(selectMembers);
  const connection = useLive(selectConnection);
  const pill =
    stream?.status === 'live' ? (
      <span className="pill pill--live">{t('room.live')}</span>
    ) : stream?.status === 'scheduled' ? (
      <span className="pill pill--soon">{t('room.soon')}</span>
    ) : (
      <span className="pill">{t('room.endedPill')}</span>
    );
  return (
    <p className="liveline">
      {pill}
      <span className="liveline__count" data-testid="presence-count">
        <EyeIcon size={15} />
        {t('room.watching', { viewers: formatNumber(viewers, locale) })}
        <span className="liveline__sep" aria-hidden="true">·</span>
        {t('room.members', { count: members })}
      </span>
      {connection === 'reconnecting' && (
        <span className="pill pill--warn" role="status">
          {t('room.reconnecting')}
        </span>
      )}
    </p>
  );
}

function Drops() {
  const t = useT();
  const drops = useLive(selectDrops);
  const claims = useLive(selectClaims);
  const shown = useMemo(() => drops.filter((d) => d.status !== 'closed' || claims.some((c) => c.dropId === d.id)), [drops, claims]);
  if (shown.length === 0) return null;
  return (
    <section className="perk-section" aria-labelledby="drops-h">
      <h2 id="drops-h" className="section-title section-title--out">
        {t('drops.title')}
      </h2>
      {shown.map((d) => (
        <DropCard key={d.id} drop={d} />
      ))}
    </section>
  );
}

function Lotteries() {
  const t = useT();
  const lotteries = useLive(selectLotteries);
  // Open ones first, and one being drawn (its winners seconds away) with them.
  const settled = (l: (typeof lotteries)[number]) => Number(l.status !== 'open' && l.status !== 'drawing');
  const ordered = useMemo(() => [...lotteries].sort((a, b) => settled(a) - settled(b)), [lotteries]);
  if (ordered.length === 0) return null;
  return (
    <section className="perk-section" aria-labelledby="lotteries-h">
      <h2 id="lotteries-h" className="section-title section-title--out">
        {t('lotteries.title')}
      </h2>
      {ordered.map((l) => (
        <LotteryCard key={l.id} lottery={l} />
      ))}
    </section>
  );
}

function RoomSkeleton() {
  const t = useT();
  return (
    <div className="room" aria-busy="true">
      <div className="player skeleton" />
      <p className="sr-only" role="status">
        {t('common.loading')}
      </p>
      <div className="skeleton skeleton--line" />
      <div className="skeleton skeleton--card" />
    </div>
  );
}

function Gone({ title, text }: { title: string; text: string }) {
  const t = useT();
  return (
    <div className="empty">
      <h1>{title}</h1>
      <p className="muted">{text}</p>
      <a className="btn btn--primary" href="/">
        {t('room.otherShows')}
      </a>
    </div>
  );
}
