import { useMemo } from 'react';
import type { GoalView } from '../../../shared/community-goals.ts';
import { useLive, useT } from '../hooks.ts';
import { goalBarView, goalsInOrder } from '../logic/goals.ts';
import { selectGoals, selectLocale } from '../store/selectors.ts';

/**
 * The room's community goals (issue 14), one compact line each over the
 * like button: "Flash sale — 7,432 / 10,000 likes", the bar full at the
 * target, "Goal reached!" once the room gets there. Everyone sees them;
 * hidden while the show has none.
 */
export function CommunityGoals() {
  const t = useT();
  const goals = useLive(selectGoals);
  const ordered = useMemo(() => goalsInOrder(goals), [goals]);
  if (ordered.length === 0) return null;
  return (
    <section className="goals" aria-label={t('goals.label')} data-testid="goals">
      {ordered.map((g) => (
        <GoalBar key={g.id} goal={g} />
      ))}
    </section>
  );
}

function GoalBar({ goal }: { goal: GoalView }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const view = goalBarView(t, goal, locale);
  return (
    <div className={`goal ${view.done ? 'is-done' : ''}`} data-testid="goal-bar" data-done={view.done}>
      <p className="goal__line">
        <bdi className="goal__title">{goal.title}</bdi>
        <span className="goal__sep" aria-hidden="true">
          —
        </span>
        <span className="goal__count" data-testid="goal-progress">
          {view.count}
        </span>
        {view.done && (
          <span className="goal__reached" data-testid="goal-reached">
            {t('goal.reached')}
          </span>
        )}
      </p>
      <div
        className={`bar bar--thin ${view.done ? 'bar--done' : ''}`}
        role="progressbar"
        aria-label={t('goal.progressLabel', { title: goal.title })}
        aria-valuemin={0}
        aria-valuemax={goal.target}
        aria-valuenow={Math.min(goal.progress, goal.target)}
        aria-valuetext={view.count}
      >
        <span className="bar__fill" style={{ width: `${view.fraction * 100}%` }} />
      </div>
    </div>
  );
}
