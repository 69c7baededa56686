/**
 * The missions rulebook (server/domain/missions.ts, issue 14) on its own:
 * what each goal counts and under which event key, the period an instant
 * falls in and when it ends (Taipei, and a zone with daylight saving), and
 * the step that reaches each stage exactly once.
 */
import { describe, expect, it } from 'vitest';
import { decideProgress, goalCount, missionPeriod, missionStep, periodEndsAt, type Activity } from '../../server/domain/missions.ts';
import { localMidnight } from '../../server/domain/time.ts';
import type { Mission, MissionGoal } from '../../shared/missions.ts';

const at = Date.parse('2026-11-29T15:59:00Z'); // Sunday 23:59 in Taipei
const watch: Activity = { kind: 'watch', memberId: 'm', streamId: 's1', at, ms: 15_000, showTotalMs: 600_000 };
const like: Activity = { kind: 'like', memberId: 'm', streamId: 's1', at, key: 'like:r1' };
const comment: Activity = { kind: 'comment', memberId: 'm', streamId: 's1', at, key: 'comment:r2' };
const order: Activity = { kind: 'purchase', memberId: 'm', streamId: null, at, key: 'order:o1', amountCents: 12_300 };

describe('what each goal counts', () => {
  const cases: Array<[MissionGoal, Activity, ReturnType<typeof goalCount>]> = [
    [{ kind: 'watchMinutes' }, watch, { eventKey: null, amount: 15_000 }],
    [{ kind: 'watchMinutes' }, like, null],
    [{ kind: 'showsAttended', minMinutes: 10 }, watch, { eventKey: 'show:s1', amount: 1 }],
    [{ kind: 'showsAttended', minMinutes: 11 }, watch, null],
    [{ kind: 'checkins' }, { kind: 'checkin', memberId: 'm', streamId: 's1', at, key: 'checkin:2026-11-29' }, { eventKey: 'checkin:2026-11-29', amount: 1 }],
    [{ kind: 'comments', distinctShows: false }, comment, { eventKey: 'comment:r2', amount: 1 }],
    [{ kind: 'comments', distinctShows: true }, comment, { eventKey: 'show:s1', amount: 1 }],
    [{ kind: 'likes' }, like, { eventKey: 'like:r1', amount: 1 }],
    [{ kind: 'likes' }, comment, null],
    [{ kind: 'referrals' }, { kind: 'referral', memberId: 'm', streamId: null, at, key: 'referral:f' }, { eventKey: 'referral:f', amount: 1 }],
    [{ kind: 'purchases', measure: 'count' }, order, { eventKey: 'order:o1', amount: 1 }],
    [{ kind: 'purchases', measure: 'amount' }, order, { eventKey: 'order:o1', amount: 12_300 }],
    [{ kind: 'dropClaimsPaid' }, { kind: 'dropClaimPaid', memberId: 'm', streamId: 's1', at, key: 'claim:c' }, { eventKey: 'claim:c', amount: 1 }],
    [{ kind: 'dropClaimsPaid' }, order, null],
  ];
  it.each(cases)('%j from %j', (goal, activity, expected) => expect(goalCount(goal, activity)).toEqual(expected));
});

describe('periods', () => {
  const m = (period: Mission['period']) => ({ period });
  it('names the local day, the week from Monday, the month, the show, or the range', () => {
    expect(missionPeriod(m({ kind: 'day' }), at, null, 'Asia/Taipei')).toBe('2026-11-29');
    expect(missionPeriod(m({ kind: 'day' }), at + 60_000, null, 'Asia/Taipei')).toBe('2026-11-30');
    expect(missionPeriod(m({ kind: 'week' }), at, null, 'Asia/Taipei')).toBe('2026-11-23');
    expect(missionPeriod(m({ kind: 'week' }), at + 60_000, null, 'Asia/Taipei')).toBe('2026-11-30');
    expect(missionPeriod(m({ kind: 'month' }), Date.parse('2026-11-30T16:00:00Z'), null, 'Asia/Taipei')).toBe('2026-12');
    expect(missionPeriod(m({ kind: 'show' }), at, 's9', 'Asia/Taipei')).toBe('s9');
    expect(missionPeriod(m({ kind: 'show' }), at, null, 'Asia/Taipei')).toBeNull();
    expect(missionPeriod(m({ kind: 'range', from: at, until: at + 1 }), at, null, 'UTC')).toBe('range');
    expect(missionPeriod(m({ kind: 'range', from: at, until: at + 1 }), at + 1, null, 'UTC')).toBeNull();
  });

  it('ends at the next local midnight, also across a daylight-saving change', () => {
    expect(periodEndsAt(m({ kind: 'day' }), '2026-11-29', 'Asia/Taipei')).toBe(Date.parse('2026-11-29T16:00:00Z'));
    expect(periodEndsAt(m({ kind: 'week' }), '2026-11-23', 'Asia/Taipei')).toBe(Date.parse('2026-11-29T16:00:00Z'));
    expect(periodEndsAt(m({ kind: 'month' }), '2026-12', 'Asia/Taipei')).toBe(Date.parse('2026-12-31T16:00:00Z'));
    // London moves to summer time on 29 March 2026: the day of the 28th ends at 00:00 GMT, the 29th's at 23:00 UTC.
    expect(periodEndsAt(m({ kind: 'day' }), '2026-03-28', 'Europe/London')).toBe(Date.parse('2026-03-29T00:00:00Z'));
    expect(periodEndsAt(m({ kind: 'day' }), '2026-03-29', 'Europe/London')).toBe(Date.parse('2026-03-29T23:00:00Z'));
    expect(localMidnight('2026-03-09', 'America/New_York')).toBe(Date.parse('2026-03-09T04:00:00Z'));
    expect(periodEndsAt(m({ kind: 'show' }), 's1', 'UTC')).toBeNull();
  });
});

describe('the step', () => {
  it('reaches each stage between before and after, once; a seen event changes nothing', () => {
    expect(decideProgress({ total: 0, seen: false }, { amount: 5, targets: [1, 5, 6] })).toEqual({ total: 5, counted: true, reached: [1, 2] });
    expect(decideProgress({ total: 5, seen: false }, { amount: 1, targets: [1, 5, 6] })).toEqual({ total: 6, counted: true, reached: [3] });
    expect(decideProgress({ total: 6, seen: false }, { amount: 9, targets: [1, 5, 6] })).toEqual({ total: 15, counted: true, reached: [] });
    expect(decideProgress({ total: 0, seen: true }, { amount: 5, targets: [1] })).toEqual({ total: 0, counted: false, reached: [] });
  });

  it('an archived mission or one whose period is not running makes no step; targets are in the base unit', () => {
    const mission: Mission = {
      id: 'x',
      title: 't',
      description: null,
      goal: { kind: 'watchMinutes' },
      period: { kind: 'day' },
      stages: [{ target: 30, reward: { points: 1, rewardId: null, badge: null } }],
      minTier: null,
      archived: false,
      createdAt: 0,
      updatedAt: 0,
    };
    expect(missionStep(mission, watch, 'Asia/Taipei')).toMatchObject({ period: '2026-11-29', targets: [1_800_000], amount: 15_000, eventKey: null });
    expect(missionStep({ ...mission, archived: true }, watch, 'Asia/Taipei')).toBeNull();
    expect(missionStep({ ...mission, period: { kind: 'range', from: at + 1, until: at + 2 } }, watch, 'Asia/Taipei')).toBeNull();
  });
});
