/**
 * Insights (issue 15): what a show did and whether membership pays. The
 * figures' meanings are written once, in server/domain/insights/ and
 * docs/INSIGHTS.md; these are the shapes the API and the dashboard share.
 */
import { z } from 'zod';

/** A show's report (`GET /api/streams/:id/report`). Times in ms, money in cents of the shop's currency. */
export interface ShowReport {
  streamId: string;
  viewers: { total: number; peak: number };
  /** Distinct members in the show, and accounts created during it that joined it. */
  members: number;
  newMembers: number;
  /** Viewers who arrived as guests, those who signed up or in during the show, and their share (null: no guests). */
  guests: number;
  guestsConverted: number;
  conversionRate: number | null;
  watchMinutes: number;
  /** Per member who watched at all (null: nobody watched). */
  averageWatchMinutes: number | null;
  checkins: number;
  likes: number;
  comments: number;
  drops: { claims: number; paid: number; revenueCents: number };
  lotteryEntries: number;
  /** Orders attributed to the show (domain/insights/attribution.ts: last touch). */
  orders: { count: number; revenueCents: number };
  /** Attributed order revenue per minute watched (null: nobody watched). */
  revenuePerViewerMinute: number | null;
  /** This figure minus the previous show's, for each number above (null: no previous show). */
  change: Record<string, number> | null;
}

/** One interval of the programme's KPIs (`GET /api/insights/kpis`). */
export interface KpiRow {
  /** The interval's first local day ('2026-11-23', a Monday for weekly) and the next interval's. */
  from: string;
  until: string;
  activeMembers: number;
  /** Active this interval among those active the one before (null: nobody was). */
  returnRate: number | null;
  /** Super Fans at the interval's end among its active members (null: none active). */
  superFanShare: number | null;
  /** Members per tier at the interval's end (members who had earned anything by then). */
  tiers: Record<string, number>;
  /** Members whose tier at the end is above / below the one at the start, among members with a tier at the start. */
  upgradeRate: number | null;
  downgradeRate: number | null;
  /** Per tier (at the interval's end): order revenue in the interval, and buyers who had bought before among its buyers. */
  spendCents: Record<string, number>;
  repurchaseRate: Record<string, number | null>;
  pointsIssued: number;
  pointsSpent: number;
  pointsExpired: number;
  /** Points members hold at the interval's end: what the programme owes. */
  outstandingPoints: number;
  /** Active members who redeemed a reward in the interval, among the active (null: none active). */
  redemptionRate: number | null;
}

export const BUILT_IN_SEGMENTS = ['new', 'active', 'at-risk', 'lapsed', 'super-fans', 'big-spenders', 'never-bought'] as const;
export type BuiltInSegment = (typeof BUILT_IN_SEGMENTS)[number];

/** What the insights know of one member at an instant (server/domain/insights/member-summary.ts). Times in ms, money in cents. */
export interface MemberSummary {
  memberId: string;
  displayName: string;
  tier: string;
  createdAt: number;
  /** Their last activity of their own doing (docs/INSIGHTS.md "active"); null: never. */
  lastActiveAt: number | null;
  superFan: boolean;
  orders: { count: number; totalCents: number; lastAt: number | null };
  /** Shows watched and interactions (check-ins, likes, comments) in the last 90 days. */
  showsWatched90: number;
  interactions90: number;
}

export interface MemberScores {
  /** 1–5 among buyers (5: most recent, most orders, most spent); 0 for members who never bought. */
  recency: number;
  frequency: number;
  monetary: number;
  /** 1–5 among all members by shows watched plus interactions in 90 days; 0 for none. */
  engagement: number;
}

/** A row of the member list (`GET /api/members`): the summary, its scores and its built-in segments. */
export interface MemberRow extends MemberSummary {
  scores: MemberScores;
  segments: BuiltInSegment[];
}

export interface MemberPage {
  total: number;
  members: MemberRow[];
}

/** What the repurchase model reads of a member; a ranked member's reasons name them. */
export const REPURCHASE_FEATURES = ['daysSinceOrder', 'orders', 'spend', 'watches30', 'watches90', 'interactions90', 'daysSinceWatch', 'neverBought'] as const;
export type RepurchaseFeature = (typeof REPURCHASE_FEATURES)[number];

export interface RankedMember {
  memberId: string;
  displayName: string;
  probability: number;
  reasons: RepurchaseFeature[];
}

/** `GET /api/insights/repurchase`. */
export interface RepurchaseRanking {
  /** When the ranking was made, and how many members the model learned from and how many of them ordered in the label window. */
  at: number;
  trainedOn: number;
  positives: number;
  members: RankedMember[];
}

/** A saved custom segment: every condition given must hold. */
export const SegmentFilter = z
  .object({
    search: z.string().trim().min(1).max(80).optional(),
    segments: z.array(z.enum(BUILT_IN_SEGMENTS)).max(7).optional(),
    tiers: z.array(z.string().regex(/^[a-z0-9-]{1,32}$/)).max(20).optional(),
    minOrders: z.number().int().min(0).optional(),
    minSpendCents: z.number().int().min(0).optional(),
    activeWithinDays: z.number().int().min(1).max(3650).optional(),
    minEngagement: z.number().int().min(0).max(5).optional(),
  })
  .strict();
export type SegmentFilter = z.infer<typeof SegmentFilter>;

/** A custom segment the host saved: a name and the filter it stands for. */
export interface SavedSegment {
  id: string;
  name: string;
  filter: SegmentFilter;
  createdAt: number;
}

export const CreateSegmentBody = z.object({ name: z.string().trim().min(1).max(80), filter: SegmentFilter }).strict();
export type CreateSegmentBody = z.infer<typeof CreateSegmentBody>;

/** `GET /api/members`: a built-in segment or a saved one's id, extra conditions, the order and the page; `format=csv` for every matching row. */
export const MembersQuery = z
  .object({
    segment: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    search: z.string().trim().min(1).max(80).optional(),
    tier: z.string().regex(/^[a-z0-9-]{1,32}$/).optional(),
    sort: z.enum(['lastActive', 'spend', 'orders', 'engagement', 'name', 'joined']).default('lastActive'),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type MembersQuery = z.infer<typeof MembersQuery>;
