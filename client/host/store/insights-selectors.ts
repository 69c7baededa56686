/** Selectors of the Insights view (kpis-slice.ts, members-slice.ts, repurchase-slice.ts). */
import type { HostState } from './index.ts';

/** Which part of Insights is open. */
export const selectInsightsPart = (s: HostState) => s.insightsPart;

export const selectKpiRange = (s: HostState) => s.kpiRange;
export const selectKpis = (s: HostState) => s.kpis;
/** The rules' time zone once the rules are read (the KPIs' days are its days); null before. */
export const selectTimeZone = (s: HostState) => s.rules?.timezone ?? null;

export const selectMemberSelection = (s: HostState) => s.memberSelection;
export const selectMemberPage = (s: HostState) => s.memberPage;
export const selectSegmentList = (s: HostState) => s.segmentList;
export const selectMembersCsvBusy = (s: HostState) => s.membersCsvBusy;

export const selectRepurchase = (s: HostState) => s.repurchase;
