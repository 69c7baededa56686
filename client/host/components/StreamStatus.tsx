import type { Stream } from '../../../shared/models.ts';
import { formatCountdown } from '../../common/format.ts';
import { useServerNow, useT } from '../hooks.ts';
import { Chip } from './ui.tsx';

/** LIVE with the time on air, or the show's status. */
export function StreamStatus({ stream }: { stream: Stream }) {
  const t = useT();
  if (stream.status === 'live') return <LiveChip startedAt={stream.startedAt} />;
  return <Chip tone={stream.status}>{t(stream.status === 'ended' ? 'status.ended' : 'status.scheduled')}</Chip>;
}

function LiveChip({ startedAt }: { startedAt: number | null }) {
  const t = useT();
  const now = useServerNow();
  return (
    <Chip tone="live" pulse>
      {t('status.live')}
      {startedAt !== null && <span className="chip-time">{formatCountdown(now - startedAt)}</span>}
    </Chip>
  );
}
