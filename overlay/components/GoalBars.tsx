/**
 * Community goals (issue 14), at the top of the right column: for each goal
 * of the show, "Flash sale — 7,432 / 10,000 likes" over a bar whose fill
 * eases in CSS as the pushes come; a goal reached says so and, the first
 * seconds after, celebrates with a CSS burst (none with reduced motion).
 * The title is the host's own words, put in as text.
 */
import type { GoalView } from '../../shared/community-goals.ts';
import { useOverlay, useServerNow, useT } from '../hooks.ts';
import { goalBar } from '../logic/goal-bar.ts';
import { selectGoals, selectLocale } from '../store/selectors.ts';
import { GOAL_BARS_MAX } from '../store/types.ts';

export function GoalBars() {
  const goals = useOverlay(selectGoals);
  return (
    <>
      {goals.slice(0, GOAL_BARS_MAX).map((goal) => (
        <GoalBar key={goal.id} goal={goal} />
      ))}
    </>
  );
}

export function GoalBar({ goal }: { goal: GoalView }) {
  const t = useT();
  const locale = useOverlay(selectLocale);
  const now = useServerNow(); // ticks only while a goal is on air: the celebration ends on time
  const bar = goalBar(goal, t, locale, now);
  return (
    <section
      className={`plate card goal${bar.completed ? ' is-completed' : ''}`}
      data-testid="overlay-goal"
      data-goal-id={bar.id}
      data-metric={bar.metric}
      data-percent={bar.percent}
      data-completed={bar.completed}
    >
      <div className="goal-head">
        <span className="card-label">{t('goalLabel')}</span>
        {bar.completed && (
          <span className="goal-reached" data-testid="overlay-goal-reached">
            {t('goalReached')}
          </span>
        )}
      </div>
      <div className="goal-line" data-testid="overlay-goal-line">
        <span className="goal-title">{bar.title}</span>
        <span className="goal-sep"> — </span>
        <span className="goal-count">{bar.count}</span>
      </div>
      <div className="goal-track">
        <div className="goal-fill" style={{ transform: `scaleX(${bar.ratio})` }} />
      </div>
      {bar.celebrating && <div className="goal-burst" data-testid="overlay-goal-burst" />}
    </section>
  );
}
