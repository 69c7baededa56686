/** The 1920×1080 stage: every piece in its place inside the title-safe area. Nothing here is interactive. */
import { BadgeToasts } from './BadgeToasts.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DropCard } from './DropCard.tsx';
import { LiveHeader } from './LiveHeader.tsx';
import { LotteryCard } from './LotteryCard.tsx';
import { TopFans } from './TopFans.tsx';

export function Overlay() {
  return (
    <div className="stage" aria-hidden="true">
      <LiveHeader />
      <BadgeToasts />
      <div className="right-column">
        <DropCard />
        <LotteryCard />
      </div>
      <TopFans />
      <ConnectionStatus />
    </div>
  );
}
