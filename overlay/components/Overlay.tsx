/**
 * The 1920×1080 stage: every piece in its place inside the title-safe area,
 * each only when the link asks for it (`widgets=`). Nothing here is interactive.
 *
 * The link's widget list is shared/overlay-link.ts's and names no goal bar
 * yet: the community goals (issue 14) go with "drops" — the room's goals
 * unlock drops — so a link showing every widget, or the drops, shows them.
 */
import { useOverlay } from '../hooks.ts';
import { selectWidgets } from '../store/selectors.ts';
import { AchievementToasts } from './AchievementToasts.tsx';
import { BadgeToasts } from './BadgeToasts.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DropCards } from './DropCard.tsx';
import { GoalBars } from './GoalBars.tsx';
import { LiveHeader } from './LiveHeader.tsx';
import { LotteryCard } from './LotteryCard.tsx';
import { RewardAlerts } from './RewardAlerts.tsx';
import { TopFans } from './TopFans.tsx';

export function Overlay() {
  const widgets = useOverlay(selectWidgets);
  return (
    <div className="stage" aria-hidden="true" data-widgets={[...widgets].join(' ')}>
      {widgets.has('viewers') && <LiveHeader />}
      {/* reward alerts and achievements are members' toasts too: the link's "badges" shows them (it names no widget of their own) */}
      {widgets.has('badges') && (
        <>
          <BadgeToasts />
          <AchievementToasts />
          <RewardAlerts />
        </>
      )}
      <div className="right-column">
        {widgets.has('drops') && (
          <>
            <GoalBars />
            <DropCards />
          </>
        )}
        {widgets.has('lottery') && <LotteryCard />}
      </div>
      {widgets.has('topFans') && <TopFans />}
      <ConnectionStatus />
    </div>
  );
}
