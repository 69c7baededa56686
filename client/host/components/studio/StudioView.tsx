import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CommentEvent } from '../../../../shared/events.ts';
import type { Stream } from '../../../../shared/models.ts';
import { MUTE_SECONDS, SLOW_MODE_CHOICES } from '../../store/types.ts';
import { formatNumber } from '../../../common/format.ts';
import { fillIsolated } from '../../../common/bidi.tsx';
import { ExpandableText } from '../../../common/ExpandableText.tsx';
import { tierDisplayName } from '../../../common/tier-names.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import {
  selectAudienceOf,
  selectDropsOf,
  selectFocusedShow,
  selectIsBanned,
  selectLocale,
  selectLotteriesOf,
  selectModerationBusy,
  selectPerksLoaded,
  selectShowBusy,
  selectShowsLoaded,
  selectSlowModeOf,
  selectTiers,
} from '../../store/selectors.ts';
import { formatTime } from '../../logic/time.ts';
import { ShowPicker } from '../ShowPicker.tsx';
import { StreamStatus } from '../StreamStatus.tsx';
import { EmptyState, Panel, TierChip } from '../ui.tsx';
import { AudienceChart } from './AudienceChart.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { GoalsPanel } from '../goals/GoalsPanel.tsx';

function StatTile({ label, value, testId, accent, sub }: { label: string; value: string; testId?: string; accent?: string; sub?: string }) {
  return (
    <div className={`stat ${accent ? `stat-${accent}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      {sub && <p className="stat-sub">{sub}</p>}
    </div>
  );
}

function StatTiles({ stream }: { stream: Stream }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const { counts, latest } = useHost(selectAudienceOf(stream.id));
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, locale));
  // nobody is "watching now" once a show has ended; its totals stay
  const now = stream.status === 'ended' ? null : counts;
  return (
    <dl className="stats" aria-label={t('stats.label')}>
      <StatTile label={t('stats.viewers')} value={n(now?.viewers)} testId="viewer-count" accent="viewers" sub={t('stats.viewersSub')} />
      <StatTile label={t('stats.members')} value={n(now?.members)} testId="member-count" accent="members" sub={t('stats.membersSub')} />
      <StatTile label={t('stats.watchMinutes')} value={n(latest?.watchMinutes)} testId="watch-minutes" />
      <StatTile label={t('stats.pointsIssued')} value={n(latest?.pointsIssued)} testId="points-issued" />
      <StatTile label={t('stats.newMembers')} value={n(latest?.newMembers)} testId="new-members" />
    </dl>
  );
}

function TopFans({ stream }: { stream: Stream }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const latest = useHost(selectAudienceOf(stream.id)).latest;
  const tiers = useHost(selectTiers);
  const fans = latest?.topFans ?? [];
  return (
    <Panel title={t('fans.title')} titleId="fans-title" subtitle={t('fans.sub')}>
      {fans.length === 0 ? (
        <p className="muted small">{t('fans.empty')}</p>
      ) : (
        <ol className="fans" data-testid="top-fans">
          {fans.map((f, i) => (
            <li key={f.memberId}>
              <span className={`rank rank-${i + 1}`}>{i + 1}</span>
              <span className="fan-name"><bdi>{f.displayName}</bdi></span>
              <TierChip tierId={f.tier} name={tiers.find((x) => x.id === f.tier)?.name} />
              <span className="fan-points">{t('fans.points', { n: formatNumber(f.points, locale) })}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function SlowModeSelect({ stream }: { stream: Stream }) {
  const t = useT();
  const seconds = useHost(selectSlowModeOf(stream.id));
  const busy = useHost(selectModerationBusy(`show:${stream.id}`));
  const { setSlowMode } = useActions();
  return (
    <label className="inline-field">
      <span>{t('moderation.slowMode')}</span>
      <select
        value={seconds}
        disabled={busy || stream.status === 'ended'}
        onChange={(e) => void setSlowMode(stream.id, Number(e.target.value))}
        data-testid="slow-mode-select"
      >
        {SLOW_MODE_CHOICES.map((n) => (
          <option key={n} value={n}>
            {n === 0 ? t('moderation.slowOff') : t('moderation.slowEvery', { n })}
          </option>
        ))}
      </select>
    </label>
  );
}

function CommentActions({ stream, comment }: { stream: Stream; comment: CommentEvent }) {
  const t = useT();
  const removing = useHost(selectModerationBusy(`comment:${comment.id}`));
  const memberBusy = useHost(selectModerationBusy(`member:${comment.memberId}`));
  const banned = useHost(selectIsBanned(comment.memberId));
  const { removeComment, muteMember, banMember, unbanMember } = useActions();
  const name = comment.displayName;
  return (
    <div className="comment-actions" role="group" aria-label={t('moderation.actionsFor', { name })}>
      <button type="button" className="btn btn-ghost btn-small" disabled={removing} onClick={() => void removeComment(comment.id)} data-testid="comment-delete">
        {t('moderation.delete')}
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        disabled={memberBusy}
        onClick={() => void muteMember(stream.id, comment.memberId, name)}
        data-testid="comment-mute"
      >
        {t('moderation.mute', { minutes: MUTE_SECONDS / 60 })}
      </button>
      {banned ? (
        <button type="button" className="btn btn-ghost btn-small" disabled={memberBusy} onClick={() => void unbanMember(comment.memberId, name)} data-testid="comment-unban">
          {t('moderation.unban')}
        </button>
      ) : (
        <button type="button" className="btn btn-danger-ghost btn-small" disabled={memberBusy} onClick={() => void banMember(comment.memberId, name)} data-testid="comment-ban">
          {t('moderation.ban')}
        </button>
      )}
    </div>
  );
}

function CommentFeed({ stream }: { stream: Stream }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const comments = useHost(selectAudienceOf(stream.id)).comments;
  const tiers = useHost(selectTiers);
  const newestFirst = comments.slice().reverse();
  return (
    <Panel
      title={t('comments.title')}
      titleId="comments-title"
      subtitle={t('comments.sub', { n: comments.length })}
      className="panel-feed"
      actions={<SlowModeSelect stream={stream} />}
    >
      {newestFirst.length === 0 ? (
        <p className="muted small">{t('comments.empty')}</p>
      ) : (
        <ol className="feed" aria-labelledby="comments-title" data-testid="comment-feed">
          {newestFirst.map((c) => (
            <li key={c.id} className="comment" data-comment-id={c.id}>
              <div className="comment-meta">
                <span className="comment-name"><bdi>{c.displayName}</bdi></span>
                <TierChip tierId={c.tier} name={tiers.find((x) => x.id === c.tier)?.name} />
                <time dateTime={new Date(c.at).toISOString()}>{formatTime(c.at, locale)}</time>
              </div>
              <ExpandableText className="comment-text" text={c.text} more={t('comments.readMore')} less={t('comments.readLess')}>
                <bdi>{c.text}</bdi>
              </ExpandableText>
              <CommentActions stream={stream} comment={c} />
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function ActivityFeed({ stream }: { stream: Stream }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const activity = useHost(selectAudienceOf(stream.id)).activity;
  const items = activity.slice().reverse();
  return (
    <Panel title={t('activity.title')} titleId="activity-title">
      {items.length === 0 ? (
        <p className="muted small">{t('activity.empty')}</p>
      ) : (
        <ul className="activity">
          {items.map((b, i) => (
            <li key={`${b.at}-${b.memberId}-${items.length - i}`}>
              <span className={`activity-icon activity-${b.reason}`} aria-hidden="true">
                {b.reason === 'tier-up' ? '▲' : '★'}
              </span>
              <span>
                {fillIsolated(t(b.reason === 'tier-up' ? 'activity.tierUp' : 'activity.joined'), { name: b.displayName, tier: tierDisplayName(b.tier.id, b.tier.name, locale) })}
              </span>
              <time className="muted small" dateTime={new Date(b.at).toISOString()}>
                {formatTime(b.at, locale)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function PerksGlance({ stream }: { stream: Stream }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const drops = useHost(useShallow(selectDropsOf(stream.id)));
  const lotteries = useHost(useShallow(selectLotteriesOf(stream.id)));
  const { setView } = useActions();
  const activeDrops = drops.filter((d) => d.status !== 'closed').slice(0, 3);
  const openLotteries = lotteries.filter((l) => l.status === 'open').slice(0, 3);
  return (
    <Panel
      title={t('glance.title')}
      titleId="glance-title"
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setView('drops')}>
          {t('glance.newDrop')}
        </button>
      }
    >
      {activeDrops.length === 0 && openLotteries.length === 0 ? (
        <p className="muted small">{t('glance.empty')}</p>
      ) : (
        <ul className="glance">
          {activeDrops.map((d) => (
            <li key={d.id}>
              <button type="button" className="glance-item" onClick={() => setView('drops')}>
                <span className="glance-kind">{t('glance.drop')}</span>
                <span className="glance-title">{d.title}</span>
                <span className="meter" aria-hidden="true">
                  <span style={{ width: `${(d.remaining / d.stock) * 100}%` }} />
                </span>
                <span className="glance-value">{t('drops.leftOf', { left: formatNumber(d.remaining, locale), stock: formatNumber(d.stock, locale) })}</span>
              </button>
            </li>
          ))}
          {openLotteries.map((l) => (
            <li key={l.id}>
              <button type="button" className="glance-item" onClick={() => setView('lotteries')}>
                <span className="glance-kind glance-lottery">{t('glance.lottery')}</span>
                <span className="glance-title">{l.title}</span>
                <span className="glance-value">{t('lotteries.entriesCount', { count: l.entries })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function ShowActions({ stream }: { stream: Stream }) {
  const t = useT();
  const busy = useHost(selectShowBusy(stream.id));
  const { startShow, endShow } = useActions();
  return (
    <div className="view-actions">
      {stream.status === 'scheduled' && (
        <button type="button" className="btn btn-live" disabled={!!busy} onClick={() => void startShow(stream.id)} data-testid="start-show">
          {busy === 'start' ? t('shows.starting') : t('shows.goLive')}
        </button>
      )}
      {stream.status !== 'ended' && (
        <ConfirmButton
          className="btn btn-danger-ghost"
          disabled={!!busy}
          testId="end-show"
          title={t('shows.endConfirm.title', { title: stream.title })}
          message={t('shows.endConfirm.body')}
          confirmLabel={t('shows.endConfirm.confirm')}
          onConfirm={() => void endShow(stream.id)}
        >
          {busy === 'end' ? t('shows.ending') : t('shows.end')}
        </ConfirmButton>
      )}
    </div>
  );
}

export function StudioView() {
  const t = useT();
  const stream = useHost(selectFocusedShow);
  const loaded = useHost(selectShowsLoaded);
  const { setView } = useActions();
  const perksLoaded = useHost(selectPerksLoaded(stream?.id ?? null));
  const { loadPerks } = useActions();
  const history = useHost(selectAudienceOf(stream?.id ?? null)).history;

  useEffect(() => {
    if (stream && !perksLoaded) void loadPerks(stream.id);
  }, [stream, perksLoaded, loadPerks]);

  if (!stream) {
    return (
      <div className="view">
        <header className="view-head">
          <h1>{t('studio.heading')}</h1>
        </header>
        {loaded ? (
          <EmptyState
            title={t('studio.noShowTitle')}
            action={
              <button type="button" className="btn btn-primary" onClick={() => setView('shows')}>
                {t('studio.planShow')}
              </button>
            }
          >
            {t('studio.noShowBody')}
          </EmptyState>
        ) : (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="view" data-testid="live-panel">
      <header className="view-head">
        <div className="view-title">
          <p className="eyebrow">{t('studio.heading')}</p>
          <div className="title-row">
            <h1>{stream.title}</h1>
            <StreamStatus stream={stream} />
          </div>
        </div>
        <div className="view-head-end">
          <ShowPicker id="studio-show" />
          <ShowActions stream={stream} />
        </div>
      </header>

      {stream.status === 'scheduled' && <p className="banner">{t('studio.scheduledBanner')}</p>}
      {stream.status === 'ended' && <p className="banner">{t('studio.endedBanner')}</p>}

      <StatTiles stream={stream} />

      <div className="studio-grid">
        <div className="studio-main">
          <Panel title={t('chart.title')} titleId="chart-title" subtitle={t('chart.sub')}>
            <AudienceChart history={history} />
          </Panel>
          <GoalsPanel stream={stream} />
          <CommentFeed stream={stream} />
        </div>
        <div className="studio-side">
          <TopFans stream={stream} />
          <PerksGlance stream={stream} />
          <ActivityFeed stream={stream} />
        </div>
      </div>
    </div>
  );
}
