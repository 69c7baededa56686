/**
 * The overlay's achievement toasts and community goal bars (issue 14): what
 * the toast says for each achievement in both languages (a mission's badge
 * by its label, as text), the queue (each member's badge once, one on screen
 * at a time, another show's ignored); the goal bar's view (fill capped at
 * full while the count goes on, numbers formatted, the completed state and
 * its celebration); the goals replaced by each push and by a show switch;
 * and the socket binding that reads a show's goals after its snapshot.
 * The browser flow is test/e2e/overlay-achievements-goals.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import type { Locale } from '../../client/common/i18n.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { GoalView } from '../../shared/community-goals.ts';
import type { OverlaySnapshot } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import { Achievement } from '../../overlay/components/AchievementToasts.tsx';
import { GoalBar } from '../../overlay/components/GoalBars.tsx';
import { StoreProvider } from '../../overlay/hooks.ts';
import { overlayTranslator } from '../../overlay/i18n.ts';
import { goalBar } from '../../overlay/logic/goal-bar.ts';
import { bindOverlaySocket, type BindingDeps, type OverlaySocket } from '../../overlay/socket-bindings.ts';
import { createStore, type OverlayStore } from '../../overlay/store/index.ts';
import { applyGoalCompleted, applyGoals, applySnapshot, enqueueAchievement, expireToasts, toastsAfterSnapshot } from '../../overlay/store/reducers.ts';
import { selectGoals, selectVisibleAchievements } from '../../overlay/store/selectors.ts';
import {
  ACHIEVEMENT_REMEMBERED,
  ACHIEVEMENT_TOASTS,
  ACHIEVEMENT_VISIBLE_MS,
  type AchievementEvent,
  type AchievementQueue,
  emptyAchievements,
  emptyRoom,
  GOAL_CELEBRATION_MS,
} from '../../overlay/store/types.ts';

const T0 = 1_700_000_000_000;

const stream = (id: string): Stream => ({ id, title: `Show ${id}`, playbackUrl: null, status: 'live', createdAt: T0, startedAt: T0, endedAt: null });
const snapshot = (streamId: string | null): OverlaySnapshot => ({
  stream: streamId === null ? null : stream(streamId),
  viewers: 1,
  members: 1,
  leaderboard: [],
  drops: [],
  lotteries: [],
  pinnedDropId: null,
});
const room = (streamId = 's1') => applySnapshot(emptyRoom(), snapshot(streamId));
const createOverlayStore = (locale: Locale = 'en') => createStore({ ...browserTimers, locale });
const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function badge(id: string, over: Partial<MemberBadge> = {}): MemberBadge {
  const achievement = id.split(':')[0] as MemberBadge['achievement'];
  return { id, achievement, stage: Number(id.split(':').at(-1)), target: 1, label: null, unlockedAt: T0, ...over };
}
function unlocked(memberId: string, b: MemberBadge, over: Partial<AchievementEvent> = {}): AchievementEvent {
  return { memberId, displayName: 'Mei', badge: b, streamId: 's1', ...over };
}

function goal(id: string, over: Partial<GoalView> = {}): GoalView {
  return {
    id,
    streamId: 's1',
    title: `Goal ${id}`,
    metric: 'likes',
    target: 10_000,
    drop: null,
    rewardId: null,
    status: 'active',
    completedAt: null,
    dropId: null,
    createdAt: T0,
    progress: 0,
    ...over,
  };
}

describe('the achievement toast', () => {
  /** The toast of `b` unlocked by Mei, rendered in `locale` with a real store: its text. */
  function say(b: MemberBadge, locale: Locale = 'en', displayName = 'Mei'): string {
    const [toast] = enqueueAchievement(emptyAchievements(), room(), unlocked('m1', b, { displayName }), T0).visible;
    const store = createOverlayStore(locale);
    return renderToStaticMarkup(createElement(StoreProvider, { store }, createElement(Achievement, { toast: toast! })));
  }

  it.each([
    ['shows-watched:2', { target: 10 }, 'Mei unlocked 10 shows watched', 'Mei 解鎖了「觀看 10 場」'],
    ['shows-watched:1', { target: 1 }, 'Mei unlocked 1 show watched', 'Mei 解鎖了「觀看 1 場」'],
    ['first-purchase:1', {}, 'Mei unlocked First purchase', 'Mei 解鎖了「首購」'],
    ['super-fan:1', {}, 'Mei unlocked Super Fan', 'Mei 解鎖了「超級粉絲」'],
    ['checkin-streak:1', { target: 30 }, 'Mei unlocked 30-day check-in streak', 'Mei 解鎖了「連續簽到 30 天」'],
    ['top-fan:1', { target: 1 }, 'Mei unlocked Top fan of the show', 'Mei 解鎖了「本場頭號粉絲」'],
    ['top-fan:2', { target: 5 }, 'Mei unlocked Top fan ×5', 'Mei 解鎖了「頭號粉絲 ×5」'],
    ['mission:m9:1', { achievement: null, target: null, label: 'Chatty' }, 'Mei unlocked Chatty', 'Mei 解鎖了「Chatty」'],
  ] as const)('%s reads in English and in Chinese', (id, over, en, zh) => {
    const b = badge(id, over as Partial<MemberBadge>);
    expect(textOf(say(b, 'en'))).toBe(en);
    expect(textOf(say(b, 'zh-TW'))).toBe(zh);
  });

  it("names a stage by the achievement's table when the badge carries no target, and says \"a new badge\" when it has no words", () => {
    expect(textOf(say(badge('shows-watched:3', { target: null })))).toBe('Mei unlocked 50 shows watched');
    expect(textOf(say(badge('checkin-streak:1', { target: null }), 'zh-TW'))).toBe('Mei 解鎖了「連續簽到 30 天」');
    const future = badge('x:1', { achievement: 'streak-of-legends' as MemberBadge['achievement'] });
    expect(textOf(say(future))).toBe('Mei unlocked a new badge');
    expect(textOf(say(badge('mission:m1:1', { achievement: null, label: '  ' }), 'zh-TW'))).toBe('Mei 解鎖了「新徽章」');
  });

  it('isolates the name and puts the name and a label in as text, never as HTML', () => {
    const html = say(badge('mission:m1:1', { achievement: null, label: '<b>VIP</b> & "co"' }), 'en', '<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>');
    expect(html).toContain('&lt;b&gt;VIP&lt;/b&gt; &amp; &quot;co&quot;');
    expect(html).toContain('data-achievement="mission"');
    expect(say(badge('first-purchase:1'))).toContain('data-achievement="first-purchase"');
  });
});

describe('achievement queue', () => {
  const queueOf = (events: AchievementEvent[], at = T0): AchievementQueue => events.reduce((q, e) => enqueueAchievement(q, room(), e, at), emptyAchievements());
  const shown = (q: AchievementQueue) => q.visible.map((a) => `${a.memberId} ${a.badge.id}`);
  const waiting = (q: AchievementQueue) => q.waiting.map((a) => `${a.memberId} ${a.badge.id}`);
  const first = badge('first-purchase:1');
  const fan = badge('super-fan:1');

  it("announces a member's badge once: not again while it shows, while it waits, nor after it left", () => {
    let q = queueOf([unlocked('m1', first), unlocked('m2', first), unlocked('m1', first), unlocked('m1', fan), unlocked('m2', first)]);
    expect(shown(q)).toEqual(['m1 first-purchase:1']);
    expect(waiting(q)).toEqual(['m2 first-purchase:1', 'm1 super-fan:1']);
    for (let i = 1; i <= 3; i++) q = expireToasts(q, ACHIEVEMENT_TOASTS, T0 + i * ACHIEVEMENT_VISIBLE_MS);
    expect(q.visible).toEqual([]);
    expect(enqueueAchievement(q, room(), unlocked('m1', first), T0 + 4 * ACHIEVEMENT_VISIBLE_MS)).toBe(q);
    expect(enqueueAchievement(q, room(), unlocked('m2', fan), T0 + 4 * ACHIEVEMENT_VISIBLE_MS).visible.map((a) => a.badge.id)).toEqual(['super-fan:1']);
  });

  it('ignores another show and no show, and does not remember what it ignored', () => {
    const q = emptyAchievements();
    expect(enqueueAchievement(q, room('s1'), unlocked('m1', first, { streamId: 's2' }), T0)).toBe(q);
    expect(enqueueAchievement(q, emptyRoom(), unlocked('m1', first), T0)).toBe(q);
    expect(shown(enqueueAchievement(q, room('s2'), unlocked('m1', first, { streamId: 's2' }), T0))).toEqual(['m1 first-purchase:1']);
  });

  it('remembers a bounded number of badges; a show switch clears the toasts but not the memory', () => {
    const many = queueOf(Array.from({ length: ACHIEVEMENT_REMEMBERED + 3 }, (_, i) => unlocked(`m${i}`, first)));
    expect(many.seen).toHaveLength(ACHIEVEMENT_REMEMBERED);
    const q = queueOf([unlocked('m1', first), unlocked('m2', first)]);
    expect(toastsAfterSnapshot(q, room(), snapshot('s1'))).toBe(q);
    const switched = toastsAfterSnapshot(q, room(), snapshot('s2'));
    expect([switched.visible, switched.waiting, switched.seen]).toEqual([[], [], ['m1 first-purchase:1', 'm2 first-purchase:1']]);
  });

  describe('on the store clock', () => {
    afterEach(() => vi.useRealTimers());

    it('shows achievements one after another, each for ACHIEVEMENT_VISIBLE_MS, in a queue of their own', () => {
      vi.useFakeTimers({ now: T0 });
      const store = createOverlayStore();
      const onAir = () => selectVisibleAchievements(store.getState()).map((a) => `${a.memberId} ${a.badge.id}`);
      store.getState().receiveSnapshot(snapshot('s1'));
      store.getState().receiveAchievement(unlocked('m1', first));
      store.getState().receiveAchievement(unlocked('m1', first)); // redelivered
      store.getState().receiveAchievement(unlocked('m9', first, { streamId: 's2' })); // another live show's
      store.getState().receiveAchievement(unlocked('m2', fan));
      expect(onAir()).toEqual(['m1 first-purchase:1']);
      vi.advanceTimersByTime(ACHIEVEMENT_VISIBLE_MS);
      expect(onAir()).toEqual(['m2 super-fan:1']);
      vi.advanceTimersByTime(ACHIEVEMENT_VISIBLE_MS);
      expect(onAir()).toEqual([]);
      expect([store.getState().badges.visible, store.getState().rewardAlerts.visible]).toEqual([[], []]);
    });
  });
});

describe('the goal bar', () => {
  const en = overlayTranslator('en');
  const zh = overlayTranslator('zh-TW');

  it('formats the counts with the unit of the metric, in both languages', () => {
    expect(goalBar(goal('g', { progress: 7432 }), en, 'en', T0).count).toBe('7,432 / 10,000 likes');
    expect(goalBar(goal('g', { progress: 7432 }), zh, 'zh-TW', T0).count).toBe('7,432 / 10,000 讚');
    expect(goalBar(goal('g', { metric: 'watchMinutes', progress: 1250, target: 3000 }), en, 'en', T0).count).toBe('1,250 / 3,000 minutes');
    expect(goalBar(goal('g', { metric: 'watchMinutes', progress: 1250, target: 3000 }), zh, 'zh-TW', T0).count).toBe('1,250 / 3,000 分鐘');
    expect(goalBar(goal('g', { metric: 'points', progress: 5, target: 20_000 }), zh, 'zh-TW', T0).count).toBe('5 / 20,000 點');
    expect(goalBar(goal('g', { metric: 'points', progress: 0, target: 1 }), en, 'en', T0).count).toBe('0 / 1 point');
  });

  it('fills in proportion, rounded down: 100 % only at the target, full past it with the real count', () => {
    const view = (progress: number, over: Partial<GoalView> = {}) => goalBar(goal('g', { progress, target: 3, ...over }), en, 'en', T0);
    expect([view(0).ratio, view(0).percent, view(0).completed]).toEqual([0, 0, false]);
    expect([view(1).percent, view(2).percent]).toEqual([33, 66]);
    expect(view(29, { target: 100 }).percent).toBe(29);
    expect(view(9999, { target: 10_000 }).percent).toBe(99);
    expect([view(3).ratio, view(3).percent]).toEqual([1, 100]);
    const past = view(7, { status: 'completed', completedAt: T0 - 60_000 });
    expect([past.ratio, past.percent, past.count, past.completed]).toEqual([1, 100, '7 / 3 likes', true]);
  });

  it('is completed once the server says so or the count reached the target, and celebrates its first GOAL_CELEBRATION_MS', () => {
    const done = goal('g', { status: 'completed', completedAt: T0, progress: 10_000 });
    expect(goalBar(done, en, 'en', T0 + 500)).toMatchObject({ completed: true, celebrating: true });
    expect(goalBar(done, en, 'en', T0 + GOAL_CELEBRATION_MS)).toMatchObject({ completed: true, celebrating: false });
    // counted to the target, its completion not heard yet: reached, the celebration comes with the completion
    expect(goalBar(goal('g', { progress: 10_000 }), en, 'en', T0)).toMatchObject({ completed: true, celebrating: false });
    expect(goalBar(goal('g', { progress: 9_999 }), en, 'en', T0)).toMatchObject({ completed: false, celebrating: false });
  });

  it('renders "title — count" as text, "Goal reached!" / "達成！" when completed', () => {
    const render = (g: GoalView, locale: Locale = 'en') =>
      renderToStaticMarkup(createElement(StoreProvider, { store: createOverlayStore(locale) }, createElement(GoalBar, { goal: g })));
    const active = render(goal('g1', { title: 'Flash <i>sale</i>', progress: 7432 }));
    expect(active).toContain('Flash &lt;i&gt;sale&lt;/i&gt;');
    expect(active).not.toContain('<i>');
    expect(active).toContain('data-percent="74"');
    expect(active).toContain('data-completed="false"');
    expect(active).not.toContain('overlay-goal-reached');
    expect(textOf(active)).toContain('Flash <i>sale</i> — 7,432 / 10,000 likes');
    const done = render(goal('g1', { title: 'Tea', progress: 10_250, status: 'completed', completedAt: Date.now() }), 'zh-TW');
    expect(textOf(done)).toBe('社群目標達成！Tea — 10,250 / 10,000 讚');
    expect(done).toContain('data-percent="100"');
    expect(done).toContain('data-testid="overlay-goal-burst"');
  });
});

describe('goals of the followed show', () => {
  it('each push replaces the list (archived ones leave, oldest first); another show is ignored', () => {
    let r = applyGoals(room(), { streamId: 's1', goals: [goal('g2', { createdAt: T0 + 1 }), goal('g1', { progress: 5 })] });
    expect(r.goals.map((g) => [g.id, g.progress])).toEqual([['g1', 5], ['g2', 0]]);
    r = applyGoals(r, { streamId: 's1', goals: [goal('g1', { progress: 9 }), goal('g2', { status: 'archived' })] });
    expect(r.goals.map((g) => [g.id, g.progress])).toEqual([['g1', 9]]);
    expect(applyGoals(r, { streamId: 's2', goals: [goal('x', { streamId: 's2' })] })).toBe(r);
    expect(applyGoals(emptyRoom(), { streamId: 's1', goals: [goal('g1')] })).toEqual(emptyRoom());
    expect(applyGoals(r, { streamId: 's1', goals: [] }).goals).toEqual([]);
  });

  it('a completion shows at once, its count never going back; another show is ignored', () => {
    const r = applyGoals(room(), { streamId: 's1', goals: [goal('g1', { progress: 10_004 })] });
    const done = applyGoalCompleted(r, { streamId: 's1', goal: goal('g1', { progress: 10_000, status: 'completed', completedAt: T0 }) });
    expect(done.goals).toEqual([goal('g1', { progress: 10_004, status: 'completed', completedAt: T0 })]);
    const unseen = applyGoalCompleted(room(), { streamId: 's1', goal: goal('g9', { progress: 3, status: 'completed', completedAt: T0 }) });
    expect(unseen.goals.map((g) => g.id)).toEqual(['g9']);
    expect(applyGoalCompleted(r, { streamId: 's2', goal: goal('g1', { streamId: 's2', status: 'completed' }) })).toBe(r);
  });

  it('a show switch clears them; a reconnect to the same show keeps them until they are read again', () => {
    const r = applyGoals(room(), { streamId: 's1', goals: [goal('g1', { progress: 5 })] });
    expect(applySnapshot(r, snapshot('s1')).goals).toBe(r.goals);
    expect(applySnapshot(r, snapshot('s2')).goals).toEqual([]);
    expect(applySnapshot(r, snapshot(null)).goals).toEqual([]);
  });
});

describe('overlay socket: achievements and goals', () => {
  interface Pending {
    streamId: string;
    resolve: (goals: GoalView[]) => void;
    reject: (err: Error) => void;
  }

  /** A socket the test drives, and a goals read that waits for the test's answer. */
  function bound() {
    const handlers = new Map<string, (payload: unknown) => void>();
    const socket = {
      connected: false,
      active: true,
      on: (event: string, handler: (payload: unknown) => void) => handlers.set(event, handler),
      off: (event: string) => handlers.delete(event),
    } as unknown as OverlaySocket;
    const reads: Pending[] = [];
    const timers: (() => void)[] = [];
    const never = () => new Promise<never>(() => undefined);
    const deps: BindingDeps = {
      measureOffset: never,
      fetchTiers: never,
      fetchGoals: (streamId) => new Promise((resolve, reject) => reads.push({ streamId, resolve, reject })),
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => undefined,
      random: () => 0.5,
    };
    const store: OverlayStore = createOverlayStore();
    const unbind = bindOverlaySocket(socket, store, deps);
    const emit = (event: string, payload: unknown) => handlers.get(event)!(payload);
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const goals = () => selectGoals(store.getState()).map((g) => `${g.id}=${g.progress}`);
    return { handlers, reads, timers, store, unbind, emit, settle, goals };
  }

  it('reads the goals after each snapshot, for the show it is of', async () => {
    const o = bound();
    o.emit('snapshot', snapshot('s1'));
    expect(o.reads.map((r) => r.streamId)).toEqual(['s1']);
    o.reads[0]!.resolve([goal('g1', { progress: 4 })]);
    await o.settle();
    expect(o.goals()).toEqual(['g1=4']);
    // the host switches the overlay to another show: its goals, not the first show's
    o.emit('snapshot', snapshot('s2'));
    expect(o.goals()).toEqual([]);
    o.reads[1]!.resolve([goal('h1', { streamId: 's2', progress: 1 })]);
    await o.settle();
    expect(o.goals()).toEqual(['h1=1']);
    o.emit('snapshot', snapshot(null));
    expect(o.reads).toHaveLength(2);
  });

  it('applies pushes, and drops a read that a push outdated', async () => {
    const o = bound();
    o.emit('snapshot', snapshot('s1'));
    o.emit('goals', { streamId: 's1', goals: [goal('g1', { progress: 8 })] });
    o.reads[0]!.resolve([goal('g1', { progress: 6 })]); // read before the push: older
    await o.settle();
    expect(o.goals()).toEqual(['g1=8']);
    o.emit('goal:completed', { streamId: 's1', goal: goal('g1', { progress: 10_000, status: 'completed', completedAt: T0 }) });
    expect(o.goals()).toEqual(['g1=10000']);
    expect(selectGoals(o.store.getState())[0]?.status).toBe('completed');
    // another show's push neither applies nor outdates this show's read
    o.emit('snapshot', snapshot('s1'));
    o.emit('goals', { streamId: 's2', goals: [goal('x', { streamId: 's2' })] });
    o.reads[1]!.resolve([goal('g1', { progress: 10_020, status: 'completed', completedAt: T0 })]);
    await o.settle();
    expect(o.goals()).toEqual(['g1=10020']);
  });

  it('tries a failed read again a few times, then waits for the pushes', async () => {
    const o = bound();
    o.emit('snapshot', snapshot('s1'));
    o.reads[0]!.reject(new Error('503'));
    await o.settle();
    expect(o.timers).toHaveLength(1);
    o.timers[0]!();
    o.reads[1]!.reject(new Error('503'));
    await o.settle();
    o.timers[1]!();
    o.reads[2]!.reject(new Error('503'));
    await o.settle();
    expect([o.reads.length, o.timers.length]).toEqual([3, 2]);
    o.emit('goals', { streamId: 's1', goals: [goal('g1', { progress: 2 })] });
    expect(o.goals()).toEqual(['g1=2']);
  });

  it('passes achievements to the queue, and unbinds every handler', () => {
    const o = bound();
    o.emit('snapshot', snapshot('s1'));
    o.emit('achievement', unlocked('m1', badge('first-purchase:1')));
    o.emit('achievement', unlocked('m2', badge('first-purchase:1'), { streamId: 's2' }));
    expect(selectVisibleAchievements(o.store.getState()).map((a) => a.memberId)).toEqual(['m1']);
    o.unbind();
    for (const event of ['achievement', 'goals', 'goal:completed']) expect(o.handlers.has(event)).toBe(false);
  });
});
