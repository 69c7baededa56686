/**
 * A toast queue's action (badges, reward alerts, achievements), written
 * once: it queues an event through the kind's pure reducer. One timer per
 * queue, always set for the next toast to leave, drops the toasts whose time
 * is up and shows waiting ones; each toast's own CSS animation (same
 * duration) plays its exit.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { StoreDeps } from './deps.ts';
import type { OverlayState } from './index.ts';
import { expireToasts, nextToastExpiry } from './reducers.ts';
import type { RoomState, ToastTiming } from './types.ts';

type ToastKey = 'badges' | 'rewardAlerts' | 'achievements';

/** The `receive` action of the queue at `key` of the store. */
export function toastReceiver<K extends ToastKey, E>(
  deps: StoreDeps,
  set: StoreApi<OverlayState>['setState'],
  get: () => OverlayState,
  key: K,
  timing: ToastTiming,
  enqueue: (queue: OverlayState[K], room: RoomState, e: E, now: number) => OverlayState[K],
): (e: E) => void {
  let timer: unknown = null;
  let timerAt: number | null = null;

  const schedule = () => {
    const at = nextToastExpiry(get()[key], timing);
    if (at === timerAt) return;
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
    timerAt = at;
    if (at === null) return;
    timer = deps.setTimeout(() => {
      timer = null;
      timerAt = null;
      expire();
    }, Math.max(0, at - deps.now()));
  };

  const update = (next: (s: OverlayState, now: number) => OverlayState[K]) => {
    set((s) => ({ [key]: next(s, deps.now()) }) as Pick<OverlayState, K>);
    schedule();
  };
  const expire = () => update((s, now) => expireToasts(s[key], timing, now));
  return (e) => update((s, now) => enqueue(s[key], s.room, e, now));
}
