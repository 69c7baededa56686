/** Verified watching: visibility, playback, heartbeat results, the chest; and the room's quick actions. */
import type { HeartbeatReply } from '../../../shared/events.ts';
import type { Streak } from '../logic/checkin.ts';
import { reduceHeartbeat } from './reducers.ts';
import type { Slice } from './slice.ts';
import type { CheckinState, WatchStatus } from './types.ts';

export interface WatchSlice {
  watch: WatchStatus;
  chestBusy: boolean;
  checkin: CheckinState;
  likeBusy: boolean;
  likesCapped: boolean;
  setVisible: (visible: boolean) => void;
  setPlaying: (playing: boolean) => void;
  applyHeartbeat: (reply: HeartbeatReply, beat: { isGuest: boolean; countable: boolean }) => void;
  stopCounting: () => void;
  setChestBusy: (busy: boolean) => void;
  chestGone: () => void;
  resumed: () => void;
  setCheckin: (status: CheckinState['status'], streak?: Streak | null) => void;
  setLikeBusy: (busy: boolean, capped?: boolean) => void;
  resetWatch: () => void;
}

const initialWatch = (): WatchStatus => ({
  visible: typeof document === 'undefined' ? true : document.visibilityState === 'visible',
  playing: false,
  guestCreditedSeconds: 0,
  sessionCreditedSeconds: 0,
  chestReady: false,
  paused: false,
  counting: false,
});

export const createWatchSlice: Slice<WatchSlice> = (set) => ({
  watch: initialWatch(),
  chestBusy: false,
  checkin: { status: 'idle', streak: null },
  likeBusy: false,
  likesCapped: false,
  setVisible: (visible) => set((s) => (s.watch.visible === visible ? {} : { watch: { ...s.watch, visible } })),
  setPlaying: (playing) => set((s) => (s.watch.playing === playing ? {} : { watch: { ...s.watch, playing } })),
  applyHeartbeat: (reply, beat) => set((s) => ({ watch: reduceHeartbeat(s.watch, reply, beat) })),
  stopCounting: () => set((s) => (s.watch.counting ? { watch: { ...s.watch, counting: false } } : {})),
  setChestBusy: (chestBusy) => set({ chestBusy }),
  chestGone: () => set((s) => ({ watch: { ...s.watch, chestReady: false } })),
  /** Any interaction restarts paused accrual on the server; show it at once. */
  resumed: () => set((s) => (s.watch.paused ? { watch: { ...s.watch, paused: false } } : {})),
  setCheckin: (status, streak) => set((s) => ({ checkin: { status, streak: streak === undefined ? s.checkin.streak : streak } })),
  setLikeBusy: (likeBusy, capped) => set((s) => ({ likeBusy, likesCapped: capped ?? s.likesCapped })),
  resetWatch: () =>
    set((s) => ({ watch: { ...initialWatch(), playing: s.watch.playing }, checkin: { status: 'idle', streak: null }, likesCapped: false })),
});
