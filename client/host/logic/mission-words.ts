/**
 * A mission in the host's words: what it counts, when it starts again, and
 * each stage's target in the goal's unit (money as NT$). Pure.
 */
import type { MissionGoal, MissionPeriod } from '../../../shared/missions.ts';
import { formatMoney } from '../../common/format.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import type { HostDictionary } from '../i18n.ts';
import { countsMoney } from './mission-form.ts';
import { formatDateTime } from './time.ts';

type T = Translate<HostDictionary>;

/** What a spending goal's targets are in (the shop's prices: NT$). */
export const MISSION_CURRENCY = 'TWD';

/** The unit a goal's targets count, as the dictionary names it (`missions.unit.*`, `missions.suffix.*`). */
export type MissionUnit = 'minutes' | 'shows' | 'checkins' | 'comments' | 'likes' | 'friends' | 'orders' | 'amount' | 'claims';

export function goalUnit(goal: { kind: MissionGoal['kind']; distinctShows?: boolean; measure?: string }): MissionUnit {
  switch (goal.kind) {
    case 'watchMinutes':
      return 'minutes';
    case 'showsAttended':
      return 'shows';
    case 'checkins':
      return 'checkins';
    case 'comments':
      return goal.distinctShows ? 'shows' : 'comments';
    case 'likes':
      return 'likes';
    case 'referrals':
      return 'friends';
    case 'purchases':
      return countsMoney(goal) ? 'amount' : 'orders';
    case 'dropClaimsPaid':
      return 'claims';
  }
}

/** "Shows attended (each after 10 min watched)", "Amount spent", … */
export function goalText(t: T, goal: MissionGoal): string {
  switch (goal.kind) {
    case 'showsAttended':
      return t('missions.goalText.showsAttended', { minutes: goal.minMinutes });
    case 'comments':
      return goal.distinctShows ? t('missions.goalText.commentShows') : t('missions.goalText.comments');
    case 'purchases':
      return goal.measure === 'amount' ? t('missions.goalText.amount') : t('missions.goalText.orders');
    default:
      return t(`missions.goalText.${goal.kind}`);
  }
}

/** "Every week (from Monday)", or a date range's two ends. */
export function periodText(t: T, period: MissionPeriod, locale: Locale): string {
  if (period.kind === 'range') return t('missions.periodText.range', { from: formatDateTime(period.from, locale), until: formatDateTime(period.until, locale) });
  return t(`missions.period.${period.kind}`);
}

/** A stage's target: "30 minutes", "1 order", "NT$3,000". */
export function targetWords(t: T, goal: MissionGoal, target: number, locale: Locale): string {
  const unit = goalUnit(goal);
  return unit === 'amount' ? formatMoney(target, MISSION_CURRENCY, locale) : t(`missions.unit.${unit}`, { count: target });
}
