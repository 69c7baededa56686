/**
 * Composition root: picks the engine and store from Config, builds the
 * services, the HTTP app and the realtime layer, and knows how to start and
 * stop them in order. The only file that knows which implementations exist.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import type { Config } from './config.ts';
import { DependencyState, warnUnlessOutage } from './dependency-state.ts';
import type { ChatHistory } from './engine/chat-history.ts';
import type { Engine } from './engine/engine.ts';
import { MemoryChatHistory } from './engine/memory-chat-history.ts';
import { RedisChatHistory } from './engine/redis/redis-chat-history.ts';
import type { PerksEngine } from './engine/perks-engine.ts';
import { RedisEngine } from './engine/redis/redis-engine.ts';
import { RedisPerksEngine } from './engine/redis/redis-perks-engine.ts';
import { SqliteEngine } from './engine/sqlite/sqlite-engine.ts';
import { SqlitePerksEngine } from './engine/sqlite/sqlite-perks-engine.ts';
import { createHttpApp } from './http/http-app.ts';
import type { Logger } from './logger.ts';
import { createOriginPolicy } from './origin-policy.ts';
import { createRealtime, type Realtime } from './realtime/realtime.ts';
import type { RedisClientSettings } from './redis-client.ts';
import { AuthService } from './services/auth-service.ts';
import { AuthThrottle } from './services/auth-throttle.ts';
import { DropService } from './services/drop-service.ts';
import { HealthService } from './services/health-service.ts';
import { LotteryService } from './services/lottery-service.ts';
import { MemberDataService } from './services/member-data-service.ts';
import { ModerationService } from './services/moderation-service.ts';
import { OverlayPinService } from './services/overlay-pin-service.ts';
import { ClaimCancelService } from './services/claim-cancel-service.ts';
import { RefundService } from './services/refund-service.ts';
import { OrderService } from './services/order-service.ts';
import { FulfilmentService } from './services/fulfilment-service.ts';
import { systemClock, type Clock } from './services/clock.ts';
import { DomainEvents } from './services/domain-events.ts';
import { InteractionService } from './services/interaction-service.ts';
import { JoinStateService } from './services/join-state-service.ts';
import { LeaderboardService } from './services/leaderboard-service.ts';
import { PointsService } from './services/points-service.ts';
import { PresenceService } from './services/presence-service.ts';
import { PushGate } from './services/push-gate.ts';
import { DrandRelays } from './services/drand-relays.ts';
import { RewardService } from './services/reward-service.ts';
import { OutboundWebhooks } from './services/outbound-webhooks.ts';
import { BirthdayService } from './services/birthday-service.ts';
import { TierEntryRewards } from './services/tier-entry-rewards.ts';
import { PointsExpiryService } from './services/points-expiry-service.ts';
import { SqliteRewardsEngine } from './engine/sqlite/sqlite-rewards-engine.ts';
import { RedisRewardsEngine } from './engine/redis/redis-rewards-engine.ts';
import type { RewardsEngine } from './engine/rewards-engine.ts';
import type { MissionsEngine } from './engine/missions-engine.ts';
import { SqliteMissionsEngine } from './engine/sqlite/sqlite-missions-engine.ts';
import { RedisMissionsEngine } from './engine/redis/redis-missions-engine.ts';
import { MissionService } from './services/mission-service.ts';
import { ProgressBatcher } from './services/progress-batcher.ts';
import { AchievementService } from './services/achievement-service.ts';
import { GoalService } from './services/goal-service.ts';
import { ShowFactsRecorder } from './services/show-facts-recorder.ts';
import { ShowReportService } from './services/show-report-service.ts';
import { InsightService } from './services/insight-service.ts';
import { SegmentWatcher } from './services/segment-watcher.ts';
import { InsightsWorker } from './insights/insights-worker-client.ts';
import { ReservationSweeper } from './services/reservation-sweeper.ts';
import { ShowRetirement } from './services/show-retirement.ts';
import { RulesService } from './services/rules-service.ts';
import type { Services } from './services/services.ts';
import { StatsService } from './services/stats-service.ts';
import { StreamService } from './services/stream-service.ts';
import { ShowEnding } from './services/show-ending.ts';
import type { Throttle } from './services/throttle.ts';
import { MemoryThrottle, RedisThrottle } from './services/throttle-flexible.ts';
import { WatchService } from './services/watch-service.ts';
import { MongoStore } from './store/mongo-store.ts';
import { openDatabase, type SqliteDatabase } from './sqlite/sqlite-database.ts';
import { groupCommitOf } from './sqlite/group-commit.ts';
import { Metrics } from './metrics.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { Periodic } from './periodic.ts';

/** How often the embedded engine forgets missions' expired progress. */
const PROGRESS_SWEEP_MS = 3_600_000;

export interface App {
  /** The edges' services, plus the storage for tests and tools (the edges never get it). */
  services: Services & Omit<Storage, 'close' | 'db'>;
  httpServer: HttpServer;
  /** Ended shows leaving the engine's memory; tests and tools may sweep it by hand. */
  retirement: ShowRetirement;
  /** Listens on config.port (0: any free port) and returns the bound port. */
  start(): Promise<{ port: number; generatedHostKey?: string }>;
  /** Drains: not ready, no new connections, sockets closed, ledger flushed, storage closed. */
  stop(): Promise<void>;
}

interface Storage {
  engine: Engine;
  perks: PerksEngine;
  rewardsEngine: RewardsEngine;
  missionsEngine: MissionsEngine;
  chat: ChatHistory;
  store: Store;
  /** The embedded database (null with MongoDB), for its group commit's metrics. */
  db: SqliteDatabase | null;
  close(): void;
}

function buildStorage(config: Config, processId: string, log: Logger, redisClient: RedisClientSettings): Storage {
  const db = config.mongodbUri ? null : openDatabase(config.dataDir);
  const store: Store = config.mongodbUri ? new MongoStore({ uri: config.mongodbUri }) : new SqliteStore(db!);
  const close = () => db?.close();
  if (!config.redisUrl) {
    const chat = new MemoryChatHistory((streamId, limit) => store.recentComments(streamId, limit));
    return { engine: new SqliteEngine(db!), perks: new SqlitePerksEngine(db!), rewardsEngine: new SqliteRewardsEngine(db!), missionsEngine: new SqliteMissionsEngine(db!), chat, store, db, close };
  }
  const engine = new RedisEngine({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisPrefix,
    sink: store,
    processId,
    log: (msg, ctx, level = 'warn') => log[level](ctx ?? {}, msg),
    client: redisClient,
  });
  return {
    engine,
    perks: new RedisPerksEngine(engine),
    rewardsEngine: new RedisRewardsEngine(engine),
    missionsEngine: new RedisMissionsEngine(engine),
    chat: new RedisChatHistory(engine.shared),
    store,
    db,
    close,
  };
}

/** Embedded mode counts in this process; Redis mode on the app's Redis, so limits hold across processes. */
function buildThrottle(config: Config, redisClient: RedisClientSettings): Throttle {
  if (!config.redisUrl) return new MemoryThrottle();
  return new RedisThrottle({ redisUrl: config.redisUrl, keyPrefix: `${config.redisPrefix}throttle:`, client: redisClient });
}

export function createApp(config: Config, log: Logger, clock: Clock = systemClock): App {
  const processId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  // Every Redis client reports here; /readyz and the once-per-outage log lines come from it.
  const dependencies = new DependencyState(log);
  const metrics = new Metrics();
  const redisClient: RedisClientSettings = {
    commandTimeoutMs: config.redisCommandTimeoutMs,
    dependencies,
    timeScript: (command, seconds) => metrics.redisSeconds.observe({ command }, seconds),
  };
  const storage = buildStorage(config, processId, log, redisClient);
  const { engine, perks, rewardsEngine, missionsEngine, store, chat } = storage;
  const throttle = buildThrottle(config, redisClient);
  const events = new DomainEvents();
  const rules = new RulesService(store, clock);
  const streams = new StreamService(store, events, clock);
  const moderation = new ModerationService(engine, store, streams, rules, events, clock, chat);
  const points = new PointsService(engine, store, rules, events, clock, moderation);
  const watch = new WatchService(engine, store, streams, points, rules, clock, events);
  const drops = new DropService(perks, store, streams, points, rules, events, clock);
  const claimCancels = new ClaimCancelService(perks, store, drops, events, clock);
  const presence = new PresenceService(engine, store, points, rules, events, clock);
  const leaderboard = new LeaderboardService(engine, store, points);
  const health = new HealthService(engine, store, dependencies);
  if (storage.db) groupCommitOf(storage.db).observe((size, seconds) => (metrics.commitBatch.observe(size), metrics.commitSeconds.observe(seconds)));
  metrics.gauge('frontrow_ready', 'Whether this process takes traffic (1) or not (0), by run mode', 'mode', () => {
    const r = health.readiness();
    return { [r.mode]: r.ok ? 1 : 0 };
  });
  const sweeper = new ReservationSweeper(streams, drops, clock, log);
  const outbound = config.outboundWebhook ? new OutboundWebhooks(store, events, config.outboundWebhook, log) : null;
  const beacon = config.lotteryBeacon ? new DrandRelays(config.lotteryBeacon.relays, config.lotteryBeacon.chainHash) : null;
  const retirement = new ShowRetirement(engine, perks, store, events, clock, log, config.showRetentionMs);
  let boundPort = config.port;
  const publicUrl = () => config.publicUrl ?? `http://localhost:${boundPort}`;
  const authOptions = { ...config, shopSsoAudience: () => config.shopSsoAudience ?? publicUrl() };
  const auth = new AuthService(store, authOptions, clock, new AuthThrottle(throttle, config.authLimits, log), events);
  const rewards = new RewardService(rewardsEngine, store, points, rules, events, clock);
  const progress = new ProgressBatcher(missionsEngine, log);
  // Missions' progress is kept five weeks past its period; the embedded engine forgets it hourly (Redis keys expire).
  const progressSweep = new Periodic(() => missionsEngine.forgetExpired(clock()).then(() => undefined, (err) => warnUnlessOutage(log, err, {}, 'mission progress sweep failed')));
  const achievements = new AchievementService(progress, store, leaderboard, events, clock, log);
  const showFacts = new ShowFactsRecorder(store, events, log);
  const insightsWorker = new InsightsWorker(config.mongodbUri ? null : config.dataDir);
  const services: Services = {
    clock,
    events,
    health,
    auth,
    rules,
    streams,
    showEnding: new ShowEnding(streams, drops, store),
    points,
    watch,
    joinState: new JoinStateService(engine, perks, store, chat, drops, points, rules, clock, events),
    interactions: new InteractionService(engine, store, streams, points, rules, moderation, clock, events, achievements),
    presence,
    leaderboard,
    stats: new StatsService(engine, store, presence, leaderboard, clock),
    drops,
    moderation,
    lotteries: new LotteryService(perks, engine, store, streams, points, rules, events, clock, beacon, log),
    rewards,
    outboundLog: () => store.outboundLog(100),
    birthdays: new BirthdayService(store, points, rules, clock, rewards),
    tierEntry: new TierEntryRewards(points, rules, rewards, events, log),
    missions: new MissionService(missionsEngine, progress, store, points, rewards, achievements, rules, events, clock, log),
    achievements,
    goals: new GoalService(missionsEngine, progress, store, streams, drops, rewards, events, clock, log),
    showReports: new ShowReportService(store, insightsWorker, streams, showFacts, rules, clock),
    insights: new InsightService(store, insightsWorker, showFacts, engine, rules, clock),
    segmentWatcher: new SegmentWatcher(store, insightsWorker, rules, events, clock, log),
    expiry: new PointsExpiryService(engine, store, rules, clock),
    orders: new OrderService(store, drops, points, rules, clock, events),
    overlayPins: new OverlayPinService(store, streams, drops, events, clock),
    refunds: new RefundService(store, points, claimCancels, clock),
    claimCancels,
    fulfilment: new FulfilmentService(store, perks, drops, clock),
    memberData: new MemberDataService(store, engine, points, auth, clock, chat, rewardsEngine),
    pushGate: new PushGate(engine),
    publicUrl,
  };

  // Which browser pages may call the API and open sockets: one policy for both edges.
  const originPolicy = createOriginPolicy({ publicUrl: config.publicUrl, allowedOrigins: config.allowedOrigins });
  // Slow senders: a request whose headers (or whole body) do not arrive in time is closed. Node checks
  // these timeouts every connectionsCheckingInterval (30 s by default), so check often enough to honour them.
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = config.http;
  const httpServer = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeoutMs / 4)),
    },
    createHttpApp(services, log, { webhookSecret: config.webhookSecret, trustProxy: config.trustProxy, originPolicy, metrics, metricsToken: config.metricsToken }),
  );
  let realtime: Realtime | null = null;

  return {
    services: { ...services, engine, perks, rewardsEngine, missionsEngine, store, chat },
    httpServer,
    retirement,
    async start() {
      await store.init();
      await engine.init();
      await perks.init();
      await throttle.init();
      const { generatedHostKey } = await services.auth.init();
      realtime = createRealtime(httpServer, services, log, {
        processId,
        redisUrl: config.redisUrl,
        redisPrefix: config.redisPrefix,
        redisClient,
        trustProxy: config.trustProxy,
        originPolicy,
        guestConnectionsPerAddress: config.guestConnectionsPerAddress,
        socketBudgetScale: config.socketBudgetScale,
        admission: config.admission,
        metrics,
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const address = httpServer.address();
      boundPort = typeof address === 'object' && address ? address.port : config.port;
      sweeper.start();
      retirement.start();
      await services.lotteries.draws.start();
      outbound?.start();
      showFacts.start();
      progressSweep.start(PROGRESS_SWEEP_MS);
      services.segmentWatcher.start(config.segmentWatchMs);
      services.insights.warm().catch((err: unknown) => log.warn({ err }, 'insights: building the facts at boot failed; they will be built on first use'));
      health.setReady(true);
      log.info({ port: boundPort, mode: config.mode, engine: engine.kind, store: store.kind, processId }, 'listening');
      return { port: boundPort, generatedHostKey };
    },
    async stop() {
      health.setReady(false);
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await sweeper.stop();
      await retirement.stop();
      await services.lotteries.draws.stop();
      await outbound?.stop();
      await realtime?.close();
      await progressSweep.stop();
      await progress.drain();
      await services.segmentWatcher.stop();
      await showFacts.stop();
      await insightsWorker.stop();
      await closed;
      await perks.close();
      await throttle.close();
      await engine.close();
      await store.close();
      storage.close();
      log.info({ processId }, 'stopped');
    },
  };
}
