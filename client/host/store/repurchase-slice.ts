/** Who will buy again (issue 15, `GET /api/insights/repurchase`): the top of the ranking, read when its part of Insights opens. */
import type { RepurchaseRanking } from '../api.ts';
import { RANKING_SIZE } from '../logic/repurchase-words.ts';
import type { Slice } from './index.ts';
import { UNREAD, newestRead, type Read } from './read.ts';

export interface RepurchaseSlice {
  repurchase: Read<RepurchaseRanking>;
  loadRepurchase(): Promise<void>;
}

export const createRepurchaseSlice: Slice<RepurchaseSlice> = (deps) => (set, get) => {
  const read = newestRead<RepurchaseRanking>(
    deps,
    get,
    () => get().repurchase,
    (repurchase) => set({ repurchase }),
    'insights:repurchase',
  );
  return {
    repurchase: UNREAD,
    async loadRepurchase() {
      await read(async (t) => (await deps.api.repurchase(t, RANKING_SIZE)).ranking);
    },
  };
};
