import { useEffect } from 'react';
import { useActions, useT } from '../../hooks.ts';
import { MissionComposer } from './MissionComposer.tsx';
import { MissionList } from './MissionList.tsx';

/** While the area is open the missions (their completion counts) are read again this often: nothing is pushed for them. */
const MISSIONS_REFRESH_MS = 10_000;

/**
 * Goals members reach over a show, a day, a week, a month or a date range,
 * paid in stages (issue 14): a composer that starts from templates beside the
 * list of missions with how many members reached each stage. The catalogue is
 * read too: a stage may give one of its rewards.
 */
export function MissionsView() {
  const t = useT();
  const { loadMissions, loadRewards } = useActions();
  useEffect(() => {
    void loadMissions();
    void loadRewards();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void loadMissions(true);
    }, MISSIONS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadMissions, loadRewards]);

  return (
    <div className="view" data-testid="missions-view">
      <header className="view-head">
        <div className="view-title">
          <h1>{t('missions.heading')}</h1>
          <p className="muted">{t('missions.lead')}</p>
        </div>
      </header>
      <div className="grid-composer">
        <MissionComposer />
        <MissionList />
      </div>
    </div>
  );
}
