/**
 * Missions as the room shows them (issue 14): the goal, the period and the
 * stages in words, the way to the next stage, the time left. Pure: the time
 * and the translation are arguments. Progress is what the server counted
 * (GET /api/missions' `mine`), never guessed here: the server counts an
 * event a moment after it happens, and a tap the caps refuse counts nothing.
 */
import type { MissionGoal, MissionPeriod, MissionReward, MissionView } from '../../../shared/missions.ts';
import { formatMoney, formatNumber } from '../../common/format.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import type { LiveDictionary } from '../i18n.ts';
import type { Toast } from '../store/types.ts';
import { formatDateTime } from './format.ts';

type T = Translate<LiveDictionary>;

/** Purchase amounts are counted in cents of the shop's orders, which the room shows in NT$ (the order webhook's TWD). */
export const MISSION_CURRENCY = 'TWD';

/** The goal of one stage in words: "Like 5 times", "Spend NT$1,000". */
export function goalText(t: T, goal: MissionGoal, target: number, locale: Locale): string {
  switch (goal.kind) {
    case 'showsAttended':
      return t('mission.goal.showsAttended', { count: target, minutes: formatNumber(goal.minMinutes, locale) });
    case 'comments':
      return t(goal.distinctShows ? 'mission.goal.commentShows' : 'mission.goal.comments', { count: target });
    case 'purchases':
      return goal.measure === 'amount'
        ? t('mission.goal.spend', { amount: formatMoney(target, MISSION_CURRENCY, locale) })
        : t('mission.goal.orders', { count: target });
    default:
      return t(`mission.goal.${goal.kind}`, { count: target });
  }
}

/** "3 / 5" in the goal's unit ("NT$300 / NT$1,000" for an amount). */
export function progressText(goal: MissionGoal, progress: number, target: number, locale: Locale): string {
  const amount = goal.kind === 'purchases' && goal.measure === 'amount';
  const show = (n: number) => (amount ? formatMoney(n, MISSION_CURRENCY, locale) : formatNumber(n, locale));
  return `${show(progress)} / ${show(target)}`;
}

/** When progress counts: "This show", "Today", …, "Until Dec 24, 8:00 PM". */
export function periodText(t: T, period: MissionPeriod, locale: Locale): string {
  if (period.kind === 'range') return t('mission.period.range', { date: formatDateTime(period.until, locale) });
  return t(`mission.period.${period.kind}`);
}

/** The member's way through the stages, as the server counted it this period. */
export interface StageProgress {
  /** the stage worked on (1-based), or the last one once every stage is reached */
  stage: number;
  target: number;
  /** in the goal's unit */
  progress: number;
  /** 0–1 of the way to `target` */
  fraction: number;
  /** stages reached this period */
  reached: number;
  /** every stage reached this period */
  done: boolean;
  /** no period runs now (a show mission with no live show, a range not yet begun or over) */
  idle: boolean;
}

/** Null for a guest (the list carries no `mine`). Progress is cumulative: the bar runs from 0 to the next stage's target. */
export function stageProgress(mission: Pick<MissionView, 'stages' | 'mine'>): StageProgress | null {
  const mine = mission.mine;
  if (!mine || mission.stages.length === 0) return null;
  const reached = Math.min(mine.reached, mission.stages.length);
  const done = reached >= mission.stages.length;
  const stage = done ? mission.stages.length : reached + 1;
  const target = mission.stages[stage - 1]!.target;
  const progress = Math.max(0, mine.progress);
  return { stage, target, progress, fraction: Math.min(1, progress / target), reached, done, idle: mine.period === null };
}

export type TimeLeft =
  | { unit: 'days'; days: number; hours: number }
  | { unit: 'hours'; hours: number; minutes: number }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'moment' };

/** What is left of a period ending at `endsAt` (server time), in whole units rounded down; null once it has ended. */
export function timeLeft(endsAt: number, now: number): TimeLeft | null {
  const ms = endsAt - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { unit: 'moment' };
  if (minutes < 60) return { unit: 'minutes', minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', hours, minutes: minutes % 60 };
  return { unit: 'days', days: Math.floor(hours / 24), hours: hours % 24 };
}

/** "2d 4h left", "35 min left"; null without an end (a show's period ends with the show) or once it has passed. */
export function timeLeftText(t: T, endsAt: number | null, now: number): string | null {
  const left = endsAt === null ? null : timeLeft(endsAt, now);
  if (!left) return null;
  const { unit, ...params } = left;
  return t(`mission.left.${unit}`, params);
}

/**
 * What a stage gives: "+50 points", "Tea cup", "+50 points + Tea cup + “Night owl” badge"
 * (`rewardTitle`: the catalogue reward's title, when the catalogue is read).
 */
export function rewardText(t: T, reward: MissionReward, rewardTitle: string | undefined, locale: Locale): string {
  const parts: string[] = [];
  if (reward.points > 0) parts.push(t('mission.points', { points: formatNumber(reward.points, locale) }));
  if (reward.rewardId) parts.push(rewardTitle ?? t('myRewards.unknown'));
  if (reward.badge) parts.push(t('mission.badge', { badge: reward.badge }));
  return parts.join(' + ');
}

/** What made the room ask for the member's missions again. */
export type MissionsCause = 'join' | 'points' | 'watch' | 'completed';

const WATCH_GOALS: ReadonlySet<MissionGoal['kind']> = new Set(['watchMinutes', 'showsAttended']);

/**
 * Whether a read could show anything new. A guest's list has no progress:
 * only a (re)join reads it. For a member, points and watch time move only
 * missions with a stage left (watch time only missions that count it).
 */
export function missionsRefreshWanted(missions: readonly MissionView[], cause: MissionsCause, signedIn: boolean): boolean {
  if (cause === 'join') return true;
  if (!signedIn) return false;
  if (cause === 'completed') return true;
  const open = missions.filter((m) => !m.mine || m.mine.reached < m.stages.length);
  return cause === 'watch' ? open.some((m) => WATCH_GOALS.has(m.goal.kind)) : open.length > 0;
}

/** The earliest end of a running period (server time), for a read when it rolls over; null when none ends. */
export function nextRollover(missions: readonly MissionView[], now: number): number | null {
  const ends = missions.map((m) => m.mine?.endsAt ?? null).filter((at): at is number => at !== null && at > now);
  return ends.length > 0 ? Math.min(...ends) : null;
}

const isMissionPoints = (t: Pick<Toast, 'kind' | 'reason'>) => t.kind === 'points' && t.reason === 'mission';

/**
 * A stage reached comes as two pushes, its points (`points`, reason
 * 'mission') and `mission:completed`, which says the same and more: one
 * toast, not two. A completion takes the place of a points toast of the same
 * amount still on screen; points arriving after the completion they belong to
 * are left out (each completion stands for one points push: `absorbed`).
 * Returns the toasts and what is still to add (null: nothing).
 */
export function foldMissionToast(toasts: readonly Toast[], incoming: Omit<Toast, 'id'>): { toasts: Toast[]; add: Omit<Toast, 'id'> | null } {
  if (incoming.kind === 'mission' && (incoming.delta ?? 0) > 0) {
    const i = toasts.findIndex((x) => isMissionPoints(x) && x.delta === incoming.delta);
    if (i >= 0) return { toasts: toasts.filter((_, j) => j !== i), add: { ...incoming, absorbed: true } };
  }
  if (isMissionPoints(incoming)) {
    const i = toasts.findIndex((x) => x.kind === 'mission' && !x.absorbed && x.delta === incoming.delta);
    if (i >= 0) return { toasts: toasts.map((x, j) => (j === i ? { ...x, absorbed: true } : x)), add: null };
  }
  return { toasts: [...toasts], add: incoming };
}
