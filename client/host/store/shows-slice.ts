import { CreateStreamBody } from '../../../shared/schemas.ts';
import { problemOf } from '../logic/problems.ts';
import { textFrom } from '../logic/form-values.ts';
import { OK, authed, failed, invalid } from './call.ts';
import { upsertStream } from './reducers.ts';
import type { Slice } from './index.ts';
import type { ShowsSlice } from './types.ts';

export const createShowsSlice: Slice<ShowsSlice> = (deps) => (set, get) => {
  /** Start and end: one at a time per show, the answer (and the `stream` push) updates the list. */
  const transition = async (id: string, kind: 'start' | 'end') => {
    if (get().busyShowIds[id]) return;
    set((s) => ({ busyShowIds: { ...s.busyShowIds, [id]: kind } }));
    try {
      const { stream } = await authed(get, (t) => (kind === 'start' ? deps.api.startShow(t, id) : deps.api.endShow(t, id)));
      get().receiveStream(stream);
      get().notify('success', { key: kind === 'start' ? 'shows.started' : 'shows.ended', params: { title: stream.title } });
      if (kind === 'start') set({ focusedShowId: stream.id });
    } catch (err) {
      get().notify('error', problemOf(err));
      void get().loadShows();
    } finally {
      set((s) => {
        const { [id]: _, ...rest } = s.busyShowIds;
        return { busyShowIds: rest };
      });
    }
  };

  return {
    streams: [],
    showsLoaded: false,
    focusedShowId: null,
    busyShowIds: {},

    async loadShows() {
      try {
        const { streams } = await deps.api.listShows(get().token ?? '');
        set({ streams, showsLoaded: true });
      } catch (err) {
        get().notify('error', problemOf(err));
      }
    },
    async createShow(input) {
      const parsed = CreateStreamBody.safeParse({ title: input.title, playbackUrl: textFrom(input.playbackUrl) }, { reportInput: true });
      if (!parsed.success) return invalid(parsed.error);
      try {
        const { stream } = await authed(get, (t) => deps.api.createShow(t, parsed.data));
        get().receiveStream(stream);
        set({ focusedShowId: stream.id });
        get().notify('success', { key: 'shows.created', params: { title: stream.title } });
        return OK;
      } catch (err) {
        return failed(err);
      }
    },
    startShow: (id) => transition(id, 'start'),
    endShow: (id) => transition(id, 'end'),
    focusShow(focusedShowId) {
      set({ focusedShowId });
    },
    receiveStream(stream) {
      set((s) => ({ streams: upsertStream(s.streams, stream) }));
    },
  };
};
