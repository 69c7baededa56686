/** The show being watched: its record, the connection, presence, chat, leaderboard, own ledger. */
import type { BadgeEvent, CommentEvent, LeaderboardEvent, PointsEvent, PresenceEvent } from '../../../shared/events.ts';
import type { LeaderboardEntry, LedgerEntry, Stream } from '../../../shared/models.ts';
import { reduceBadge, reduceComment, reduceLeaderboard, reduceLedgerWithPoints, reducePresence, reduceStream } from './reducers.ts';
import type { Slice } from './slice.ts';
import type { ConnectionStatus, FeedItem, LedgerState, Presence } from './types.ts';

export type RoomStatus = 'loading' | 'ready' | 'not-found' | 'ended' | 'error';

export interface RoomSlice {
  streamId: string | null;
  stream: Stream | null;
  roomStatus: RoomStatus;
  connection: ConnectionStatus;
  /** stream:join acknowledged on the current connection */
  joined: boolean;
  presence: Presence;
  feed: FeedItem[];
  leaderboard: LeaderboardEntry[];
  ledger: LedgerState;
  enterRoom: (streamId: string) => void;
  setConnection: (connection: ConnectionStatus) => void;
  setJoined: (joined: boolean) => void;
  roomLoaded: (r: { stream: Stream; viewers: number; members: number }) => void;
  setRoomStatus: (status: RoomStatus, stream?: Stream | null) => void;
  applyPresence: (e: PresenceEvent) => void;
  applyComment: (e: CommentEvent) => void;
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

export const createRoomSlice: Slice<RoomSlice> = (set) => ({
  streamId: null,
  stream: null,
  roomStatus: 'loading',
  connection: 'idle',
  joined: false,
  presence: { viewers: 0, members: 0 },
  feed: [],
  leaderboard: [],
  ledger: EMPTY_LEDGER,
  enterRoom: (streamId) =>
    set({ streamId, stream: null, roomStatus: 'loading', joined: false, presence: { viewers: 0, members: 0 }, feed: [], leaderboard: [] }),
  setConnection: (connection) => set({ connection }),
  setJoined: (joined) => set({ joined }),
  roomLoaded: ({ stream, viewers, members }) =>
    set({ stream, presence: { viewers, members }, roomStatus: stream.status === 'ended' ? 'ended' : 'ready' }),
  setRoomStatus: (roomStatus, stream) => set(stream === undefined ? { roomStatus } : { roomStatus, stream }),
  applyPresence: (e) => set((s) => ({ presence: reducePresence(s.presence, s.streamId, e) })),
  applyComment: (e) => set((s) => ({ feed: reduceComment(s.feed, s.streamId, e) })),
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
