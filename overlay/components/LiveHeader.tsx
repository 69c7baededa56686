/** Top right: LIVE, the show's title and the viewer count (presence). */
import { useOverlay, useT } from '../hooks.ts';
import { selectMembers, selectStream, selectViewers } from '../store/selectors.ts';

export function LiveHeader() {
  const stream = useOverlay(selectStream);
  const viewers = useOverlay(selectViewers);
  const members = useOverlay(selectMembers);
  const t = useT();
  if (!stream) return null;
  const live = stream.status === 'live';
  return (
    <div className="live-header">
      {live && <span className="live-pill">{t('live')}</span>}
      <div className="plate viewers" data-testid="overlay-viewers" data-viewers={viewers} data-members={members}>
        <svg className="eye" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 5C6.5 5 2.7 9.2 1.5 12c1.2 2.8 5 7 10.5 7s9.3-4.2 10.5-7C21.3 9.2 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-2.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z" />
        </svg>
        <span className="viewers-count">{t('viewers', { count: viewers })}</span>
        {members > 0 && <span className="viewers-members">{t('members', { count: members })}</span>}
      </div>
    </div>
  );
}
