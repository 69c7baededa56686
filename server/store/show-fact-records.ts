/**
 * What happened in each show, for its report (issue 15): per member their
 * watch time and interactions there, per viewer (a member, or a guest
 * connection) when they arrived and whether a guest signed up or in, and
 * the most viewers at once. Written in batches by ShowFactsRecorder (a
 * second's worth per call), read by the report. Counts add up across
 * processes: a batch carries increments, and watch time, first and last
 * moments merge by max and min.
 */
import type { OrderFact, ShowWatch } from '../domain/insights/attribution.ts';
import type { MemberHistory } from '../insights/repurchase-ranking.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { Rules } from '../../shared/rules.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';

export interface ShowMemberDelta {
  streamId: string;
  memberId: string;
  /** The member's credited watch time in the show so far (merged by max). */
  watchMs: number;
  firstAt: number;
  lastAt: number;
  checkins: number;
  likes: number;
  comments: number;
}

export interface ShowViewerArrival {
  streamId: string;
  /** `m:<memberId>` or `g:<connection>` (domain/presence.ts viewerKeyOf). */
  viewerKey: string;
  memberId: string | null;
  at: number;
}

export interface GuestConversion {
  streamId: string;
  viewerKey: string;
  memberId: string;
  at: number;
}

export interface ShowFactsBatch {
  members: ShowMemberDelta[];
  viewers: ShowViewerArrival[];
  conversions: GuestConversion[];
  peaks: Array<{ streamId: string; viewers: number }>;
}

export interface ShowMemberRow extends ShowWatch {
  checkins: number;
  likes: number;
  comments: number;
}

export interface ShowAudience {
  /** Distinct viewers: members, and guest connections that stayed guests (one who signed up counts once, as the member). */
  viewers: number;
  peak: number;
  /** Distinct members who arrived. */
  members: number;
  guests: number;
  guestsConverted: number;
  /** Members who arrived whose account was created in [from, to). */
  newMembers: number;
}

export interface ShowFactRecords {
  recordShowFacts(batch: ShowFactsBatch): Promise<void>;
  showAudience(streamId: string, newFrom: number, newTo: number): Promise<ShowAudience>;
  /** Every member's row in this show. */
  showMembers(streamId: string): Promise<ShowMemberRow[]>;
  /** These members' rows in every show they first watched in [from, to]. */
  watchesOf(memberIds: string[], from: number, to: number): Promise<ShowWatch[]>;
  /** These members' orders paid in [from, to]. */
  ordersOf(memberIds: string[], from: number, to: number): Promise<OrderFact[]>;
  /**
   * Every member with their orders and the shows they watched (the repurchase
   * ranking). It reads everything: in SQLite the insights worker runs the same
   * reads on its own connection, off the event loop — the app calls this only
   * with MongoDB, whose reads do not hold the loop.
   */
  memberHistories(): Promise<MemberHistory[]>;
  /** The KPI rows over the whole history (domain/insights/insight-facts.ts); like memberHistories, the app calls it only with MongoDB. */
  kpiRows(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]>;
  /** Every member's summary at `now` (domain/insights/member-summary.ts); like memberHistories, the app calls it only with MongoDB. */
  memberSummaries(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): Promise<MemberSummary[]>;
  /** Roughly how many ledger entries there are (cheap): a large history has its insights' facts built at boot. */
  ledgerSize(): Promise<number>;
}
