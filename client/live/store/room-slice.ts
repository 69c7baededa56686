/**
 * The show being watched: its record, the connection, presence, chat,
 * leaderboard, own ledger; joining it (socket-bindings.ts connects while a
 * room is entered and joins on every connect).
 */
import type {
  BadgeEvent,
  CommentEvent,
  MemberShowState,
  CommentRemovedEvent,
  LeaderboardEvent,
  ModerationEvent,
  PointsEvent,
  PresenceEvent,
} from '../../../shared/events.ts';
import type { LeaderboardEntry, LedgerEntry, Stream } from '../../../shared/models.ts';
import { errorInfo } from './deps.ts';
import type { Slice } from './index.ts';
import { lastFeedSeq, reduceHistory, reduceMemberShowState } from './join-reducers.ts';
import { asMember } from './member-call.ts';
import {
  reduceBadge,
  reduceComment,
  reduceCommentRemoved,
  reduceLeaderboard,
  reduceLedgerWithPoints,
  reducePresence,
  reduceSlowMode,
  reduceStream,
} from './reducers.ts';
import type { ConnectionStatus, FeedItem, LedgerState, Presence } from './types.ts';

export type RoomStatus = 'loading' | 'ready' | 'not-found' | 'ended' | 'error';

export interface RoomSlice {
  streamId: string | null;
  /** the member whose share link brought this viewer (`?ref=`), sent with every join */
  ref: string | null;
  stream: Stream | null;
  roomStatus: RoomStatus;
  connection: ConnectionStatus;
  /** stream:join acknowledged on the current connection */
  joined: boolean;
  presence: Presence;
  feed: FeedItem[];
  /** seconds between one member's comments, as the host set it (0 = off) */
  slowModeSeconds: number;
  leaderboard: LeaderboardEntry[];
  ledger: LedgerState;
  /** opens the room of a show (the socket binding connects) */
  enterRoom: (streamId: string, ref: string | null) => void;
  /** leaves it (the socket binding disconnects) */
  leaveRoom: () => void;
  /** `stream:join` on the current connection, then everything the join ack does not carry */
  joinRoom: () => Promise<void>;
  refreshRoomData: (streamId: string) => Promise<void>;
  /** the first ledger page, or the next one (`more`) */
  loadLedger: (more: boolean) => Promise<void>;
  setConnection: (connection: ConnectionStatus) => void;
  setJoined: (joined: boolean) => void;
  roomLoaded: (r: { stream: Stream; viewers: number; members: number }) => void;
  /** the show's recent comments from a join ack; `sinceSeq`: the feed's last item when the join was sent */
  historyLoaded: (comments: CommentEvent[], sinceSeq: number) => void;
  /** a member's own state in the show from a join ack (check-in, like cap, claims, entries) */
  memberShowLoaded: (mine: MemberShowState) => void;
  setRoomStatus: (status: RoomStatus, stream?: Stream | null) => void;
  applyPresence: (e: PresenceEvent) => void;
  applyComment: (e: CommentEvent) => void;
  applyCommentRemoved: (e: CommentRemovedEvent) => void;
  applyModeration: (e: ModerationEvent) => void;
  applyBadge: (e: BadgeEvent, at: number) => void;
  applyLeaderboard: (e: LeaderboardEvent) => void;
  applyStream: (e: { stream: Stream }) => void;
  setLeaderboard: (entries: LeaderboardEntry[]) => void;
  ledgerLoading: () => void;
  ledgerFailed: () => void;
  ledgerLoaded: (page: { entries: LedgerEntry[]; next?: string }, append: boolean) => void;
  ledgerPoints: (e: PointsEvent, at: number) => void;
  resetLedger: () => void;
}

const EMPTY_LEDGER: LedgerState = { entries: [], next: null, status: 'idle' };

export const createRoomSlice: Slice<RoomSlice> = (deps) => (set, get) => ({
  streamId: null,
  ref: null,
  stream: null,
  roomStatus: 'loading',
  connection: 'idle',
  joined: false,
  presence: { viewers: 0, members: 0 },
  feed: [],
  slowModeSeconds: 0,
  leaderboard: [],
  ledger: EMPTY_LEDGER,
  enterRoom: (streamId, ref) => {
    set({
      streamId,
      ref,
      connection: 'connecting',
      stream: null,
      roomStatus: 'loading',
      joined: false,
      presence: { viewers: 0, members: 0 },
      feed: [],
      slowModeSeconds: 0,
      leaderboard: [],
    });
    get().resetGoals();
    void get().loadRules();
  },
  leaveRoom: () => {
    set({ streamId: null, ref: null, joined: false });
    get().stopMissions();
  },

  async joinRoom() {
    const { streamId, ref } = get();
    if (!streamId) return;
    try {
      const sinceSeq = lastFeedSeq(get().feed);
      const ack = await deps.channel.call('stream:join', ref ? { streamId, ref } : { streamId });
      get().roomLoaded(ack);
      get().historyLoaded(ack.comments, sinceSeq);
      get().setJoined(true);
      if (ack.me) get().memberLoaded(ack.me);
      if (ack.mine) get().memberShowLoaded(ack.mine);
    } catch (err) {
      const { code } = errorInfo(err);
      if (code === 'NOT_LIVE') {
        const found = await deps.api.stream(streamId).catch(() => null);
        get().setRoomStatus('ended', found?.stream ?? null);
      } else if (code === 'NOT_FOUND' || code === 'VALIDATION') {
        get().setRoomStatus('not-found');
        return;
      } else {
        get().setRoomStatus('error');
        return;
      }
    }
    await get().refreshRoomData(streamId);
  },

  async refreshRoomData(streamId) {
    get().refreshMissions('join');
    const ignore = () => undefined; // a section that fails to load stays as it was; the next (re)join tries again
    await Promise.all([
      get().loadRules(true),
      deps.api.drops(streamId).then(({ drops }) => get().setDrops(drops), ignore),
      deps.api.lotteries(streamId).then(({ lotteries }) => get().setLotteries(lotteries), ignore),
      deps.api.leaderboard(streamId).then(({ entries }) => get().setLeaderboard(entries), ignore),
      get().loadGoals(streamId),
      get().refreshMemberData(),
      get().refreshRewards(),
    ]);
  },

  async loadLedger(more) {
    const s = get();
    if (!s.token || (more && !s.ledger.next)) return;
    s.ledgerLoading();
    const page = await asMember(get, (t) => deps.api.ledger(t, more ? s.ledger.next : null));
    if (page) get().ledgerLoaded(page, more);
    else if (get().token) get().ledgerFailed();
  },

  setConnection: (connection) => set({ connection }),
  setJoined: (joined) => set({ joined }),
  roomLoaded: ({ stream, viewers, members }) =>
    set({ stream, presence: { viewers, members }, roomStatus: stream.status === 'ended' ? 'ended' : 'ready' }),
  historyLoaded: (comments, sinceSeq) => set((s) => ({ feed: reduceHistory(s.feed, s.streamId, comments, sinceSeq) })),
  memberShowLoaded(mine) {
    set((s) => reduceMemberShowState(s, mine));
    const me = get().me;
    if (me) deps.memory.saveEntered(me.member.id, get().entered);
  },
  setRoomStatus: (roomStatus, stream) => set(stream === undefined ? { roomStatus } : { roomStatus, stream }),
  applyPresence: (e) => set((s) => ({ presence: reducePresence(s.presence, s.streamId, e) })),
  applyComment: (e) => set((s) => ({ feed: reduceComment(s.feed, s.streamId, e) })),
  applyCommentRemoved: (e) => set((s) => ({ feed: reduceCommentRemoved(s.feed, s.streamId, e) })),
  applyModeration: (e) => set((s) => ({ slowModeSeconds: reduceSlowMode(s.slowModeSeconds, s.streamId, e) })),
  applyBadge: (e, at) => set((s) => ({ feed: reduceBadge(s.feed, s.streamId, e, at) })),
  applyLeaderboard: (e) => set((s) => ({ leaderboard: reduceLeaderboard(s.leaderboard, s.streamId, e) })),
  applyStream: (e) =>
    set((s) => {
      const stream = reduceStream(s.stream, e);
      return { stream, roomStatus: stream?.status === 'ended' ? 'ended' : s.roomStatus };
    }),
  setLeaderboard: (leaderboard) => set({ leaderboard }),
  ledgerLoading: () => set((s) => ({ ledger: { ...s.ledger, status: 'loading' } })),
  ledgerFailed: () => set((s) => ({ ledger: { ...s.ledger, status: 'error' } })),
  ledgerLoaded: (page, append) =>
    set((s) => ({
      ledger: { entries: append ? [...s.ledger.entries, ...page.entries] : page.entries, next: page.next ?? null, status: 'ready' },
    })),
  ledgerPoints: (e, at) =>
    set((s) => (s.me ? { ledger: reduceLedgerWithPoints(s.ledger, e, s.me.member.id, s.streamId, at) } : {})),
  resetLedger: () => set({ ledger: EMPTY_LEDGER }),
});
