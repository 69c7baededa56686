/** Selectors of shows' reports (show-report-slice.ts) and the screen that shows one. */
import type { Stream } from '../../../shared/models.ts';
import type { HostState } from './index.ts';
import type { ShowReportRead } from './show-report-slice.ts';

const UNREAD: ShowReportRead = { state: 'loading', report: null, readAt: null };

/** The show whose report is open (null: the shows list). */
export const selectReportShowId = (s: HostState) => s.reportShowId;
/** The show's report as last read; loading with nothing when never read. */
export const selectShowReportOf = (streamId: string) => (s: HostState) => s.showReports[streamId] ?? UNREAD;
/** The show, when the list has it (undefined: not in the list, or the list not read yet). */
export const selectStreamById = (streamId: string) => (s: HostState): Stream | undefined => s.streams.find((x) => x.id === streamId);
/** The rules' order attribution, once the rules are read. */
export const selectAttribution = (s: HostState) => s.rules?.attribution ?? null;
