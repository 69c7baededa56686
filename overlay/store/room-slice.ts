/** The followed show: snapshot, presence, top fans, status. */
import type { LeaderboardEvent, OverlaySnapshot, PresenceEvent, StreamEvent } from '../../shared/events.ts';
import type { Slice } from './index.ts';
import { applyLeaderboard, applyPresence, applySnapshot, applyStream, toastsAfterSnapshot } from './reducers.ts';
import { emptyRoom, type RoomState } from './types.ts';

export interface RoomSlice {
  room: RoomState;
  /** on connect and on every show switch: replaces the room; another show's toasts leave */
  receiveSnapshot: (snapshot: OverlaySnapshot) => void;
  receivePresence: (e: PresenceEvent) => void;
  receiveLeaderboard: (e: LeaderboardEvent) => void;
  receiveStream: (e: StreamEvent) => void;
}

export const createRoomSlice: Slice<RoomSlice> = () => (set) => ({
  room: emptyRoom(),
  receiveSnapshot: (snapshot) =>
    set((s) => ({
      room: applySnapshot(s.room, snapshot),
      badges: toastsAfterSnapshot(s.badges, s.room, snapshot),
      rewardAlerts: toastsAfterSnapshot(s.rewardAlerts, s.room, snapshot),
      achievements: toastsAfterSnapshot(s.achievements, s.room, snapshot),
    })),
  receivePresence: (e) => set((s) => ({ room: applyPresence(s.room, e) })),
  receiveLeaderboard: (e) => set((s) => ({ room: applyLeaderboard(s.room, e) })),
  receiveStream: (e) => set((s) => ({ room: applyStream(s.room, e) })),
});
