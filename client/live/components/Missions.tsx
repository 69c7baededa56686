import { useMemo } from 'react';
import type { MissionView } from '../../../shared/missions.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { selectIsSignedIn, selectMissions } from '../store/selectors.ts';
import { MissionCard } from './MissionCard.tsx';

/** Once every stage is reached, a mission goes below the ones still to do. */
const finished = (m: MissionView) => Number(m.mine !== undefined && m.mine.reached >= m.stages.length);

/**
 * Missions (issue 14): goals over a show, a day, a week, a month or dates,
 * paid in stages; a member's own progress in each, moving as the server
 * counts. A guest sees the goals and is asked to join. Hidden while there are
 * none.
 */
export function Missions() {
  const t = useT();
  const missions = useLive(selectMissions);
  const signedIn = useLive(selectIsSignedIn);
  const { openAuth } = useActions();
  const ordered = useMemo(() => [...missions].sort((a, b) => finished(a) - finished(b)), [missions]);
  if (ordered.length === 0) return null;
  return (
    <section id="missions" className="perk-section" aria-labelledby="missions-h" data-testid="missions-section">
      <h2 id="missions-h" className="section-title section-title--out">
        {t('missions.title')}
      </h2>
      <p className="muted small missions__lead">{signedIn ? t('missions.lead') : t('missions.leadGuest')}</p>
      {!signedIn && (
        <button type="button" className="btn btn--block btn--ghost btn--invite" data-testid="missions-join" onClick={() => openAuth('signup')}>
          {t('missions.join')}
        </button>
      )}
      {ordered.map((m) => (
        <MissionCard key={m.id} mission={m} />
      ))}
    </section>
  );
}
