import type { AuthService } from './auth-service.ts';
import type { DropService } from './drop-service.ts';
import type { FulfilmentService } from './fulfilment-service.ts';
import type { HealthService } from './health-service.ts';
import type { LotteryService } from './lottery-service.ts';
import type { MemberDataService } from './member-data-service.ts';
import type { ModerationService } from './moderation-service.ts';
import type { OrderService } from './order-service.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { InteractionService } from './interaction-service.ts';
import type { LeaderboardService } from './leaderboard-service.ts';
import type { PointsService } from './points-service.ts';
import type { PresenceService } from './presence-service.ts';
import type { PushGate } from './push-gate.ts';
import type { RulesService } from './rules-service.ts';
import type { StatsService } from './stats-service.ts';
import type { StreamService } from './stream-service.ts';
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
  points: PointsService;
  watch: WatchService;
  interactions: InteractionService;
  presence: PresenceService;
  leaderboard: LeaderboardService;
  stats: StatsService;
  drops: DropService;
  lotteries: LotteryService;
  moderation: ModerationService;
  orders: OrderService;
  /** The seller's claim lists and CSV exports. */
  fulfilment: FulfilmentService;
  /** Export and erasure of a member's own data. */
  memberData: MemberDataService;
  pushGate: PushGate;
  /** Absolute base URL for links handed to people (share links, overlay URLs). */
  publicUrl: () => string;
}
