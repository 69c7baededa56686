/**
 * The rewards store (issue 13): what points buy. A catalogue the host keeps
 * (rewards of five kinds), the codes a coupon hands out, and members'
 * redemptions. Records, and the zod schemas of every payload about them.
 */
import { z } from 'zod';
import { IdSchema } from './schemas.ts';

export const RewardKind = ['coupon', 'credit', 'shipping', 'item', 'custom'] as const;
export type RewardKind = (typeof RewardKind)[number];

/** The calendar periods a per-member limit may count over, in the rules' time zone. */
export const LimitPeriod = ['day', 'week', 'month'] as const;
export type LimitPeriod = (typeof LimitPeriod)[number];

export interface Reward {
  id: string;
  kind: RewardKind;
  title: string;
  description: string | null;
  imageUrl: string | null;
  /** Points it costs; `tierPrices` may lower (or raise) it per tier. */
  pricePoints: number;
  tierPrices: Record<string, number>;
  /** null: unlimited. A coupon with a code pool is also limited by its unused codes. */
  stock: number | null;
  /** Redemptions one member may make in all (null: no limit). */
  perMemberLimit: number | null;
  /** Redemptions one member may make per calendar period (null: none). */
  periodLimit: { period: LimitPeriod; count: number } | null;
  minTier: string | null;
  availableFrom: number | null;
  availableUntil: number | null;
  /** coupon/shipping: 'pool' hands out one uploaded code each; 'shared' gives everyone `sharedCode`. */
  codeMode: 'pool' | 'shared' | null;
  /** credit: the amount of shop credit, in cents of `currency`. */
  creditCents: number | null;
  currency: string | null;
  /** Announce each redemption on the live show's overlay ("Mei redeemed Free shipping"). Records saved before it read false. */
  overlayAlert: boolean;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

/** As stored: the public reward plus the shared code, shown only to members who redeemed it. */
export interface RewardRecord extends Reward {
  sharedCode: string | null;
}

/**
 * pending: the host fulfils it by hand (an item, a custom reward, or a
 * coupon whose pool ran dry between two steps never happens: that is SOLD_OUT);
 * fulfilled: the code or credit was issued, or the host fulfilled it;
 * rejected: the host turned it down and the points came back.
 */
export type RedemptionStatus = 'pending' | 'fulfilled' | 'rejected';

export interface Redemption {
  id: string;
  rewardId: string;
  memberId: string;
  /** Client-chosen: the same (rewardId, memberId, requestId) is always the same redemption. */
  requestId: string;
  pricePoints: number;
  /** The ledger key of the spend (and, once rejected, of the return). */
  ledgerKey: string;
  /** The coupon or shipping code given, if any. */
  code: string | null;
  status: RedemptionStatus;
  /** The calendar period it counts in for `periodLimit` ('2026-11-26', the Monday of the week, or '2026-11'). */
  period: string | null;
  createdAt: number;
  updatedAt: number;
}

const Title = z.string().trim().min(1).max(120);
const Points = z.number().int().min(0).max(10_000_000);

export const CreateRewardBody = z
  .object({
    kind: z.enum(RewardKind),
    title: Title,
    description: z.string().trim().max(2000).optional(),
    imageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    pricePoints: Points,
    tierPrices: z.record(z.string().regex(/^[a-z0-9-]{1,32}$/), Points).default({}),
    stock: z.number().int().min(0).max(10_000_000).nullable().default(null),
    perMemberLimit: z.number().int().min(1).max(10_000).nullable().default(null),
    periodLimit: z.object({ period: z.enum(LimitPeriod), count: z.number().int().min(1).max(10_000) }).strict().nullable().default(null),
    minTier: z.string().regex(/^[a-z0-9-]{1,32}$/).nullable().default(null),
    availableFrom: z.number().int().positive().nullable().default(null),
    availableUntil: z.number().int().positive().nullable().default(null),
    codeMode: z.enum(['pool', 'shared']).nullable().default(null),
    sharedCode: z.string().trim().min(1).max(64).optional(),
    creditCents: z.number().int().min(1).max(100_000_000).nullable().default(null),
    currency: z.string().regex(/^[A-Z]{3}$/).nullable().default(null),
    overlayAlert: z.boolean().default(false),
  })
  .strict()
  .superRefine((b, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const coded = b.kind === 'coupon' || b.kind === 'shipping';
    if (coded && !b.codeMode) problem('codeMode', `a ${b.kind} reward hands out codes: 'pool' (uploaded, one each) or 'shared'`);
    if (!coded && b.codeMode) problem('codeMode', `a ${b.kind} reward has no codes`);
    if (b.codeMode === 'shared' && !b.sharedCode) problem('sharedCode', 'a shared code is needed');
    if (b.codeMode !== 'shared' && b.sharedCode !== undefined) problem('sharedCode', 'only a shared-code reward has one');
    if (b.kind === 'credit' && (b.creditCents === null || b.currency === null)) problem('creditCents', 'shop credit needs an amount and a currency');
    if (b.kind !== 'credit' && b.creditCents !== null) problem('creditCents', 'only shop credit has an amount');
    if (b.availableFrom !== null && b.availableUntil !== null && b.availableUntil <= b.availableFrom) {
      problem('availableUntil', 'must be after availableFrom');
    }
  });
export type CreateRewardBody = z.infer<typeof CreateRewardBody>;

export const RedeemBody = z.object({ requestId: IdSchema }).strict();

/** What the host may change after creation; the kind and its codes stay what they were. */
export const PatchRewardBody = z
  .object({
    title: Title.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    imageUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
    pricePoints: Points.optional(),
    tierPrices: z.record(z.string().regex(/^[a-z0-9-]{1,32}$/), Points).optional(),
    /** Units left from now on (null: unlimited). */
    stock: z.number().int().min(0).max(10_000_000).nullable().optional(),
    perMemberLimit: z.number().int().min(1).max(10_000).nullable().optional(),
    periodLimit: z.object({ period: z.enum(LimitPeriod), count: z.number().int().min(1).max(10_000) }).strict().nullable().optional(),
    minTier: z.string().regex(/^[a-z0-9-]{1,32}$/).nullable().optional(),
    availableFrom: z.number().int().positive().nullable().optional(),
    availableUntil: z.number().int().positive().nullable().optional(),
    overlayAlert: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type PatchRewardBody = z.infer<typeof PatchRewardBody>;

/** Codes for a pool reward: pasted lines or a CSV's first column, trimmed by the client; up to 5,000 at a time. */
export const RewardCodesBody = z.object({ codes: z.array(z.string().trim().min(1).max(64)).min(1).max(5000) }).strict();

export const RedemptionStatusQuery = z.object({ status: z.enum(['pending', 'fulfilled', 'rejected']).default('pending') }).strict();

/** A reward as the catalogue shows it: never the shared code (redeeming reveals it), with what is left and, for a member, their own count. */
export interface RewardView extends Reward {
  /** Units that can still be redeemed: the stock and, for a pool, the unused codes (null: unlimited). */
  left: number | null;
  /** With a member token: their pending and fulfilled redemptions of it, in all and in the current period. */
  mine?: { total: number; thisPeriod: number };
}

/** The member's birthday for the yearly gift: month and day (the year is nobody's business). */
export const BirthdayBody = z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).strict();
