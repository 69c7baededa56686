/**
 * The live room's one store, built from slices. Components read it through the
 * named selectors in selectors.ts and change it only through actions; the
 * socket writes to it only from socket-bindings.ts.
 */
import { create } from 'zustand';
import { detectLocale } from '../../common/i18n.ts';
import { loadToken } from '../session.ts';
import { createPerksSlice, type PerksSlice } from './perks-slice.ts';
import { createRoomSlice, type RoomSlice } from './room-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';
import { createWatchSlice, type WatchSlice } from './watch-slice.ts';

export type LiveStore = SessionSlice & RoomSlice & WatchSlice & PerksSlice & UiSlice;

export const useLiveStore = create<LiveStore>()((...a) => ({
  ...createSessionSlice({ token: loadToken(), locale: detectLocale() })(...a),
  ...createRoomSlice(...a),
  ...createWatchSlice(...a),
  ...createPerksSlice(...a),
  ...createUiSlice(...a),
}));
