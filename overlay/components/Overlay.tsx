/**
 * The 1920×1080 stage: every piece in its place inside the title-safe area,
 * each only when the link asks for it (`widgets=`). Nothing here is interactive.
 */
import { useOverlay } from '../hooks.ts';
import { selectWidgets } from '../store/selectors.ts';
import { BadgeToasts } from './BadgeToasts.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DropCards } from './DropCard.tsx';
import { LiveHeader } from './LiveHeader.tsx';
import { LotteryCard } from './LotteryCard.tsx';
import { RewardAlerts } from './RewardAlerts.tsx';
import { TopFans } from './TopFans.tsx';

export function Overlay() {
  const widgets = useOverlay(selectWidgets);
  return (
    <div className="stage" aria-hidden="true" data-widgets={[...widgets].join(' ')}>
      {widgets.has('viewers') && <LiveHeader />}
      {/* reward alerts are members' toasts too: the link's "badges" shows both (it names no widget of their own) */}
      {widgets.has('badges') && (
        <>
          <BadgeToasts />
          <RewardAlerts />
        </>
      )}
      <div className="right-column">
        {widgets.has('drops') && <DropCards />}
        {widgets.has('lottery') && <LotteryCard />}
      </div>
      {widgets.has('topFans') && <TopFans />}
      <ConnectionStatus />
    </div>
  );
}
