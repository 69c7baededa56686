/**
 * The rules of missions (issue 14), written once: which mission an activity
 * counts toward, in which period and by how much (`missionStep`), how a step
 * moves the stored progress and which stages it reaches (`decideProgress`,
 * mirrored by lua/missionProgress-3.lua and held equal by a differential
 * test), and the keys that make each payment happen once.
 *
 * Progress is kept in the goal's base unit: milliseconds of watch time, and
 * otherwise a count or cents. A counted activity carries an event key where a
 * replay could happen (a check-in's day, a like's request id, an order id, a
 * show for "distinct shows"): the same key never counts twice in a period.
 * Watch time has none: the engine credits each beat once, so a beat's
 * milliseconds arrive once.
 */
import type { Mission, MissionGoal } from '../../shared/missions.ts';
import { periodKey } from './reward-periods.ts';
import { DAY_MS, addDays, localMidnight } from './time.ts';

/** Something a member did that missions may count. `at` is when it happened (the service's clock). */
export type Activity =
  | { kind: 'watch'; memberId: string; streamId: string; at: number; ms: number; showTotalMs: number }
  | { kind: 'checkin'; memberId: string; streamId: string | null; at: number; key: string; streak?: number }
  | { kind: 'comment'; memberId: string; streamId: string; at: number; key: string }
  | { kind: 'like'; memberId: string; streamId: string; at: number; key: string }
  | { kind: 'referral'; memberId: string; streamId: null; at: number; key: string }
  | { kind: 'purchase'; memberId: string; streamId: string | null; at: number; key: string; amountCents: number }
  | { kind: 'dropClaimPaid'; memberId: string; streamId: string; at: number; key: string };

/** One move of one member's progress on one mission in one period. */
export interface ProgressStep {
  missionId: string;
  memberId: string;
  period: string;
  /** Counts once per period; null: always counts (watch time). */
  eventKey: string | null;
  amount: number;
  /** The stages' targets in the base unit, rising. */
  targets: number[];
  /** When the stored progress may be forgotten: well after the period ended. */
  expiresAt: number;
}

/** What one step did: the total after it, whether it counted, and the stages (1-based) it reached. */
export interface ProgressOutcome {
  total: number;
  counted: boolean;
  reached: number[];
}

/** How long a period's progress is kept after it ends (a late read, a report): five weeks. */
export const PROGRESS_KEPT_MS = 35 * DAY_MS;

/** Base units per unit the host and the member see: minutes of watch time; everything else as is. */
export function unitScale(goal: MissionGoal): number {
  return goal.kind === 'watchMinutes' ? 60_000 : 1;
}

export function baseTargets(mission: Pick<Mission, 'goal' | 'stages'>): number[] {
  const scale = unitScale(mission.goal);
  return mission.stages.map((s) => s.target * scale);
}

/**
 * The period `at` falls in for this mission, or null when none runs: a show
 * mission counts only what happens in a show, a range only inside the range.
 */
export function missionPeriod(mission: Pick<Mission, 'period'>, at: number, streamId: string | null, timeZone: string): string | null {
  const p = mission.period;
  switch (p.kind) {
    case 'show':
      return streamId;
    case 'range':
      return at >= p.from && at < p.until ? 'range' : null;
    default:
      return periodKey(at, timeZone, p.kind);
  }
}

/** When the period ends (null: a show's, which ends when the show does). */
export function periodEndsAt(mission: Pick<Mission, 'period'>, period: string, timeZone: string): number | null {
  const p = mission.period;
  switch (p.kind) {
    case 'show':
      return null;
    case 'range':
      return p.until;
    case 'day':
      return localMidnight(addDays(period, 1), timeZone);
    case 'week':
      return localMidnight(addDays(period, 7), timeZone);
    case 'month': {
      const [y, m] = period.split('-').map(Number) as [number, number];
      return localMidnight(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, timeZone);
    }
  }
}

/** What this activity adds to this goal: an amount and its event key, or null when the goal does not count it. */
export function goalCount(goal: MissionGoal, a: Activity): { eventKey: string | null; amount: number } | null {
  switch (goal.kind) {
    case 'watchMinutes':
      return a.kind === 'watch' && a.ms > 0 ? { eventKey: null, amount: a.ms } : null;
    case 'showsAttended':
      return a.kind === 'watch' && a.showTotalMs >= goal.minMinutes * 60_000 ? { eventKey: `show:${a.streamId}`, amount: 1 } : null;
    case 'checkins':
      return a.kind === 'checkin' ? { eventKey: a.key, amount: 1 } : null;
    case 'comments':
      if (a.kind !== 'comment') return null;
      return { eventKey: goal.distinctShows ? `show:${a.streamId}` : a.key, amount: 1 };
    case 'likes':
      return a.kind === 'like' ? { eventKey: a.key, amount: 1 } : null;
    case 'referrals':
      return a.kind === 'referral' ? { eventKey: a.key, amount: 1 } : null;
    case 'purchases':
      if (a.kind !== 'purchase') return null;
      return { eventKey: a.key, amount: goal.measure === 'amount' ? a.amountCents : 1 };
    case 'dropClaimsPaid':
      return a.kind === 'dropClaimPaid' ? { eventKey: a.key, amount: 1 } : null;
  }
}

/** The step this activity makes on this mission, or null (archived, another goal, outside any period). */
export function missionStep(mission: Mission, a: Activity, timeZone: string): ProgressStep | null {
  if (mission.archived) return null;
  const count = goalCount(mission.goal, a);
  if (!count || count.amount <= 0) return null;
  const period = missionPeriod(mission, a.at, a.streamId, timeZone);
  if (period === null) return null;
  return {
    missionId: mission.id,
    memberId: a.memberId,
    period,
    eventKey: count.eventKey,
    amount: count.amount,
    targets: baseTargets(mission),
    expiresAt: (periodEndsAt(mission, period, timeZone) ?? a.at) + PROGRESS_KEPT_MS,
  };
}

/**
 * The atomic step both engines run: an event already counted in this period
 * changes nothing; otherwise the amount is added and every stage whose target
 * lies in (before, after] is reached — by this step only, so two processes
 * adding at once each see their own stages.
 */
export function decideProgress(before: { total: number; seen: boolean }, step: Pick<ProgressStep, 'amount' | 'targets'>): ProgressOutcome {
  if (before.seen) return { total: before.total, counted: false, reached: [] };
  const total = before.total + step.amount;
  const reached = step.targets.flatMap((target, i) => (before.total < target && target <= total ? [i + 1] : []));
  return { total, counted: true, reached };
}

/** Stages (1-based) a total has reached. */
export function stagesReached(targets: number[], total: number): number {
  return targets.filter((t) => t <= total).length;
}

/** The payment's idempotency key: one per mission, member, period and stage, across processes and replays. */
export function completionKey(missionId: string, memberId: string, period: string, stage: number): string {
  return `mission:${missionId}:${memberId}:${period}:${stage}`;
}

/** Where the engines keep one member's progress on one mission in one period. */
export function progressKey(step: Pick<ProgressStep, 'missionId' | 'memberId' | 'period'>): string {
  return `${step.missionId}:${step.memberId}:${step.period}`;
}
