/**
 * Community goals, badges and invite-to-win as the viewer room shows them
 * (issue 14): every badge's name from its id and stage in both languages, a
 * mission's badge by its label for the member's own and generic for
 * others'; the goal bar's line, fill and reached state; the few badge icons
 * a chat line carries; the invite line of a lottery. Then the pushes'
 * reducers (a stale goals push never takes progress back, a show switch
 * leaves no goals behind) and the store with a fake server: goals read and
 * replaced per show, a goal reached once with a toast, badges read for the
 * member, added on unlock with a toast, gone on sign-out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../../client/common/i18n.ts';
import { DICTIONARIES } from '../../client/live/i18n.ts';
import { badgeFromId, badgeName, chatBadges } from '../../client/live/logic/badges.ts';
import { goalBarView, goalsInOrder } from '../../client/live/logic/goals.ts';
import { inviteLine } from '../../client/live/logic/invite-entries.ts';
import { reduceHistory } from '../../client/live/store/join-reducers.ts';
import { reduceBadgeUnlocked, reduceComment, reduceGoalCompleted, reduceGoals } from '../../client/live/store/reducers.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { GoalView } from '../../shared/community-goals.ts';
import type { CommentEvent } from '../../shared/events.ts';
import type { MemberState } from '../../shared/models.ts';
import { fakeLiveStore } from './live-store-fixture.ts';

const en = translator(DICTIONARIES, 'en');
const zh = translator(DICTIONARIES, 'zh-TW');

const goal = (over: Partial<GoalView> = {}): GoalView => ({
  id: 'g1',
  streamId: 's1',
  title: 'Flash sale',
  metric: 'likes',
  target: 10_000,
  drop: null,
  rewardId: null,
  status: 'active',
  completedAt: null,
  dropId: null,
  createdAt: 1,
  progress: 7432,
  ...over,
});

const badge = (id: string, over: Partial<MemberBadge> = {}): MemberBadge => ({ ...badgeFromId(id)!, unlockedAt: 1, ...over });
const missionBadge = (missionId: string, label: string): MemberBadge => ({ id: `mission:${missionId}:1`, achievement: null, stage: 1, target: null, label, unlockedAt: 2 });

describe('a badge’s name', () => {
  const cases: Array<[string, string, string]> = [
    ['shows-watched:1', '1 show watched', '觀看 1 場'],
    ['shows-watched:2', '10 shows watched', '觀看 10 場'],
    ['shows-watched:3', '50 shows watched', '觀看 50 場'],
    ['first-purchase:1', 'First purchase', '首購'],
    ['super-fan:1', 'Super Fan', '超級粉絲'],
    ['checkin-streak:1', '30-day streak', '連續簽到 30 天'],
    ['top-fan:1', 'Top fan ×1', '頭號粉絲 ×1'],
    ['top-fan:2', 'Top fan ×5', '頭號粉絲 ×5'],
    ['top-fan:3', 'Top fan ×10', '頭號粉絲 ×10'],
  ];
  it.each(cases)('%s', (id, english, chinese) => {
    const facts = badgeFromId(id)!;
    expect(badgeName(en, facts)).toBe(english);
    expect(badgeName(zh, facts)).toBe(chinese);
  });

  it('reads the stage’s target from the id, the way the member’s own record carries it', () => {
    expect(badgeFromId('shows-watched:2')).toEqual({ id: 'shows-watched:2', achievement: 'shows-watched', stage: 2, target: 10, label: null });
    expect(badgeFromId('mission:ms-42:3')).toEqual({ id: 'mission:ms-42:3', achievement: null, stage: 3, target: null, label: null });
  });

  it('knows no id it cannot name: an unknown achievement, a stage past the last, a malformed one', () => {
    for (const id of ['shows-watched:4', 'shows-watched:0', 'first-purchase:2', 'wizard:1', 'toString:1', 'mission::1', 'mission:ms1', 'top-fan', ':1', 'top-fan:x', 'top-fan:1.5']) {
      expect(badgeFromId(id), id).toBeNull();
    }
  });

  it('names a mission’s badge by its label, and one without a label generically', () => {
    expect(badgeName(en, missionBadge('ms1', 'Night owl'))).toBe('Night owl');
    expect(badgeName(zh, missionBadge('ms1', '夜貓子'))).toBe('夜貓子');
    expect(badgeName(en, badgeFromId('mission:ms1:1')!)).toBe('Mission badge');
    expect(badgeName(zh, badgeFromId('mission:ms1:1')!)).toBe('任務徽章');
  });
});

describe('badges beside a name in chat', () => {
  it('are at most three, each named, unknown ids left out', () => {
    const shown = chatBadges(en, ['wizard:9', 'shows-watched:1', 'first-purchase:1', 'top-fan:2', 'super-fan:1']);
    expect(shown).toEqual([
      { id: 'shows-watched:1', kind: 'shows-watched', name: '1 show watched' },
      { id: 'first-purchase:1', kind: 'first-purchase', name: 'First purchase' },
      { id: 'top-fan:2', kind: 'top-fan', name: 'Top fan ×5' },
    ]);
    expect(chatBadges(zh, ['checkin-streak:1'])).toEqual([{ id: 'checkin-streak:1', kind: 'checkin-streak', name: '連續簽到 30 天' }]);
    expect(chatBadges(en, undefined)).toEqual([]);
  });

  it('name another member’s mission badge generically, and the reader’s own by its label', () => {
    const ids = ['mission:ms1:1', 'super-fan:1'];
    expect(chatBadges(en, ids)).toEqual([
      { id: 'mission:ms1:1', kind: 'mission', name: 'Mission badge' },
      { id: 'super-fan:1', kind: 'super-fan', name: 'Super Fan' },
    ]);
    expect(chatBadges(en, ids, [missionBadge('ms1', 'Night owl')])[0]).toEqual({ id: 'mission:ms1:1', kind: 'mission', name: 'Night owl' });
    expect(chatBadges(zh, ['mission:ms2:1'], [missionBadge('ms1', '夜貓子')])[0]!.name).toBe('任務徽章');
  });

  const comment = (over: Partial<CommentEvent> = {}): CommentEvent => ({ id: 'c1', streamId: 's1', memberId: 'm2', displayName: 'Bo', tier: 'bronze', text: 'hi', at: 5, ...over });

  it('come with each comment, pushed or in the join’s history; a comment without badges has none', () => {
    const pushed = reduceComment([], 's1', comment({ badges: ['first-purchase:1'] }));
    expect(pushed[0]).toMatchObject({ kind: 'comment', id: 'c1', badges: ['first-purchase:1'] });
    const plain = reduceComment([], 's1', comment({ id: 'c2' }));
    expect(plain[0]).not.toHaveProperty('badges');
    const empty = reduceComment([], 's1', comment({ id: 'c3', badges: [] }));
    expect(empty[0]).not.toHaveProperty('badges');
    const history = reduceHistory([], 's1', [comment({ badges: ['mission:ms1:1', 'top-fan:1'] }), comment({ id: 'c4' })], 0);
    expect(history.map((f) => (f.kind === 'comment' ? f.badges : null))).toEqual([['mission:ms1:1', 'top-fan:1'], undefined]);
  });
});

describe('the community goal bar', () => {
  it('says the room’s count toward the target in the metric’s unit, in both languages', () => {
    expect(goalBarView(en, goal(), 'en')).toEqual({ count: '7,432 / 10,000 likes', fraction: 0.7432, done: false });
    expect(goalBarView(zh, goal(), 'zh-TW').count).toBe('7,432 / 10,000 讚');
    expect(goalBarView(en, goal({ metric: 'watchMinutes', target: 600, progress: 125 }), 'en').count).toBe('125 / 600 minutes');
    expect(goalBarView(zh, goal({ metric: 'watchMinutes', target: 600, progress: 125 }), 'zh-TW').count).toBe('125 / 600 分鐘');
    expect(goalBarView(en, goal({ metric: 'points', target: 50_000, progress: 0 }), 'en').count).toBe('0 / 50,000 points');
    expect(goalBarView(zh, goal({ metric: 'points', target: 50_000, progress: 0 }), 'zh-TW').count).toBe('0 / 50,000 點');
    expect(goalBarView(en, goal({ target: 1, progress: 0 }), 'en').count).toBe('0 / 1 like');
  });

  it('fills up to full at the target and no further, while the count goes on past it', () => {
    expect(goalBarView(en, goal({ target: 2, progress: 1 }), 'en')).toEqual({ count: '1 / 2 likes', fraction: 0.5, done: false });
    expect(goalBarView(en, goal({ target: 2, progress: 2 }), 'en')).toEqual({ count: '2 / 2 likes', fraction: 1, done: true });
    expect(goalBarView(en, goal({ target: 2, progress: 7, status: 'completed' }), 'en')).toEqual({ count: '7 / 2 likes', fraction: 1, done: true });
  });

  it('shows reached what the server completed, even before its count says so', () => {
    expect(goalBarView(en, goal({ target: 10, progress: 9, status: 'completed' }), 'en').done).toBe(true);
  });

  it('lists the goals still to reach before the reached ones', () => {
    const reached = goal({ id: 'a', status: 'completed' });
    const open1 = goal({ id: 'b' });
    const open2 = goal({ id: 'c' });
    expect(goalsInOrder([reached, open1, open2]).map((g) => g.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('the invite line of a lottery', () => {
  it('says what each friend adds and the cap, in both languages', () => {
    expect(inviteLine(en, { inviteEntries: { perFriend: 2, maxExtra: 10 } }, 'en')).toBe('Invite friends: +2 entries each (up to 10)');
    expect(inviteLine(en, { inviteEntries: { perFriend: 1, maxExtra: 3 } }, 'en')).toBe('Invite friends: +1 entry each (up to 3)');
    expect(inviteLine(zh, { inviteEntries: { perFriend: 2, maxExtra: 10 } }, 'zh-TW')).toBe('邀請朋友：每位 +2 份（最多 10 份）');
  });

  it('is not there for a lottery without invite entries, or one made before them', () => {
    expect(inviteLine(en, { inviteEntries: null }, 'en')).toBeNull();
    expect(inviteLine(en, {}, 'en')).toBeNull();
  });
});

describe('the goals pushes', () => {
  it('replace the list (an archived goal leaves), and a push of another show changes nothing', () => {
    const held = [goal({ id: 'a', progress: 3 }), goal({ id: 'b', progress: 1 })];
    const next = reduceGoals(held, 's1', { streamId: 's1', goals: [goal({ id: 'a', progress: 5 })] });
    expect(next.map((g) => [g.id, g.progress])).toEqual([['a', 5]]);
    expect(reduceGoals(held, 's1', { streamId: 's2', goals: [goal({ id: 'x', streamId: 's2' })] })).toBe(held);
    expect(reduceGoals(held, 's1', { streamId: 's1', goals: [goal({ id: 'c', status: 'archived' })] })).toEqual([]);
  });

  it('never take progress back nor undo a goal reached: a push read before the latest like may land after it', () => {
    const held = [goal({ target: 2, progress: 2, status: 'completed', completedAt: 9 })];
    const next = reduceGoals(held, 's1', { streamId: 's1', goals: [goal({ target: 2, progress: 1 })] });
    expect(next).toBe(held);
    const moved = reduceGoals(held, 's1', { streamId: 's1', goals: [goal({ target: 2, progress: 3, title: 'Renamed' })] });
    expect(moved[0]).toMatchObject({ progress: 3, status: 'completed', completedAt: 9, title: 'Renamed' });
  });

  it('keep the same list when nothing moved, so the bar does not redraw each second', () => {
    const held = [goal({ progress: 4 })];
    expect(reduceGoals(held, 's1', { streamId: 's1', goals: [goal({ progress: 4 })] })).toBe(held);
  });

  it('drop the goals of a show left behind', () => {
    const held = [goal({ id: 'old', streamId: 's0' })];
    expect(reduceGoals(held, 's1', { streamId: 's1', goals: [goal({ id: 'new' })] }).map((g) => g.id)).toEqual(['new']);
  });

  it('show a goal reached at once, and add one not held yet', () => {
    const held = [goal({ target: 2, progress: 1 })];
    const done = goal({ target: 2, progress: 2, status: 'completed', completedAt: 7 });
    expect(reduceGoalCompleted(held, 's1', { streamId: 's1', goal: done })[0]).toMatchObject({ progress: 2, status: 'completed' });
    expect(reduceGoalCompleted([], 's1', { streamId: 's1', goal: done })).toEqual([done]);
    expect(reduceGoalCompleted(held, 's2', { streamId: 's1', goal: done })).toBe(held);
  });
});

describe('a badge unlocked', () => {
  it('is added once, at the end', () => {
    const held = [badge('shows-watched:1')];
    const e = { memberId: 'm1', displayName: 'Amy', badge: badge('first-purchase:1') };
    const next = reduceBadgeUnlocked(held, e);
    expect(next.map((b) => b.id)).toEqual(['shows-watched:1', 'first-purchase:1']);
    expect(reduceBadgeUnlocked(next, e)).toBe(next);
  });
});

// ---- the store, with a fake server ----

const ME: MemberState = {
  member: { id: 'm1', handle: 'amy', displayName: 'Amy', externalId: null, createdAt: 1 },
  balance: 0,
  tier: { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
  nextTier: null,
  superFan: false,
  earned365: 0,
  checkin: null,
};

function room(token: string | null) {
  const goalsOf: Record<string, GoalView[]> = { s1: [goal({ target: 2, progress: 0 })], s2: [goal({ id: 'g2', streamId: 's2', title: 'Gift wrap' })] };
  let pendingGoals: ((v: { goals: GoalView[] }) => void) | null = null;
  const api = {
    rules: vi.fn(() => new Promise(() => undefined)),
    goals: vi.fn(async (streamId: string) => ({ goals: goalsOf[streamId] ?? [] })),
    badges: vi.fn(async () => ({ badges: [badge('shows-watched:1'), missionBadge('ms1', 'Night owl')] })),
    logout: vi.fn(async () => ({})),
  };
  const store = fakeLiveStore(api, token);
  const holdGoals = () => {
    api.goals.mockImplementationOnce(() => new Promise((resolve) => (pendingGoals = resolve)));
  };
  return { api, s: () => store.getState(), holdGoals, releaseGoals: (goals: GoalView[]) => pendingGoals?.({ goals }) };
}

describe('the room’s goals in the store', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('are read for the show entered, moved by pushes, and a goal reached is one toast', async () => {
    const { api, s } = room(null);
    s().enterRoom('s1', null);
    await s().loadGoals('s1');
    expect(api.goals).toHaveBeenCalledWith('s1');
    expect(s().goals.map((g) => g.progress)).toEqual([0]);

    s().applyGoals({ streamId: 's1', goals: [goal({ target: 2, progress: 1 })] });
    expect(s().goals[0]!.progress).toBe(1);
    s().applyGoalCompleted({ streamId: 's1', goal: goal({ target: 2, progress: 2, status: 'completed', completedAt: 5 }) });
    expect(s().goals[0]).toMatchObject({ progress: 2, status: 'completed' });
    expect(s().toasts).toEqual([expect.objectContaining({ kind: 'goal', title: 'Flash sale' })]);

    // Another show's completion is not this room's.
    s().applyGoalCompleted({ streamId: 's9', goal: goal({ id: 'g9', streamId: 's9', status: 'completed' }) });
    expect(s().toasts).toHaveLength(1);
    expect(s().goals).toHaveLength(1);
  });

  it('are replaced when another show is entered, and a late answer for the show left is dropped', async () => {
    const { s, holdGoals, releaseGoals } = room(null);
    s().enterRoom('s1', null);
    holdGoals();
    const late = s().loadGoals('s1');
    s().enterRoom('s2', null);
    expect(s().goals).toEqual([]);
    await s().loadGoals('s2');
    releaseGoals([goal({ progress: 5 })]);
    await late;
    expect(s().goals.map((g) => g.title)).toEqual(['Gift wrap']);
  });
});

describe('the member’s badges in the store', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('are read with the member’s token, added on unlock with a toast naming the badge, and gone on sign-out', async () => {
    const { api, s } = room('tok');
    s().setMe(ME);
    await s().loadBadges();
    expect(api.badges).toHaveBeenCalledWith('tok');
    expect(s().badges.map((b) => b.id)).toEqual(['shows-watched:1', 'mission:ms1:1']);

    s().applyBadgeUnlocked({ memberId: 'm1', displayName: 'Amy', badge: badge('first-purchase:1') });
    expect(s().badges.map((b) => b.id)).toEqual(['shows-watched:1', 'mission:ms1:1', 'first-purchase:1']);
    const toast = s().toasts.at(-1)!;
    expect(toast).toMatchObject({ kind: 'badge', badge: { id: 'first-purchase:1' } });
    expect(en('badge.toast', { badge: badgeName(en, toast.badge!) })).toBe('Badge unlocked: First purchase');
    expect(zh('badge.toast', { badge: badgeName(zh, toast.badge!) })).toBe('解鎖徽章：首購');

    // Someone else's badge is not this member's (the server sends only their own; a stray one changes nothing).
    s().applyBadgeUnlocked({ memberId: 'm2', displayName: 'Bo', badge: badge('super-fan:1') });
    expect(s().badges).toHaveLength(3);
    expect(s().toasts).toHaveLength(1);

    s().signOut();
    expect(s().badges).toEqual([]);
  });

  it('are none for a guest, who reads nothing', async () => {
    const { api, s } = room(null);
    await s().loadBadges();
    s().applyBadgeUnlocked({ memberId: 'm1', displayName: 'Amy', badge: badge('first-purchase:1') });
    expect(api.badges).not.toHaveBeenCalled();
    expect(s().badges).toEqual([]);
    expect(s().toasts).toEqual([]);
  });
});
