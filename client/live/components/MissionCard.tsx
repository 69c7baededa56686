import { useId, useMemo } from 'react';
import { tierAllowed } from '../../../shared/domain/tier-ladder.ts';
import type { MissionView } from '../../../shared/missions.ts';
import { useLive, useServerNow, useT } from '../hooks.ts';
import { goalText, periodText, progressText, rewardText, stageProgress, timeLeftText, type StageProgress } from '../logic/missions.ts';
import { selectIsSignedIn, selectLocale, selectRewards, selectRules, selectTierId } from '../store/selectors.ts';

/**
 * One mission: its period and time left, the member's way to the next stage
 * as the server counted it, and every stage with what it pays and whether it
 * is reached this period (a guest: the stages only).
 */
export function MissionCard({ mission }: { mission: MissionView }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const rules = useLive(selectRules);
  const tierId = useLive(selectTierId);
  const signedIn = useLive(selectIsSignedIn);
  const titleId = useId();
  const progress = stageProgress(mission);
  // Below the mission's tier nothing counts: say so (a guest joins at the lowest tier).
  const belowTier = mission.minTier !== null && (!signedIn || (rules !== null && tierId !== null && !tierAllowed(rules, mission.minTier, { id: tierId })));
  const tierName = rules?.tiers.find((x) => x.id === mission.minTier)?.name ?? mission.minTier;

  return (
    <article className="card mission" data-testid="mission-card" data-done={progress?.done ?? false} aria-labelledby={titleId}>
      <h3 id={titleId} className="mission__title">
        {mission.title}
      </h3>
      <p className="mission__facts">
        <span className="chip" data-testid="mission-period">
          {periodText(t, mission.period, locale)}
        </span>
        {progress && !progress.idle && <TimeLeft endsAt={mission.mine?.endsAt ?? null} />}
        {belowTier && (
          <span className="chip chip--tier" data-tier={mission.minTier}>
            {t('mission.minTier', { tier: tierName ?? '' })}
          </span>
        )}
      </p>
      {mission.description && <p className="mission__desc">{mission.description}</p>}
      {progress && <ProgressLine mission={mission} progress={progress} />}
      <Stages mission={mission} progress={progress} />
    </article>
  );
}

function TimeLeft({ endsAt }: { endsAt: number | null }) {
  const t = useT();
  const now = useServerNow();
  const text = timeLeftText(t, endsAt, now);
  if (text === null) return null;
  return (
    <span className="chip chip--time" data-testid="mission-time-left">
      {text}
    </span>
  );
}

function ProgressLine({ mission, progress }: { mission: MissionView; progress: StageProgress }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const goal = goalText(t, mission.goal, progress.target, locale);
  const count = progressText(mission.goal, progress.progress, progress.target, locale);
  const multi = mission.stages.length > 1;
  let status: string | null = null;
  if (progress.done) status = t('mission.done');
  else if (progress.idle) status = t(mission.period.kind === 'show' ? 'mission.idle.show' : 'mission.idle.range');
  else if (multi) status = t('mission.stage', { stage: progress.stage, stages: mission.stages.length });
  return (
    <div className="mission__progress">
      <div
        className={`bar ${progress.done ? 'bar--done' : ''}`}
        role="progressbar"
        aria-label={t('mission.progressLabel', { goal })}
        aria-valuemin={0}
        aria-valuemax={progress.target}
        aria-valuenow={Math.min(progress.progress, progress.target)}
        aria-valuetext={count}
      >
        <span className="bar__fill" style={{ width: `${progress.fraction * 100}%` }} />
      </div>
      <p className="mission__count">
        {status && <span className={progress.done ? 'mission__done' : 'muted'}>{status}</span>}
        <span className="mission__numbers" data-testid="mission-progress">
          {count}
        </span>
      </p>
    </div>
  );
}

function Stages({ mission, progress }: { mission: MissionView; progress: StageProgress | null }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const rewards = useLive(selectRewards);
  const titles = useMemo(() => new Map(rewards.map((r) => [r.id, r.title])), [rewards]);
  return (
    <ol className="mission__stages" aria-label={t('mission.stagesLabel')}>
      {mission.stages.map((stage, i) => {
        const reached = progress !== null && i < progress.reached;
        const current = progress !== null && !progress.done && i === progress.reached;
        return (
          <li
            key={i}
            className={`mission-stage ${reached ? 'is-reached' : ''} ${current ? 'is-current' : ''}`}
            data-testid="mission-stage"
            data-reached={reached}
          >
            <span className="mission-stage__mark" aria-hidden="true">
              {reached ? '✓' : i + 1}
            </span>
            <span className="mission-stage__goal">
              {goalText(t, mission.goal, stage.target, locale)}
              {reached && <span className="sr-only"> · {t('mission.stageReached')}</span>}
            </span>
            <span className="mission-stage__reward">{rewardText(t, stage.reward, stage.reward.rewardId ? titles.get(stage.reward.rewardId) : undefined, locale)}</span>
          </li>
        );
      })}
    </ol>
  );
}
