/**
 * Missions as the viewer room shows them (client/live/logic/missions.ts and
 * logic/refresh-gate.ts): each goal, period and reward in words in both
 * languages, the bar toward the next stage from what the server counted, the
 * time left, when a push is worth a read, one toast for a stage and its
 * points, and the gate that keeps a like storm to a read every two seconds
 * while never missing the last like. Then the store that uses them
 * (store/missions-slice.ts) with a fake server and a fake clock: read on
 * (re)join and a moment after points or a completion, never once per like nor
 * for a guest's points; a completion one toast; nobody's progress after
 * sign-out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import { translator } from '../../client/common/i18n.ts';
import type { api as liveApi } from '../../client/live/api.ts';
import { DICTIONARIES } from '../../client/live/i18n.ts';
import {
  foldMissionToast,
  goalText,
  missionsRefreshWanted,
  nextRollover,
  periodText,
  progressText,
  rewardText,
  stageProgress,
  timeLeft,
  timeLeftText,
} from '../../client/live/logic/missions.ts';
import { RefreshGate } from '../../client/live/logic/refresh-gate.ts';
import type { StoreDeps } from '../../client/live/store/deps.ts';
import { createStore } from '../../client/live/store/index.ts';
import type { Toast } from '../../client/live/store/types.ts';
import type { MissionGoal, MissionView } from '../../shared/missions.ts';

const en = translator(DICTIONARIES, 'en');
const zh = translator(DICTIONARIES, 'zh-TW');
const MIN = 60_000;
const HOUR = 60 * MIN;

const mission = (over: Partial<MissionView> = {}): MissionView => ({
  id: 'ms1',
  title: 'Like storm',
  description: null,
  goal: { kind: 'likes' },
  period: { kind: 'show' },
  stages: [
    { target: 2, reward: { points: 5, rewardId: null, badge: null } },
    { target: 3, reward: { points: 10, rewardId: null, badge: null } },
  ],
  minTier: null,
  archived: false,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
const mine = (progress: number, reached: number, period: string | null = 'show-1', endsAt: number | null = null) => ({ period, progress, reached, endsAt });

describe('a goal in words', () => {
  const cases: Array<[MissionGoal, number, string, string]> = [
    [{ kind: 'watchMinutes' }, 30, 'Watch 30 minutes', '觀看 30 分鐘'],
    [{ kind: 'watchMinutes' }, 1, 'Watch 1 minute', '觀看 1 分鐘'],
    [{ kind: 'showsAttended', minMinutes: 10 }, 3, 'Attend 3 shows (at least 10 min each)', '參加 3 場直播（每場至少觀看 10 分鐘）'],
    [{ kind: 'showsAttended', minMinutes: 10 }, 1, 'Attend 1 show (at least 10 min)', '參加 1 場直播（每場至少觀看 10 分鐘）'],
    [{ kind: 'checkins' }, 5, 'Check in 5 times', '簽到 5 次'],
    [{ kind: 'checkins' }, 1, 'Check in once', '簽到 1 次'],
    [{ kind: 'comments', distinctShows: false }, 10, 'Comment 10 times', '留言 10 次'],
    [{ kind: 'comments', distinctShows: true }, 3, 'Comment in 3 shows', '在 3 場直播中留言'],
    [{ kind: 'likes' }, 1200, 'Like 1,200 times', '按讚 1,200 次'],
    [{ kind: 'referrals' }, 2, 'Invite 2 friends', '邀請 2 位朋友'],
    [{ kind: 'purchases', measure: 'count' }, 2, 'Place 2 orders', '下單 2 筆'],
    [{ kind: 'purchases', measure: 'amount' }, 100_000, 'Spend NT$1,000', '消費滿 $1,000'],
    [{ kind: 'purchases', measure: 'amount' }, 12_345, 'Spend NT$123.45', '消費滿 $123.45'],
    [{ kind: 'dropClaimsPaid' }, 2, 'Buy 2 drops', '購買 2 件限量商品'],
  ];
  it.each(cases)('%j × %i', (goal, target, english, chinese) => {
    expect(goalText(en, goal, target, 'en')).toBe(english);
    expect(goalText(zh, goal, target, 'zh-TW')).toBe(chinese);
  });

  it('has words for every goal kind in both languages (no key shown raw)', () => {
    const kinds: MissionGoal[] = [
      { kind: 'watchMinutes' },
      { kind: 'showsAttended', minMinutes: 5 },
      { kind: 'checkins' },
      { kind: 'comments', distinctShows: true },
      { kind: 'likes' },
      { kind: 'referrals' },
      { kind: 'purchases', measure: 'count' },
      { kind: 'dropClaimsPaid' },
    ];
    for (const goal of kinds) {
      for (const t of [en, zh]) expect(goalText(t, goal, 4, 'en')).not.toMatch(/mission\.|\{/);
    }
  });

  it('counts progress in the goal unit: money for an amount, numbers otherwise', () => {
    expect(progressText({ kind: 'purchases', measure: 'amount' }, 30_000, 100_000, 'en')).toBe('NT$300 / NT$1,000');
    expect(progressText({ kind: 'likes' }, 3, 5, 'en')).toBe('3 / 5');
    expect(progressText({ kind: 'watchMinutes' }, 1500, 3000, 'zh-TW')).toBe('1,500 / 3,000');
  });
});

describe('a period in words', () => {
  it('says this show, today, this week, this month, or until a date', () => {
    expect(periodText(en, { kind: 'show' }, 'en')).toBe('This show');
    expect(periodText(en, { kind: 'day' }, 'en')).toBe('Today');
    expect(periodText(en, { kind: 'week' }, 'en')).toBe('This week');
    expect(periodText(zh, { kind: 'month' }, 'zh-TW')).toBe('本月');
    expect(periodText(zh, { kind: 'show' }, 'zh-TW')).toBe('本場直播');
    const until = Date.UTC(2026, 11, 24, 12, 0);
    expect(periodText(en, { kind: 'range', from: 1, until }, 'en')).toMatch(/^Until Dec 2[45], /);
    expect(periodText(zh, { kind: 'range', from: 1, until }, 'zh-TW')).toMatch(/^至 12月2[45]日/);
  });
});

describe('the way to the next stage', () => {
  it('is nothing for a guest (no progress in the list)', () => {
    expect(stageProgress(mission())).toBeNull();
  });

  it('runs from 0 to the next stage’s target, stage by stage, as the server counted', () => {
    expect(stageProgress(mission({ mine: mine(0, 0) }))).toMatchObject({ stage: 1, target: 2, progress: 0, fraction: 0, reached: 0, done: false });
    expect(stageProgress(mission({ mine: mine(1, 0) }))).toMatchObject({ stage: 1, target: 2, fraction: 0.5 });
    // Stage 1 reached at 2: the bar now runs toward stage 2's 3.
    const second = stageProgress(mission({ mine: mine(2, 1) }))!;
    expect(second).toMatchObject({ stage: 2, target: 3, progress: 2, reached: 1, done: false });
    expect(second.fraction).toBeCloseTo(2 / 3);
  });

  it('stays full on the last stage once every stage is reached, even past its target', () => {
    expect(stageProgress(mission({ mine: mine(7, 2) }))).toMatchObject({ stage: 2, target: 3, progress: 7, fraction: 1, reached: 2, done: true });
  });

  it('trusts the server on what is reached (a stage edited down does not reach itself here)', () => {
    // The host lowered stage 2 to 2 after the member passed it: only the server's `reached` says it is paid.
    const edited = mission({ stages: [{ target: 1, reward: { points: 5, rewardId: null, badge: null } }, { target: 2, reward: { points: 10, rewardId: null, badge: null } }] });
    expect(stageProgress({ ...edited, mine: mine(2, 1) })).toMatchObject({ stage: 2, done: false });
  });

  it('says when no period runs (a show mission with no live show)', () => {
    expect(stageProgress(mission({ mine: mine(0, 0, null) }))?.idle).toBe(true);
    expect(stageProgress(mission({ mine: mine(0, 0) }))?.idle).toBe(false);
  });
});

describe('the time left', () => {
  const now = 1_000_000_000;
  it('is in days and hours, hours and minutes, minutes, or under a minute, rounded down', () => {
    expect(timeLeft(now + 2 * 24 * HOUR + 3 * HOUR + 59 * MIN, now)).toEqual({ unit: 'days', days: 2, hours: 3 });
    expect(timeLeft(now + 24 * HOUR, now)).toEqual({ unit: 'days', days: 1, hours: 0 });
    expect(timeLeft(now + 24 * HOUR - 1, now)).toEqual({ unit: 'hours', hours: 23, minutes: 59 });
    expect(timeLeft(now + HOUR, now)).toEqual({ unit: 'hours', hours: 1, minutes: 0 });
    expect(timeLeft(now + 59 * MIN + 59_999, now)).toEqual({ unit: 'minutes', minutes: 59 });
    expect(timeLeft(now + MIN, now)).toEqual({ unit: 'minutes', minutes: 1 });
    expect(timeLeft(now + 59_999, now)).toEqual({ unit: 'moment' });
    expect(timeLeft(now, now)).toBeNull();
    expect(timeLeft(now - 1, now)).toBeNull();
  });

  it('reads in both languages, and says nothing without an end', () => {
    expect(timeLeftText(en, now + 2 * 24 * HOUR + 4 * HOUR, now)).toBe('2d 4h left');
    expect(timeLeftText(en, now + 3 * HOUR + 20 * MIN, now)).toBe('3h 20m left');
    expect(timeLeftText(en, now + 35 * MIN, now)).toBe('35 min left');
    expect(timeLeftText(zh, now + 2 * 24 * HOUR + 4 * HOUR, now)).toBe('剩 2 天 4 小時');
    expect(timeLeftText(zh, now + 30_000, now)).toBe('剩不到 1 分鐘');
    expect(timeLeftText(en, null, now)).toBeNull();
    expect(timeLeftText(en, now - 1, now)).toBeNull();
  });
});

describe('what a stage gives, in words', () => {
  it('names points, the catalogue reward (by its title) and a badge', () => {
    expect(rewardText(en, { points: 1500, rewardId: null, badge: null }, undefined, 'en')).toBe('+1,500 points');
    expect(rewardText(en, { points: 0, rewardId: 'rw1', badge: null }, 'Tea cup', 'en')).toBe('Tea cup');
    expect(rewardText(en, { points: 50, rewardId: 'rw1', badge: 'Night owl' }, 'Tea cup', 'en')).toBe('+50 points + Tea cup + “Night owl” badge');
    expect(rewardText(zh, { points: 50, rewardId: 'rw1', badge: null }, undefined, 'zh-TW')).toBe('+50 點 + 獎勵');
  });
});

describe('when a push is worth a read of the missions', () => {
  const open = mission({ mine: mine(1, 0) });
  const finished = mission({ id: 'ms2', mine: mine(3, 2) });
  const watch = mission({ id: 'ms3', goal: { kind: 'watchMinutes' }, mine: mine(5, 0) });

  it('always on a (re)join; for a guest, never otherwise', () => {
    expect(missionsRefreshWanted([], 'join', false)).toBe(true);
    expect(missionsRefreshWanted([mission()], 'points', false)).toBe(false);
    expect(missionsRefreshWanted([mission()], 'completed', false)).toBe(false);
  });

  it('on points only while a mission has a stage left, on watch time only for a watch mission', () => {
    expect(missionsRefreshWanted([open], 'points', true)).toBe(true);
    expect(missionsRefreshWanted([finished], 'points', true)).toBe(false);
    expect(missionsRefreshWanted([], 'points', true)).toBe(false);
    expect(missionsRefreshWanted([open], 'watch', true)).toBe(false);
    expect(missionsRefreshWanted([open, watch], 'watch', true)).toBe(true);
    expect(missionsRefreshWanted([finished], 'completed', true)).toBe(true);
  });

  it('when the first running period ends', () => {
    const day = mission({ id: 'd', mine: mine(0, 0, '2026-11-26', 5000) });
    const week = mission({ id: 'w', mine: mine(0, 0, '2026-11-23', 9000) });
    expect(nextRollover([open, week, day], 1000)).toBe(5000);
    expect(nextRollover([open, week, day], 6000)).toBe(9000);
    expect(nextRollover([open], 1000)).toBeNull();
  });
});

describe('a stage reached is one toast, not two', () => {
  const points = (delta: number, id: number): Toast => ({ id, kind: 'points', delta, reason: 'mission', at: 0, count: 1 });
  const done = (delta: number, title = 'Like storm'): Omit<Toast, 'id'> => ({ kind: 'mission', title, delta, reward: { points: delta, rewardId: null, badge: null } });

  it('takes the place of its points toast already shown', () => {
    const like: Toast = { id: 1, kind: 'points', delta: 1, reason: 'like', at: 0, count: 1 };
    const { toasts, add } = foldMissionToast([like, points(5, 2)], done(5));
    expect(toasts).toEqual([like]);
    expect(add).toMatchObject({ kind: 'mission', delta: 5, absorbed: true });
  });

  it('leaves out its points arriving after it, once', () => {
    const shown: Toast = { id: 3, ...done(5) };
    const first = foldMissionToast([shown], { kind: 'points', delta: 5, reason: 'mission' });
    expect(first.add).toBeNull();
    expect(first.toasts[0]).toMatchObject({ id: 3, absorbed: true });
    // A second stage's points of the same amount are not the first's: shown.
    expect(foldMissionToast(first.toasts, { kind: 'points', delta: 5, reason: 'mission' }).add).toMatchObject({ kind: 'points' });
  });

  it('keeps points of another amount or reason, and a completion without points', () => {
    const shown: Toast = { id: 3, ...done(5) };
    expect(foldMissionToast([shown], { kind: 'points', delta: 10, reason: 'mission' }).add).toMatchObject({ delta: 10 });
    expect(foldMissionToast([shown], { kind: 'points', delta: 5, reason: 'like' }).add).toMatchObject({ reason: 'like' });
    const rewardOnly = foldMissionToast([points(5, 1)], { kind: 'mission', title: 'Gift', delta: 0, reward: { points: 0, rewardId: 'rw1', badge: null } });
    expect(rewardOnly.toasts).toHaveLength(1);
    expect(rewardOnly.add).toMatchObject({ kind: 'mission', title: 'Gift' });
  });
});

describe('the refresh gate', () => {
  let reads: number[];
  let gate: RefreshGate;
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    reads = [];
    const timers = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
    gate = new RefreshGate(() => reads.push(Date.now()), timers, 2000, 500);
  });
  afterEach(() => vi.useRealTimers());

  it('reads a moment after a push, and at once on a (re)join', () => {
    gate.ask();
    vi.advanceTimersByTime(499);
    expect(reads).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(reads).toEqual([500]);
    vi.advanceTimersByTime(5000);
    gate.ask(false);
    vi.advanceTimersByTime(0);
    expect(reads).toEqual([500, 5500]);
  });

  it('turns a like storm into a read every 2 s, the last one after the last like', () => {
    for (let at = 0; at < 5000; at += 100) {
      gate.ask();
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(10_000);
    expect(reads).toEqual([500, 2500, 4500, 6500]);
    for (let i = 1; i < reads.length; i++) expect(reads[i]! - reads[i - 1]!).toBeGreaterThanOrEqual(2000);
    expect(reads.at(-1)! - 4900).toBeGreaterThanOrEqual(500);
  });

  it('reads once more when an ask came too soon before the read it was folded into', () => {
    gate.ask();
    vi.advanceTimersByTime(450);
    gate.ask(); // the server may not have counted this one by 500
    vi.advanceTimersByTime(10_000);
    expect(reads).toEqual([500, 2500]);
  });

  it('keeps a (re)join right after a read to the gap', () => {
    gate.ask(false);
    vi.advanceTimersByTime(0);
    gate.ask(false);
    vi.advanceTimersByTime(10_000);
    expect(reads).toEqual([0, 2000]);
  });

  it('reads nothing once cancelled', () => {
    gate.ask();
    gate.cancel();
    vi.advanceTimersByTime(10_000);
    expect(reads).toEqual([]);
  });
});

function room(token: string | null) {
  let counted = 0;
  const readTimes: number[] = [];
  const api = {
    missions: vi.fn(async (t: string | null) => {
      readTimes.push(Date.now() - 1_000_000);
      const m = mission(t === null ? {} : { mine: mine(counted, counted >= 3 ? 2 : counted >= 2 ? 1 : 0) });
      return { missions: [m] };
    }),
    logout: vi.fn(async () => ({})),
  };
  const deps = {
    ...browserTimers,
    locale: 'en',
    api: api as unknown as typeof liveApi,
    channel: { call: vi.fn(), reconnect: vi.fn() },
    memory: { token, saveToken: vi.fn(), loadEntered: () => ({}), saveEntered: vi.fn() },
    newRequestId: () => 'req-1',
    origin: 'http://localhost',
  } as unknown as StoreDeps;
  const store = createStore(deps);
  return { api, readTimes, s: () => store.getState(), like: () => (counted += 1) };
}

/** Runs due timers and the reads they start. */
async function pass(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('the missions list in the store', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('is read on join, then a moment after points, at most once every 2 s through a like storm', async () => {
    const { api, readTimes, s, like } = room('tok');
    s().refreshMissions('join');
    await pass(0);
    expect(api.missions).toHaveBeenCalledTimes(1);
    expect(api.missions).toHaveBeenLastCalledWith('tok');
    expect(s().missions[0]!.mine).toMatchObject({ progress: 0, reached: 0 });

    // Thirty likes in three seconds, each pushing its points.
    for (let i = 0; i < 30; i++) {
      like();
      s().refreshMissions('points');
      await pass(100);
    }
    await pass(10_000);
    // The join's read, one 2 s after it, and one more 2 s later for the likes that came just before that one.
    expect(readTimes).toEqual([0, 2000, 4000]);
    expect(s().missions[0]!.mine).toMatchObject({ progress: 30, reached: 2 });
  });

  it('reads nothing for a guest’s points, and a guest’s list has no progress', async () => {
    const { api, s } = room(null);
    s().refreshMissions('join');
    await pass(0);
    expect(api.missions).toHaveBeenLastCalledWith(null);
    expect(s().missions[0]!.mine).toBeUndefined();
    s().refreshMissions('points');
    s().refreshMissions('completed');
    await pass(10_000);
    expect(api.missions).toHaveBeenCalledTimes(1);
  });

  it('shows a completion as one toast with its points, and reads the list again', async () => {
    const { api, s, like } = room('tok');
    s().refreshMissions('join');
    await pass(0);
    like();
    like();
    // The stage's points arrive first, then the completion that says the same and more.
    s().pushToast({ kind: 'points', delta: 5, reason: 'mission' });
    s().applyMissionCompleted({ missionId: 'ms1', title: 'Like storm', stage: 1, period: 's1', reward: { points: 5, rewardId: null, badge: null } });
    expect(s().toasts).toHaveLength(1);
    expect(s().toasts[0]).toMatchObject({ kind: 'mission', title: 'Like storm', delta: 5 });
    await pass(2500);
    expect(api.missions).toHaveBeenCalledTimes(2);
    expect(s().missions[0]!.mine).toMatchObject({ progress: 2, reached: 1 });
  });

  it('drops the member’s progress on sign-out and reads the list as a guest', async () => {
    const { api, s } = room('tok');
    s().refreshMissions('join');
    await pass(0);
    expect(s().missions[0]!.mine).toBeDefined();
    s().signOut();
    expect(s().missions[0]!.mine).toBeUndefined();
    await pass(0);
    expect(api.missions).toHaveBeenLastCalledWith(null);
    expect(s().missions[0]!.mine).toBeUndefined();
  });

  it('reads nothing more once the room is left', async () => {
    const { api, s } = room('tok');
    s().refreshMissions('join');
    await pass(0);
    s().refreshMissions('points');
    s().leaveRoom();
    await pass(10_000);
    expect(api.missions).toHaveBeenCalledTimes(1);
  });
});
