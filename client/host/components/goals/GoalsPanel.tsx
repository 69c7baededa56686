import { useEffect } from 'react';
import type { Stream } from '../../../../shared/models.ts';
import { useActions, useT } from '../../hooks.ts';
import { Panel } from '../ui.tsx';
import { GoalComposer } from './GoalComposer.tsx';
import { GoalList } from './GoalList.tsx';

/** While the studio is open on a show that has not ended, its goals (the room's progress) are read again this often. */
const GOALS_REFRESH_MS = 2000;

/**
 * The show's community goals in the studio (issue 14): each with the room's
 * progress — read again every couple of seconds, and at once when the
 * server says one was reached — what it opened, and Archive; a small
 * composer under them while the show has not ended. The catalogue is read
 * too: a goal may unlock one of its rewards.
 */
export function GoalsPanel({ stream }: { stream: Stream }) {
  const t = useT();
  const { loadGoals, loadRewards } = useActions();
  const { id: streamId, status } = stream;
  useEffect(() => {
    void loadGoals(streamId);
    if (status === 'ended') return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void loadGoals(streamId, true);
    }, GOALS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [streamId, status, loadGoals]);
  useEffect(() => {
    void loadRewards();
  }, [loadRewards]);

  return (
    <Panel title={t('goals.title')} titleId="goals-title" subtitle={t('goals.lead')} className="panel-goals">
      <div data-testid="goals-panel">
        <GoalList streamId={streamId} />
        {status === 'ended' ? <p className="muted small">{t('goals.showEnded')}</p> : <GoalComposer streamId={streamId} />}
      </div>
    </Panel>
  );
}
