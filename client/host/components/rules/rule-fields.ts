/** What the rules editor shows: the earning-rule sections in the order a host thinks about them, the tier columns, input ids. */

export type Unit = 'seconds' | 'points' | 'count' | 'cents' | 'days';
export type SuffixUnit = Exclude<Unit, 'count'>;
export interface RuleField {
  path: string;
  unit: Unit;
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
    id: 'superFan',
    fields: [
      { path: 'superFan.minActiveDays', unit: 'days' },
      { path: 'superFan.days', unit: 'days' },
    ],
  },
];

export const TIER_COLUMNS = ['name', 'id', 'minPoints', 'multiplier', 'earlyAccessSeconds', 'lotteryWeight'] as const;

export const ruleInputId = (path: string) => `rule-${path.replace(/\./g, '-')}`;
