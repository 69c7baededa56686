import type { GoalView } from '../../../../shared/community-goals.ts';
import { formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import { formatTime } from '../../logic/time.ts';
import { selectGoalBusy, selectGoalsLoaded, selectGoalsOf } from '../../store/goals-selectors.ts';
import { selectRewards } from '../../store/rewards-selectors.ts';
import { selectDropById, selectLocale } from '../../store/selectors.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { Chip } from '../ui.tsx';

/** The show's goals, newest first: progress, what reaching it opened or unlocked, Archive. */
export function GoalList({ streamId }: { streamId: string }) {
  const t = useT();
  const goals = useHost(selectGoalsOf(streamId));
  const loaded = useHost(selectGoalsLoaded(streamId));
  if (goals.length === 0) {
    return (
      <p className="muted small" role="status">
        {loaded ? t('goals.empty') : t('common.loading')}
      </p>
    );
  }
  return (
    <ul className="goal-list" aria-labelledby="goals-title" data-testid="goal-list">
      {goals.map((goal) => (
        <GoalRow key={goal.id} goal={goal} />
      ))}
    </ul>
  );
}

function GoalRow({ goal }: { goal: GoalView }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const busy = useHost(selectGoalBusy(goal.id));
  const { archiveGoal } = useActions();
  const reached = goal.status === 'completed';
  const n = (v: number) => formatNumber(v, locale);
  // the room goes on counting past the target; the meter stops full
  const share = Math.min(1, goal.progress / goal.target);
  return (
    <li className={`goal ${reached ? 'is-reached' : ''}`} data-testid="goal-row" data-goal-id={goal.id} data-status={goal.status}>
      <div className="goal-head">
        <p className="goal-title">
          <bdi>{goal.title}</bdi>
        </p>
        <Chip tone={reached ? 'open' : 'scheduled'}>
          <span data-testid="goal-status">{reached ? t('goals.reached') : t('goals.active')}</span>
        </Chip>
      </div>
      <p className="goal-progress">
        <strong data-testid="goal-progress">
          {n(goal.progress)} / {n(goal.target)}
        </strong>{' '}
        <span className="muted">{t(`goals.unit.${goal.metric}`)}</span>
      </p>
      <span
        className="meter meter-lg"
        role="progressbar"
        aria-label={t('goals.progressLabel', { title: goal.title, progress: n(goal.progress), target: n(goal.target) })}
        aria-valuemin={0}
        aria-valuemax={goal.target}
        aria-valuenow={Math.min(goal.progress, goal.target)}
      >
        <span style={{ width: `${share * 100}%` }} />
      </span>
      {reached && goal.completedAt !== null && (
        <p className="small muted" data-testid="goal-reached-at">
          {t('goals.reachedAt', { time: formatTime(goal.completedAt, locale) })}
        </p>
      )}
      <GoalGives goal={goal} />
      <div className="goal-actions">
        <ConfirmButton
          className="btn btn-ghost btn-small"
          disabled={busy}
          testId="goal-archive"
          title={t('goals.archiveConfirm.title', { title: goal.title })}
          message={t('goals.archiveConfirm.body')}
          confirmLabel={t('goals.archive')}
          onConfirm={() => void archiveGoal(goal.id)}
        >
          {t('goals.archive')}
        </ConfirmButton>
      </div>
    </li>
  );
}

/** The drop it opens (or opened: its title as the show's drops have it) and the reward it unlocks. */
function GoalGives({ goal }: { goal: GoalView }) {
  const t = useT();
  const drop = useHost(selectDropById(goal.dropId ?? ''));
  const reward = useHost(selectRewards).find((r) => r.id === goal.rewardId);
  const { setView } = useActions();
  const reached = goal.status === 'completed';
  const dropLine = !goal.drop
    ? null
    : !reached
      ? t('goals.dropWaiting', { title: goal.drop.title })
      : goal.dropId
        ? t('goals.dropOpened', { title: drop?.title ?? goal.drop.title })
        : t('goals.dropNotYet', { title: goal.drop.title });
  if (!dropLine && !goal.rewardId) return null;
  return (
    <ul className="goal-gives small">
      {dropLine && (
        <li data-testid="goal-drop" data-drop-id={goal.dropId ?? undefined}>
          {dropLine}
          {goal.dropId && (
            <>
              {' '}
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setView('drops')}>
                {t('goals.seeDrop')}
              </button>
            </>
          )}
        </li>
      )}
      {goal.rewardId && (
        <li data-testid="goal-reward">
          {t(reached ? 'goals.rewardUnlocked' : 'goals.rewardWaiting', { title: reward?.title ?? goal.rewardId })}
        </li>
      )}
    </ul>
  );
}
