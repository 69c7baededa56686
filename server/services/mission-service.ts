/**
 * Missions (issue 14): the host keeps missions; what members do is counted
 * toward them as it happens, and each stage reached pays once.
 *
 * Services announce an `activity` (a beat's watch time, a check-in, a like,
 * a comment, a paid referral, an order, a paid drop claim); this service
 * turns it into progress steps with domain/missions.ts and hands them to the
 * MissionsEngine in batches — one transaction or one pipeline for everything
 * announced while the previous batch was on its way, so a like storm costs a
 * few batches, not a write per like. A step that reaches a stage pays it with
 * keys made from `mission:<id>:<member>:<period>:<stage>`: ledger points and a
 * free catalogue reward, each once across processes and replays. Reading a
 * member's missions pays again any stage reached but not yet paid (a process
 * that died between the two), which the keys make harmless.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { CreateMissionBody, Mission, MissionView, PatchMissionBody } from '../../shared/missions.ts';
import { LedgerReason } from '../../shared/models.ts';
import { tierAllowed } from '../domain/drops.ts';
import { baseTargets, completionKey, missionPeriod, missionStep, periodEndsAt, stagesReached, unitScale, type Activity, type ProgressStep } from '../domain/missions.ts';
import { tierById } from '../domain/tiers.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { MissionsEngine } from '../engine/missions-engine.ts';
import type { ProgressBatcher } from './progress-batcher.ts';
import type { AchievementService } from './achievement-service.ts';
import { AppError, refused } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { PointsService } from './points-service.ts';
import type { RewardService } from './reward-service.ts';
import type { RulesService } from './rules-service.ts';

/** How long the list of missions is trusted before it is read again (another process may have changed it). */
const MISSIONS_FRESH_MS = 2000;

export class MissionService {
  /** Read at wall-clock times (the app's clock may stand still in tests): another process's edits show within MISSIONS_FRESH_MS. */
  private cached: { at: number; missions: Promise<Mission[]> } | null = null;

  constructor(
    private readonly engine: MissionsEngine,
    private readonly batcher: ProgressBatcher,
    private readonly store: Store,
    private readonly points: PointsService,
    private readonly rewards: RewardService,
    private readonly achievements: AchievementService,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    const counted = (activity: Activity) => void this.count(activity).catch((err) => warnUnlessOutage(this.log, err, { kind: activity.kind }, 'mission progress failed'));
    events.on('activity', counted);
    // A drop claim confirmed by the shop's payment (once per claim: the engine keeps its id).
    events.on('claim', (claim, streamId) => {
      if (claim.status === 'confirmed') counted({ kind: 'dropClaimPaid', memberId: claim.memberId, streamId, at: this.clock(), key: `claim:${claim.id}` });
    });
  }

  async create(body: CreateMissionBody): Promise<MissionView> {
    await this.checkReferences(body.minTier, body.stages);
    const now = this.clock();
    const mission: Mission = { id: randomUUID(), ...body, description: body.description ?? null, archived: false, createdAt: now, updatedAt: now };
    await this.store.putMission(mission);
    this.cached = null;
    return this.view(mission, null, true);
  }

  async update(id: string, patch: PatchMissionBody): Promise<MissionView> {
    const current = await this.record(id);
    const next: Mission = { ...current, ...patch, updatedAt: this.clock() };
    await this.checkReferences(next.minTier, next.stages);
    await this.store.putMission(next);
    this.cached = null;
    return this.view(next, null, true);
  }

  /** Unarchived missions for members (with their progress); every one, with completion counts, for the host. */
  async list(options: { memberId: string | null; host: boolean }): Promise<MissionView[]> {
    const missions = (await this.store.listMissions()).filter((m) => options.host || !m.archived);
    return Promise.all(missions.map((m) => this.view(m, options.memberId, options.host)));
  }

  private async count(activity: Activity): Promise<void> {
    const missions = await this.active();
    if (missions.length === 0) return;
    const rules = await this.rules.get();
    let steps = missions.flatMap((m) => {
      const step = missionStep(m, activity, rules.timezone);
      return step ? [{ step, minTier: m.minTier }] : [];
    });
    if (steps.some((s) => s.minTier !== null)) {
      const tier = await this.points.tierOf(activity.memberId);
      steps = steps.filter((s) => tierAllowed(rules, s.minTier, tier));
    }
    this.batcher.submit(steps.map(({ step }) => ({ step, reached: (stage) => this.payReached(step, stage) })));
  }

  private async payReached(step: ProgressStep, stage: number): Promise<void> {
    const mission = (await this.active()).find((m) => m.id === step.missionId) ?? (await this.store.missionById(step.missionId));
    if (!mission) return;
    const paid = await this.pay(mission, step.memberId, step.period, stage);
    if (paid) this.events.emit('missionCompleted', step.memberId, { missionId: mission.id, title: mission.title, stage, period: step.period, reward: mission.stages[stage - 1]!.reward });
  }

  /** Pays one stage: each part keyed, so a second call (another process, a repair) pays nothing. */
  private async pay(mission: Mission, memberId: string, period: string, stage: number): Promise<boolean> {
    const reward = mission.stages[stage - 1]?.reward;
    if (!reward) return false;
    const key = completionKey(mission.id, memberId, period, stage);
    if (reward.points > 0) await this.points.award({ key, memberId, delta: reward.points, reason: LedgerReason.mission });
    if (reward.rewardId) await this.rewards.grant(memberId, reward.rewardId, grantRequestId(key));
    if (reward.badge) await this.achievements.grantMissionBadge(memberId, mission.id, stage, reward.badge);
    return true;
  }

  private active(): Promise<Mission[]> {
    const now = performance.now();
    if (!this.cached || now - this.cached.at > MISSIONS_FRESH_MS) {
      const missions = this.store.listMissions().then((all) => all.filter((m) => !m.archived));
      this.cached = { at: now, missions };
      missions.catch(() => (this.cached = null));
    }
    return this.cached.missions;
  }

  private async record(id: string): Promise<Mission> {
    const mission = await this.store.missionById(id);
    if (!mission) throw refused('mission.notFound', 'missionId');
    return mission;
  }

  private async checkReferences(minTier: string | null, stages: Mission['stages']): Promise<void> {
    const rules = await this.rules.get();
    if (minTier && !tierById(rules, minTier)) throw new AppError(ErrorCode.VALIDATION, 'minTier: no such tier', 'minTier');
    for (const [i, stage] of stages.entries()) {
      if (stage.reward.rewardId && !(await this.store.rewardById(stage.reward.rewardId))) {
        throw new AppError(ErrorCode.VALIDATION, `stages.${i}.reward.rewardId: no such reward`, `stages.${i}.reward.rewardId`);
      }
    }
  }

  private async view(mission: Mission, memberId: string | null, host: boolean): Promise<MissionView> {
    const view: MissionView = { ...mission };
    if (host) view.completions = await this.engine.completions(mission.id, mission.stages.length);
    if (!memberId) return view;
    const rules = await this.rules.get();
    const now = this.clock();
    const live = mission.period.kind === 'show' ? ((await this.store.listStreams('live'))[0]?.id ?? null) : null;
    const period = missionPeriod(mission, now, live, rules.timezone);
    if (period === null) {
      view.mine = { period: null, progress: 0, reached: 0, endsAt: null };
      return view;
    }
    const [total] = await this.engine.totals([{ missionId: mission.id, memberId, period }]);
    const reached = stagesReached(baseTargets(mission), total!);
    // A stage reached but not paid (a process died between the two) is paid now; paid ones replay their keys.
    for (let stage = 1; stage <= reached; stage++) await this.pay(mission, memberId, period, stage);
    view.mine = { period, progress: Math.floor(total! / unitScale(mission.goal)), reached, endsAt: periodEndsAt(mission, period, rules.timezone) };
    return view;
  }
}

/** A catalogue grant's request id: the completion key is too long and too free-form for one, its digest is neither. */
function grantRequestId(completion: string): string {
  return `mission-${createHash('sha256').update(completion).digest('hex').slice(0, 32)}`;
}
