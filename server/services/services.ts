import type { AuthService } from './auth-service.ts';
import type { DropService } from './drop-service.ts';
import type { FulfilmentService } from './fulfilment-service.ts';
import type { HealthService } from './health-service.ts';
import type { RewardService } from './reward-service.ts';
import type { BirthdayService } from './birthday-service.ts';
import type { TierEntryRewards } from './tier-entry-rewards.ts';
import type { MissionService } from './mission-service.ts';
import type { AchievementService } from './achievement-service.ts';
import type { GoalService } from './goal-service.ts';
import type { ShowReportService } from './show-report-service.ts';
import type { InsightService } from './insight-service.ts';
import type { SegmentWatcher } from './segment-watcher.ts';
import type { PointsExpiryService } from './points-expiry-service.ts';
import type { OutboundDelivery } from '../store/outbound-records.ts';
import type { LotteryService } from './lottery-service.ts';
import type { MemberDataService } from './member-data-service.ts';
import type { ModerationService } from './moderation-service.ts';
import type { OrderService } from './order-service.ts';
import type { OverlayPinService } from './overlay-pin-service.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { InteractionService } from './interaction-service.ts';
import type { JoinStateService } from './join-state-service.ts';
import type { LeaderboardService } from './leaderboard-service.ts';
import type { PointsService } from './points-service.ts';
import type { PresenceService } from './presence-service.ts';
import type { PushGate } from './push-gate.ts';
import type { RulesService } from './rules-service.ts';
import type { StatsService } from './stats-service.ts';
import type { StreamService } from './stream-service.ts';
import type { RefundService } from './refund-service.ts';
import type { ClaimCancelService } from './claim-cancel-service.ts';
import type { ShowEnding } from './show-ending.ts';
import type { WatchService } from './watch-service.ts';

/**
 * Everything the edges (http, realtime) may call; built once in app.ts. No
 * engine or store here: edges call services only (test/unit/layers.test.ts).
 */
export interface Services {
  clock: Clock;
  events: DomainEvents;
  health: HealthService;
  auth: AuthService;
  rules: RulesService;
  streams: StreamService;
  /** Ending a show: refused while lotteries are open, closes its drops (issue 11). */
  showEnding: ShowEnding;
  points: PointsService;
  watch: WatchService;
  interactions: InteractionService;
  /** What a socket gets on joining a show: recent comments, and a member's own state there. */
  joinState: JoinStateService;
  presence: PresenceService;
  leaderboard: LeaderboardService;
  stats: StatsService;
  drops: DropService;
  lotteries: LotteryService;
  rewards: RewardService;
  birthdays: BirthdayService;
  tierEntry: TierEntryRewards;
  /** Missions: progress counted as members act, stages paid once (issue 14). */
  missions: MissionService;
  /** Achievements and badges (issue 14). */
  achievements: AchievementService;
  /** Community goals of a show (issue 14). */
  goals: GoalService;
  /** A show's report (issue 15). */
  showReports: ShowReportService;
  /** Whole-history insights, computed in the insights worker (issue 15). */
  insights: InsightService;
  /** segment.changed: saved segments evaluated periodically (issue 15). */
  segmentWatcher: SegmentWatcher;
  expiry: PointsExpiryService;
  /** The outbound webhooks' delivery log, newest first (issue 13). */
  outboundLog: () => Promise<OutboundDelivery[]>;
  moderation: ModerationService;
  orders: OrderService;
  /** The drop pinned to a show's overlay. */
  overlayPins: OverlayPinService;
  /** Shop refunds (signed webhook). */
  refunds: RefundService;
  /** Claims cancelled: the host's release, a refund's cancellation. */
  claimCancels: ClaimCancelService;
  /** The seller's claim lists and CSV exports. */
  fulfilment: FulfilmentService;
  /** Export and erasure of a member's own data. */
  memberData: MemberDataService;
  pushGate: PushGate;
  /** Absolute base URL for links handed to people (share links, overlay URLs). */
  publicUrl: () => string;
}
