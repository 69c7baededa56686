/** Verified watching: visibility, playback, heartbeats, the chest; and the room's quick actions (check-in, like, comment, share). */
import type { HeartbeatReply } from '../../../shared/events.ts';
import { LiveError, errorInfo } from './deps.ts';
import type { Slice } from './index.ts';
import { reduceHeartbeat } from './reducers.ts';
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
  setCheckin: (status: CheckinState['status'], streak?: number | null) => void;
  setLikeBusy: (busy: boolean, capped?: boolean) => void;
  resetWatch: () => void;
  /** one `watch:heartbeat` (the socket binding schedules them) */
  sendHeartbeat: (beat: { visible: boolean; playing: boolean }) => void;
  /** "Still watching?" — open the chest the last heartbeat offered */
  openChest: () => Promise<void>;
  checkIn: () => Promise<void>;
  /** each tap is its own like (its own requestId); paid up to the show's cap */
  like: () => Promise<void>;
  /** sends a comment; resolves with the refusal code, or null when it went out */
  comment: (text: string) => Promise<string | null>;
  /** the show's link; a member's carries `?ref=` so friends who watch earn them share points */
  shareLink: () => Promise<string>;
}

const initialWatch = (): WatchStatus => ({
  visible: typeof document === 'undefined' ? true : document.visibilityState === 'visible',
  playing: false,
  guestCreditedSeconds: 0,
  sessionCreditedSeconds: 0,
  watchedMs: null,
  chestReady: false,
  paused: false,
  counting: false,
});

export const createWatchSlice: Slice<WatchSlice> = (deps) => (set, get) => {
  /** Members only: a guest's tap opens the sign-up sheet instead. */
  const memberOnly = (): boolean => {
    if (get().token) return true;
    get().openAuth('signup');
    return false;
  };
  const streamIdOrThrow = (): string => {
    const streamId = get().streamId;
    if (!streamId) throw new LiveError({ code: 'OFFLINE', message: 'not in a room' });
    return streamId;
  };
  const toastError = (err: unknown) => {
    const { code } = errorInfo(err);
    // a ban is the host's decision, not a glitch: say so rather than "try again"
    get().pushToast({ kind: 'error', message: code === 'BANNED' ? { key: 'error.BANNED' } : { key: 'error.generic', params: { code } } });
  };
  /** What every paid interaction's ack brings: the balance, and the server's clock running again. */
  const interacted = (balance: number) => {
    get().applyBalance(balance);
    get().resumed();
  };

  return {
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

    sendHeartbeat(beat) {
      const streamId = get().streamId;
      if (!streamId) return;
      const isGuest = !get().token;
      const countable = beat.visible && beat.playing;
      deps.channel
        .call('watch:heartbeat', { streamId, ...beat })
        .then((reply) => {
          get().applyHeartbeat(reply, { isGuest, countable });
          get().applyBalance(reply.balance);
          // Watch time counts toward watch missions between the watch awards' points.
          if (reply.credited > 0) get().refreshMissions('watch');
        })
        .catch((err) => {
          const { code } = errorInfo(err);
          if (code === 'FORBIDDEN') void get().joinRoom(); // the server forgot our join (restart): join again
          if (code === 'NOT_LIVE') void deps.api.stream(streamId).then(({ stream }) => get().applyStream({ stream }), () => undefined);
        });
    },

    async openChest() {
      if (get().chestBusy || !memberOnly()) return;
      get().setChestBusy(true);
      try {
        const r = await deps.channel.call('watch:chest', { streamId: streamIdOrThrow() });
        interacted(r.balance);
        get().chestGone();
      } catch (err) {
        if (errorInfo(err).code === 'NOT_READY') get().chestGone();
        else toastError(err);
      } finally {
        get().setChestBusy(false);
      }
    },

    async checkIn() {
      if (get().checkin.status !== 'idle' || !memberOnly()) return;
      get().setCheckin('busy');
      try {
        const r = await deps.channel.call('interact', { streamId: streamIdOrThrow(), kind: 'checkin', requestId: deps.newRequestId() });
        interacted(r.balance);
        get().setCheckin('done', r.streak ?? null);
        if (r.capped) get().pushToast({ kind: 'info', message: { key: 'checkin.already' } });
      } catch (err) {
        get().setCheckin('idle');
        toastError(err);
      }
    },

    async like() {
      if (!memberOnly()) return;
      get().setLikeBusy(true);
      try {
        const r = await deps.channel.call('interact', { streamId: streamIdOrThrow(), kind: 'like', requestId: deps.newRequestId() });
        interacted(r.balance);
        get().setLikeBusy(false, r.capped);
      } catch (err) {
        get().setLikeBusy(false);
        toastError(err);
      }
    },

    async comment(text) {
      if (!memberOnly()) return 'UNAUTHENTICATED';
      try {
        const r = await deps.channel.call('interact', { streamId: streamIdOrThrow(), kind: 'comment', text, requestId: deps.newRequestId() });
        interacted(r.balance);
        return null;
      } catch (err) {
        return errorInfo(err).code;
      }
    },

    async shareLink() {
      const streamId = streamIdOrThrow();
      if (get().token) {
        try {
          return (await deps.channel.call('share:link', { streamId })).url;
        } catch {
          // fall through to the plain link
        }
      }
      return `${deps.origin}/live/${encodeURIComponent(streamId)}`;
    },
  };
};
