/** What the rules editor shows: the earning-rule sections in the order a host thinks about them, the tier columns, input ids. */

import type { HostKey } from '../../i18n.ts';

export type Unit = 'seconds' | 'minutes' | 'hours' | 'points' | 'count' | 'cents' | 'days';
export type SuffixUnit = Exclude<Unit, 'count'>;
export interface RuleField {
  path: string;
  unit: Unit;
  /** What the value means (shown under the input, unless a unit hint says more). */
  hint?: HostKey;
  /** What a blank input means, for a field that may be left blank. */
  placeholder?: HostKey;
}
export interface Section {
  id: string;
  fields: RuleField[];
}

/** The earning rules, in the order a host thinks about them. Labels: `rules.<path>`. */
export const SECTIONS: Section[] = [
  {
    id: 'watch',
    fields: [
      { path: 'watch.points', unit: 'points' },
      { path: 'watch.everySeconds', unit: 'seconds' },
      { path: 'watch.chestPoints', unit: 'points' },
      { path: 'watch.chestEverySeconds', unit: 'seconds' },
      { path: 'watch.idleAfterSeconds', unit: 'seconds' },
      { path: 'watch.heartbeatSeconds', unit: 'seconds' },
    ],
  },
  {
    id: 'checkin',
    fields: [
      { path: 'checkin.points', unit: 'points' },
      { path: 'checkin.streakBonus', unit: 'points' },
      { path: 'checkin.streakMax', unit: 'points' },
    ],
  },
  {
    id: 'like',
    fields: [
      { path: 'like.points', unit: 'points' },
      { path: 'like.maxPerStream', unit: 'count' },
    ],
  },
  {
    id: 'comment',
    fields: [
      { path: 'comment.points', unit: 'points' },
      { path: 'comment.max', unit: 'count' },
      { path: 'comment.windowSeconds', unit: 'seconds' },
      { path: 'comment.roomPerSecond', unit: 'count' },
    ],
  },
  {
    id: 'share',
    fields: [
      { path: 'share.points', unit: 'points' },
      { path: 'share.maxPerStream', unit: 'count' },
      { path: 'share.maxPerDay', unit: 'count' },
    ],
  },
  {
    id: 'purchase',
    fields: [
      { path: 'purchase.pointsPerUnit', unit: 'points' },
      { path: 'purchase.unitCents', unit: 'cents' },
    ],
  },
  {
    // which show an order counts for in the reports (issue 15); RulesView says the two as one sentence
    id: 'attribution',
    fields: [
      { path: 'attribution.minWatchMinutes', unit: 'minutes' },
      { path: 'attribution.windowHours', unit: 'hours' },
    ],
  },
  {
    id: 'birthday',
    fields: [{ path: 'birthday.points', unit: 'points', hint: 'rules.birthday.pointsHint' }],
  },
  {
    id: 'expiry',
    fields: [{ path: 'points.expireAfterDays', unit: 'days', hint: 'rules.points.expireAfterDaysHint', placeholder: 'rules.never' }],
  },
  {
    id: 'superFan',
    fields: [
      { path: 'superFan.minActiveDays', unit: 'days' },
      { path: 'superFan.days', unit: 'days' },
    ],
  },
];

export const TIER_COLUMNS = ['name', 'id', 'minPoints', 'multiplier', 'earlyAccessSeconds', 'lotteryWeight', 'entryPoints', 'entryRewardId'] as const;
/** Tier columns that may be left blank (blank: none): the tier's welcome, which the note under the table explains. */
export const OPTIONAL_TIER_COLUMNS: ReadonlySet<string> = new Set(['entryPoints', 'entryRewardId']);

export const ruleInputId = (path: string) => `rule-${path.replace(/\./g, '-')}`;
