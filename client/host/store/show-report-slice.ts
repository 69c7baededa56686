/**
 * Shows' reports (issue 15, `GET /api/streams/:id/report`), read on demand:
 * once when opened, and again every few seconds while the show is live
 * (the screen decides when). Each show's report is kept apart.
 */
import type { ShowReport } from '../../../shared/insights.ts';
import { problemOf } from '../logic/problems.ts';
import { authed } from './call.ts';
import type { Slice } from './index.ts';

export interface ShowReportRead {
  state: 'loading' | 'ready' | 'error';
  /** The last report read (kept while a refresh is under way or failed); null until one arrives. */
  report: ShowReport | null;
  /** When it was read (ms, device clock). */
  readAt: number | null;
}

export interface ShowReportSlice {
  /** By show id; absent: never read. */
  showReports: Readonly<Record<string, ShowReportRead>>;
  /** Reads the show's report again; `quiet`: a background refresh, a failure not announced. */
  loadShowReport(streamId: string, quiet?: boolean): Promise<void>;
}

export const createShowReportSlice: Slice<ShowReportSlice> = (deps) => (set, get) => {
  // Per show, only the newest read lands: a slow answer never replaces a fresher one.
  const generations = new Map<string, number>();
  const update = (streamId: string, next: Partial<ShowReportRead>) =>
    set((s) => ({
      showReports: { ...s.showReports, [streamId]: { state: 'loading', report: null, readAt: null, ...s.showReports[streamId], ...next } },
    }));
  return {
    showReports: {},
    async loadShowReport(streamId, quiet = false) {
      const mine = (generations.get(streamId) ?? 0) + 1;
      generations.set(streamId, mine);
      update(streamId, { state: 'loading' });
      try {
        const { report } = await authed(get, (t) => deps.api.showReport(t, streamId));
        if (generations.get(streamId) === mine) update(streamId, { state: 'ready', report, readAt: deps.now() });
      } catch (err) {
        if (generations.get(streamId) !== mine) return;
        update(streamId, { state: 'error' });
        if (!quiet) get().notify('error', problemOf(err), `report:${streamId}`);
      }
    },
  };
};
