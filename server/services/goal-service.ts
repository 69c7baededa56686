/**
 * Community goals (issue 14): the host sets a target for the room of a show
 * — likes, watch minutes or points — and everyone's activity there moves
 * it. Counting is a progress step of the room (domain/community-goals.ts)
 * through the ProgressBatcher, so of all processes adding at once exactly
 * one step crosses the target; that process completes the goal in the store
 * (a conditional update, active → completed, for good measure), makes the
 * attached drop, unlocks the attached reward and announces it once.
 * Progress reaches screens through `goalsChanged`, which realtime coalesces
 * into about one push a second per show.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { CommunityGoal, CreateGoalBody, GoalView } from '../../shared/community-goals.ts';
import { ROOM, goalScale, goalStep, type RoomActivity } from '../domain/community-goals.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { MissionsEngine } from '../engine/missions-engine.ts';
import { AppError, notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { DropService } from './drop-service.ts';
import type { ProgressBatcher } from './progress-batcher.ts';
import type { RewardService } from './reward-service.ts';
import type { StreamService } from './stream-service.ts';

/** How long a show's goals are trusted before they are read again (another process may have added one). */
const GOALS_FRESH_MS = 2000;

export class GoalService {
  private readonly cache = new Map<string, { at: number; goals: Promise<CommunityGoal[]> }>();

  constructor(
    private readonly engine: MissionsEngine,
    private readonly batcher: ProgressBatcher,
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly drops: DropService,
    private readonly rewards: RewardService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    const counted = (a: RoomActivity) => void this.count(a).catch((err) => warnUnlessOutage(this.log, err, { streamId: a.streamId }, 'community goal progress failed'));
    events.on('activity', (a) => {
      if (a.kind === 'like') counted({ kind: 'like', streamId: a.streamId, amount: 1 });
      if (a.kind === 'watch') counted({ kind: 'watch', streamId: a.streamId, amount: a.ms });
    });
    events.on('points', (_memberId, e) => {
      if (e.streamId && e.delta > 0) counted({ kind: 'points', streamId: e.streamId, amount: e.delta });
    });
  }

  async create(streamId: string, body: CreateGoalBody): Promise<GoalView> {
    const stream = await this.streams.get(streamId);
    if (stream.status === 'ended') throw new AppError(ErrorCode.NOT_LIVE, 'the show has ended', 'streamId');
    if (body.rewardId && !(await this.store.rewardById(body.rewardId))) throw new AppError(ErrorCode.VALIDATION, 'rewardId: no such reward', 'rewardId');
    const goal: CommunityGoal = { id: randomUUID(), streamId, ...body, status: 'active', completedAt: null, dropId: null, createdAt: this.clock() };
    await this.store.putGoal(goal);
    this.cache.delete(streamId);
    this.events.emit('goalsChanged', streamId);
    return { ...goal, progress: 0 };
  }

  /** Archived goals stop counting and leave the screens. */
  async archive(id: string): Promise<GoalView> {
    const goal = await this.store.goalById(id);
    if (!goal) throw notFound('goal');
    const archived: CommunityGoal = { ...goal, status: 'archived' };
    if (goal.status !== 'archived') await this.store.putGoal(archived);
    this.cache.delete(goal.streamId);
    this.events.emit('goalsChanged', goal.streamId);
    return this.view(archived);
  }

  /** The show's goals that are not archived, with the room's progress. */
  async list(streamId: string): Promise<GoalView[]> {
    const goals = (await this.store.goalsOfStream(streamId)).filter((g) => g.status !== 'archived');
    return Promise.all(goals.map((g) => this.view(g)));
  }

  private async count(a: RoomActivity): Promise<void> {
    const goals = await this.activeGoals(a.streamId);
    const steps = goals.flatMap((goal) => {
      const step = goalStep(goal, a);
      return step ? [{ step, reached: () => this.complete(goal) }] : [];
    });
    if (steps.length === 0) return;
    this.batcher.submit(steps);
    this.events.emit('goalsChanged', a.streamId);
  }

  /** The one step that crossed the target: completed once, its drop made, its reward unlocked, announced. */
  private async complete(goal: CommunityGoal): Promise<void> {
    const at = this.clock();
    if (!(await this.store.completeGoal(goal.id, at))) return;
    this.cache.delete(goal.streamId);
    let dropId: string | null = null;
    if (goal.drop) dropId = await this.drops.create(goal.streamId, goal.drop).then((d) => d.id, (err) => (warnUnlessOutage(this.log, err, { goalId: goal.id }, 'goal drop failed'), null));
    if (goal.rewardId) await this.rewards.update(goal.rewardId, { availableFrom: at, archived: false }).catch((err) => warnUnlessOutage(this.log, err, { goalId: goal.id }, 'goal reward failed'));
    const completed: CommunityGoal = { ...goal, status: 'completed', completedAt: at, dropId };
    if (dropId) await this.store.putGoal(completed);
    this.events.emit('goalCompleted', { streamId: goal.streamId, goal: await this.view(completed) });
    this.events.emit('goalsChanged', goal.streamId);
  }

  /** Goals still counting: active ones, and completed ones (the room sees how far past the target it went). */
  private activeGoals(streamId: string): Promise<CommunityGoal[]> {
    const now = performance.now();
    const known = this.cache.get(streamId);
    if (known && now - known.at < GOALS_FRESH_MS) return known.goals;
    const goals = this.store.goalsOfStream(streamId).then((all) => all.filter((g) => g.status !== 'archived'));
    this.cache.set(streamId, { at: now, goals });
    goals.catch(() => this.cache.delete(streamId));
    return goals;
  }

  private async view(goal: CommunityGoal): Promise<GoalView> {
    const [total] = await this.engine.totals([{ missionId: `goal-${goal.id}`, memberId: ROOM, period: goal.streamId }]);
    return { ...goal, progress: Math.floor(total! / goalScale(goal)) };
  }
}
