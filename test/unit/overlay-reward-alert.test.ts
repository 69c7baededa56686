/**
 * The overlay's reward alerts (issue 13): the pure queue (one on screen at a
 * time, the rest wait their turn; each redemption once; only the followed
 * show's), the store's timer that shows them one after another, the socket
 * binding of `reward:alert`, and the toast rendered with a real store: the
 * member's name and the reward's title as text, never HTML.
 * The browser flow is test/e2e/overlay-reward-alert.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import type { Locale } from '../../client/common/i18n.ts';
import type { OverlaySnapshot, RewardAlertEvent } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import { RewardAlert } from '../../overlay/components/RewardAlerts.tsx';
import { StoreProvider } from '../../overlay/hooks.ts';
import { bindOverlaySocket, type BindingDeps, type OverlaySocket } from '../../overlay/socket-bindings.ts';
import { applySnapshot, enqueueRewardAlert, expireToasts, nextToastExpiry, toastsAfterSnapshot } from '../../overlay/store/reducers.ts';
import { createStore, type OverlayStore } from '../../overlay/store/index.ts';
import { selectVisibleRewardAlerts } from '../../overlay/store/selectors.ts';
import {
  emptyRewardAlerts,
  emptyRoom,
  REWARD_ALERT_MAX_WAITING,
  REWARD_ALERT_REMEMBERED,
  REWARD_ALERT_VISIBLE_MS,
  REWARD_ALERTS,
  type RewardAlertQueue,
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

function alert(redemptionId: string, over: Partial<RewardAlertEvent> = {}): RewardAlertEvent {
  return { streamId: 's1', redemptionId, displayName: 'Mei', rewardId: 'rw1', rewardTitle: 'Free shipping', kind: 'shipping', ...over };
}

const queueOf = (events: RewardAlertEvent[], at = T0): RewardAlertQueue =>
  events.reduce((q, e) => enqueueRewardAlert(q, room(), e, at), emptyRewardAlerts());
const shown = (q: RewardAlertQueue) => q.visible.map((a) => a.redemptionId);
const waiting = (q: RewardAlertQueue) => q.waiting.map((a) => a.redemptionId);

const createOverlayStore = (locale: Locale = 'en') => createStore({ ...browserTimers, locale });
const onAir = (store: OverlayStore) => selectVisibleRewardAlerts(store.getState()).map((a) => a.redemptionId);

describe('reward alert queue', () => {
  it('shows one at a time: the next waits until the first has had its REWARD_ALERT_VISIBLE_MS', () => {
    let q = queueOf([alert('r1'), alert('r2'), alert('r3')]);
    expect(shown(q)).toEqual(['r1']);
    expect(waiting(q)).toEqual(['r2', 'r3']);
    expect(q.visible[0]).toMatchObject({ displayName: 'Mei', rewardTitle: 'Free shipping', kind: 'shipping', shownAt: T0 });
    expect(nextToastExpiry(q, REWARD_ALERTS)).toBe(T0 + REWARD_ALERT_VISIBLE_MS);
    expect(expireToasts(q, REWARD_ALERTS, T0 + REWARD_ALERT_VISIBLE_MS - 1)).toBe(q);
    q = expireToasts(q, REWARD_ALERTS, T0 + REWARD_ALERT_VISIBLE_MS);
    expect(shown(q)).toEqual(['r2']);
    expect(q.visible[0]?.shownAt).toBe(T0 + REWARD_ALERT_VISIBLE_MS);
    expect(waiting(q)).toEqual(['r3']);
    q = expireToasts(q, REWARD_ALERTS, T0 + 2 * REWARD_ALERT_VISIBLE_MS);
    q = expireToasts(q, REWARD_ALERTS, T0 + 3 * REWARD_ALERT_VISIBLE_MS);
    expect(q.visible).toEqual([]);
    expect(nextToastExpiry(q, REWARD_ALERTS)).toBeNull();
  });

  it('announces a redemption once: not again while it shows, while it waits, nor after it left', () => {
    let q = queueOf([alert('r1'), alert('r2'), alert('r1'), alert('r2')]);
    expect(shown(q)).toEqual(['r1']);
    expect(waiting(q)).toEqual(['r2']);
    q = expireToasts(q, REWARD_ALERTS, T0 + 3 * REWARD_ALERT_VISIBLE_MS);
    q = expireToasts(q, REWARD_ALERTS, T0 + 4 * REWARD_ALERT_VISIBLE_MS);
    expect(q.visible).toEqual([]);
    expect(enqueueRewardAlert(q, room(), alert('r1'), T0 + 5 * REWARD_ALERT_VISIBLE_MS)).toBe(q);
    // the same member redeeming the same reward again is a new redemption: announced
    expect(shown(enqueueRewardAlert(q, room(), alert('r3'), T0 + 5 * REWARD_ALERT_VISIBLE_MS))).toEqual(['r3']);
    // every toast has its own id (React key)
    const burst = queueOf([alert('a'), alert('b'), alert('c')]);
    expect(new Set([...burst.visible, ...burst.waiting].map((a) => a.id)).size).toBe(3);
  });

  it('ignores alerts for another show and while no show is followed', () => {
    const q = emptyRewardAlerts();
    expect(enqueueRewardAlert(q, room('s1'), alert('r1', { streamId: 's2' }), T0)).toBe(q);
    expect(enqueueRewardAlert(q, emptyRoom(), alert('r1'), T0)).toBe(q);
    // ignored, it is not remembered either: the followed show's copy of it still shows
    expect(shown(enqueueRewardAlert(q, room('s2'), alert('r1', { streamId: 's2' }), T0))).toEqual(['r1']);
  });

  it('a burst keeps only the newest REWARD_ALERT_MAX_WAITING waiting, and remembers a bounded number of redemptions', () => {
    const q = queueOf(Array.from({ length: 1 + REWARD_ALERT_MAX_WAITING + 3 }, (_, i) => alert(`r${i}`)));
    expect(shown(q)).toEqual(['r0']);
    expect(waiting(q)).toEqual(Array.from({ length: REWARD_ALERT_MAX_WAITING }, (_, i) => `r${i + 4}`));
    const many = queueOf(Array.from({ length: REWARD_ALERT_REMEMBERED + 5 }, (_, i) => alert(`m${i}`)));
    expect(many.seen).toHaveLength(REWARD_ALERT_REMEMBERED);
    expect(many.seen.at(-1)).toBe(`m${REWARD_ALERT_REMEMBERED + 4}`);
  });

  it('a switch to another show clears the alerts; a reconnect to the same show keeps them', () => {
    const q = queueOf([alert('r1'), alert('r2')]);
    expect(toastsAfterSnapshot(q, room(), snapshot('s1'))).toBe(q);
    const switched = toastsAfterSnapshot(q, room(), snapshot('s2'));
    expect([switched.visible, switched.waiting]).toEqual([[], []]);
    expect(switched.seen).toEqual(['r1', 'r2']);
  });
});

describe('overlay store: reward alerts on a clock', () => {
  afterEach(() => vi.useRealTimers());

  it('shows queued alerts one after another, each for REWARD_ALERT_VISIBLE_MS', () => {
    vi.useFakeTimers({ now: T0 });
    const store = createOverlayStore();
    store.getState().receiveSnapshot(snapshot('s1'));
    for (const id of ['r1', 'r2', 'r3']) store.getState().receiveRewardAlert(alert(id));
    store.getState().receiveRewardAlert(alert('r1')); // redelivered
    store.getState().receiveRewardAlert(alert('x1', { streamId: 's2' })); // another live show's
    expect(onAir(store)).toEqual(['r1']);
    vi.advanceTimersByTime(REWARD_ALERT_VISIBLE_MS - 1);
    expect(onAir(store)).toEqual(['r1']);
    vi.advanceTimersByTime(1);
    expect(onAir(store)).toEqual(['r2']);
    vi.advanceTimersByTime(REWARD_ALERT_VISIBLE_MS);
    expect(onAir(store)).toEqual(['r3']);
    vi.advanceTimersByTime(REWARD_ALERT_VISIBLE_MS);
    expect(onAir(store)).toEqual([]);
    // the badge queue is its own: an alert never takes a badge's place
    expect(store.getState().badges.visible).toEqual([]);
  });
});

describe('overlay socket: reward:alert', () => {
  it('reaches the store through the binding, and is unbound with the rest', () => {
    const handlers = new Map<string, (payload: unknown) => void>();
    const socket = {
      connected: false,
      active: true,
      on: (event: string, handler: (payload: unknown) => void) => handlers.set(event, handler),
      off: (event: string) => handlers.delete(event),
    } as unknown as OverlaySocket;
    const never = () => new Promise<never>(() => undefined);
    const deps: BindingDeps = { measureOffset: never, fetchTiers: never, setTimeout: () => null, clearTimeout: () => undefined, random: () => 0.5 };
    const store = createOverlayStore();
    const unbind = bindOverlaySocket(socket, store, deps);
    handlers.get('snapshot')!(snapshot('s1'));
    handlers.get('reward:alert')!(alert('r1'));
    handlers.get('reward:alert')!(alert('r9', { streamId: 's2' }));
    expect(onAir(store)).toEqual(['r1']);
    expect(store.getState().rewardAlerts.waiting).toEqual([]);
    unbind();
    expect(handlers.has('reward:alert')).toBe(false);
  });
});

describe('the reward alert toast', () => {
  /** An alert as the queue holds it, rendered in `locale` with a real store. */
  function render(e: RewardAlertEvent, locale: Locale = 'en'): string {
    const [toast] = queueOf([e]).visible;
    const store = createOverlayStore(locale);
    return renderToStaticMarkup(createElement(StoreProvider, { store }, createElement(RewardAlert, { alert: toast! })));
  }
  const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

  it('reads "Mei redeemed Free shipping", in Chinese "Mei 兌換了 Free shipping", the name isolated', () => {
    const en = render(alert('r1'));
    expect(textOf(en)).toBe('Mei redeemed Free shipping');
    expect(en).toContain('<bdi>Mei</bdi>');
    expect(en).toContain('data-kind="shipping"');
    expect(textOf(render(alert('r1'), 'zh-TW'))).toBe('Mei 兌換了 Free shipping');
  });

  it('puts the name and the title in as text, never as HTML', () => {
    const html = render(alert('r1', { displayName: '<img src=x onerror=alert(1)>', rewardTitle: '<b>Free</b> & "more"' }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>');
    expect(html).toContain('&lt;b&gt;Free&lt;/b&gt; &amp; &quot;more&quot;');
  });
});
