/**
 * What services announce. The realtime layer subscribes and fans out to
 * socket rooms (across processes through the Socket.IO adapter), so services
 * never touch sockets.
 */
import { EventEmitter } from 'node:events';
import type { BadgeEvent, CommentEvent, CommentRemovedEvent, ModerationEvent, PointsEvent, RewardAlertEvent, TierEvent } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import type { DropPinEvent } from '../../shared/overlay-link.ts';
import type { Claim, Drop, Lottery, LotteryWinner } from '../../shared/perks.ts';
import type { Redemption } from '../../shared/rewards.ts';
import type { MissionCompletedEvent } from '../../shared/missions.ts';
import type { BadgeUnlockedEvent } from '../../shared/achievements.ts';
import type { GoalCompletedEvent } from '../../shared/community-goals.ts';
import type { Activity } from '../domain/missions.ts';

export interface DomainEventMap {
  /** A ledger entry applied for a member. */
  points: [memberId: string, event: PointsEvent & { streamId: string | null }];
  tier: [memberId: string, event: TierEvent];
  badge: [event: BadgeEvent];
  comment: [event: CommentEvent];
  /** The host removed a comment: every screen of the show drops it. */
  commentRemoved: [event: CommentRemovedEvent];
  /** The host changed a show's moderation settings (slow mode). */
  moderation: [event: ModerationEvent];
  /** Presence of a show changed; realtime coalesces the pushes. */
  presenceChanged: [streamId: string];
  stream: [stream: Stream];
  /** A drop appeared, closed, or changed status. */
  drop: [drop: Drop];
  /** A drop's stock moved (claim, expiry); realtime coalesces the pushes. */
  dropStockChanged: [dropId: string, streamId: string];
  /**
   * A claim was made or changed status (reserved, confirmed, expired, cancelled…):
   * every tab of its member and every dashboard get it at once.
   */
  claim: [claim: Claim, streamId: string];
  lottery: [lottery: Lottery];
  /** A redemption of the rewards store was made or settled (issue 13). */
  redemption: [redemption: Redemption];
  /** A redemption of a reward the host wants announced on the live overlays (the stream ids are realtime's to find). */
  rewardAlert: [event: Omit<RewardAlertEvent, 'streamId'>];
  /** A member did something missions may count (issue 14; domain/missions.ts). */
  activity: [activity: Activity];
  /** A member reached a mission's stage, paid just now by this process. */
  missionCompleted: [memberId: string, event: MissionCompletedEvent];
  /** A member unlocked a badge, recorded just now by this process (once ever). */
  badgeUnlocked: [event: BadgeUnlockedEvent];
  /** A show's community goals moved (progress, a new one, archived); realtime coalesces the pushes. */
  goalsChanged: [streamId: string];
  /** A community goal reached its target, completed just now by this process (once). */
  goalCompleted: [event: GoalCompletedEvent];
  /** A viewer arrived in a show (a member's first connection there, or a guest connection), with the show's viewers now (issue 15). */
  viewerArrived: [streamId: string, viewer: { viewerKey: string; memberId: string | null; at: number; viewersNow: number }];
  /** A member moved into or out of a saved segment (issue 15); `move` counts their moves in it (1: the first join). */
  segmentChanged: [event: { segmentId: string; name: string; memberId: string; change: 'joined' | 'left'; move: number; at: number }];
  /** A guest connection in a show signed up or in (issue 15's conversion). */
  guestConverted: [streamId: string, conversion: { viewerKey: string; memberId: string; at: number }];
  /** A lottery's entry count moved; realtime coalesces the pushes. */
  lotteryEntriesChanged: [lotteryId: string, streamId: string];
  lotteryDrawn: [streamId: string, event: { lotteryId: string; winners: LotteryWinner[] }];
  /** The seller pinned a drop to the show's overlay, or unpinned (dropId null). */
  dropPinned: [event: DropPinEvent];
  /** An overlay token was revoked or rotated: its sockets, on every process, are cut. */
  overlayTokenEnded: [tokenId: string];
  /**
   * Sessions of a member ended: `only` names the one session (logout),
   * `except` the one kept (a password change keeps the caller's); neither: all.
   */
  memberSessionsEnded: [memberId: string, scope: { only?: string; except?: string }];
}

export class DomainEvents extends EventEmitter<DomainEventMap> {}
