/**
 * Member perks on the wire: early-access drops, their claims, provably fair
 * lotteries. Records, and the zod schemas of every perk payload.
 */
import type { InviteEntries } from './domain/invite-entries.ts';
import { z } from 'zod';
import { IdSchema } from './schemas.ts';
import { checkoutTemplateProblem } from './domain/checkout-template.ts';
import type { DrandChain } from './drand.ts';

// ---- records ----

export type DropStatus = 'scheduled' | 'open' | 'sold-out' | 'closed';

export interface DropWindow {
  tierId: string;
  opensAt: number;
}

/** What the host defined; stored once, never changed except `closedAt`. */
export interface DropRecord {
  id: string;
  streamId: string;
  title: string;
  description: string | null;
  imageUrl: string | null;
  priceCents: number;
  memberPriceCents: number | null;
  currency: string;
  stock: number;
  perMemberLimit: number;
  opensAt: number;
  /** lowest tier id allowed to claim, or null for everyone signed in */
  minTier: string | null;
  reservationSeconds: number;
  createdAt: number;
  closedAt: number | null;
  /** URL template of the shop's checkout ({ref}, {claimId}, …); null: pay as `paymentInstructions` say */
  checkoutUrl: string | null;
  /** the seller's free-text payment instructions, shown with the checkout reference */
  paymentInstructions: string | null;
}

/** A drop as clients see it: the record plus live stock and each tier's opening time. */
export interface Drop extends DropRecord {
  remaining: number;
  /** units held by reservations not yet confirmed */
  reserved: number;
  /** units sold (confirmed claims) */
  confirmed: number;
  /** server time these counts were read: a `drop:stock` push with an older `stockAt` is stale */
  stockAt: number;
  windows: DropWindow[];
  status: DropStatus;
}

/**
 * reserved → confirmed (paid) or expired (lapsed); reserved or confirmed →
 * cancelled (released by the host, or its order refunded). Expired and
 * cancelled are final and hold no unit.
 */
export type ClaimStatus = 'reserved' | 'confirmed' | 'expired' | 'cancelled';

export interface Claim {
  id: string;
  dropId: string;
  memberId: string;
  requestId: string;
  status: ClaimStatus;
  expiresAt: number;
  checkoutRef: string;
  createdAt: number;
  updatedAt: number;
}

/** How to pay for a claim: the drop's checkout link filled for it, or the seller's instructions. */
export interface ClaimPayment {
  /** the drop's checkout link filled for this claim; null when the drop has no template */
  checkoutUrl: string | null;
  paymentInstructions: string | null;
}

/** A claim as its member sees it in the claim ack (GET /api/me/claims gives the whole Claim with the same two fields). */
export interface MemberClaim extends Pick<Claim, 'id' | 'dropId' | 'status' | 'expiresAt' | 'checkoutRef'>, ClaimPayment {}

/** One claim in the seller's list of a drop (GET /api/drops/:id/claims). */
export interface SellerClaimRow {
  claimId: string;
  memberId: string;
  /** null once the member erased their data */
  displayName: string | null;
  handle: string | null;
  /** the shop's customer id (shop sign-on), null when none */
  externalId: string | null;
  checkoutRef: string;
  status: ClaimStatus;
  expiresAt: number;
  createdAt: number;
}

/**
 * drawing: entries are frozen and the beacon round named (v2), the draw waits for that round;
 * cancelled: closed without a draw, nobody won, paid entries refunded (issue 11).
 */
export type LotteryStatus = 'open' | 'drawing' | 'drawn' | 'cancelled';

/**
 * Published the moment a v2 lottery's entries freeze, before anyone can know
 * the randomness: what was entered (its hash) and which drand round will draw.
 */
export interface LotteryFreeze {
  frozenAt: number;
  entriesHash: string;
  entryCount: number;
  round: number;
  /** When that round is emitted (epoch ms). */
  roundAt: number;
  chain: DrandChain;
  /** Invite-to-win: each entrant's counted friends as of the freeze, so finishing the draw later weighs the same. */
  invitedFriends?: Record<string, string[]>;
}

export interface LotteryWinner {
  memberId: string;
  displayName: string;
}

/**
 * How a giveaway runs (issue 12), set by the host at creation; the rules text
 * on the card and the verify page is generated from these.
 */
export interface LotterySettings {
  /** 'tier': each entry weighs the member's tier lotteryWeight; 'equal': every entry weighs 1. */
  odds: 'tier' | 'equal';
  /** No purchase necessary: entering costs nothing and needs no tier and no watching. */
  freeEntry: boolean;
  /** Members offered a prize in this seller's last N draws may not enter (0: nobody excluded). */
  excludeRecentWinners: number;
  /** Accounts younger than this may not enter (0: any age). */
  minAccountAgeDays: number;
  /** A winner claims within this, or the prize passes to the next alternate. */
  claimWindowHours: number;
  /** Invite-to-win (issue 14): entries added per friend who joined through the entrant's link and counted as a paid referral; null: none. Lotteries made before it read null. */
  inviteEntries?: InviteEntries | null;
}

export const DEFAULT_LOTTERY_SETTINGS: LotterySettings = {
  odds: 'tier',
  freeEntry: false,
  excludeRecentWinners: 0,
  minAccountAgeDays: 0,
  claimWindowHours: 48,
  inviteEntries: null,
};

/** A prize as it stands: who holds it now (a winner or an alternate), until when, and whether they claimed it. */
export interface LotteryPrize {
  slot: number;
  memberId: string;
  displayName: string;
  /** Place in the draw order: below `winners` a winner, else an alternate. */
  rank: number;
  status: 'pending' | 'claimed';
  deadline: number;
  claimedAt: number | null;
}

/** A lottery as clients see it: never the seed before the draw. */
export interface Lottery {
  id: string;
  streamId: string;
  title: string;
  prize: string;
  winners: number;
  minTier: string | null;
  entryCostPoints: number;
  requireWatching: boolean;
  closesAt: number | null;
  /** hex sha256 of the secret 32-byte seed, published at creation */
  commitment: string;
  status: LotteryStatus;
  entries: number;
  createdAt: number;
  drawnAt: number | null;
  /** When the host cancelled it (status 'cancelled'); absent before. */
  cancelledAt?: number | null;
  /** v2: set when the entries froze (status 'drawing' and after); absent for v1 draws. */
  freeze?: LotteryFreeze | null;
  settings: LotterySettings;
  /** How it is (or will be) drawn: v2 with a drand beacon, v1 commit-only (LOTTERY_BEACON=none). */
  drawAlgorithm: 'frontrow-lottery-v1' | 'frontrow-lottery-v2';
  /** Who claimed a prize, when (memberId → ms): with the proof's order, anyone recomputes every handover (shared/domain/prize-handover.ts). */
  prizeClaims: Record<string, number>;
  /** After the draw: each prize's current holder; null before. */
  prizes: LotteryPrize[] | null;
  /** The server time `prizes` stand at (a verifier recomputes them as of then); null before the draw. */
  prizesAt?: number | null;
  winnerList: LotteryWinner[] | null;
}

/** As stored: the public record plus the secret seed (hex) that the draw reveals; records from before issue 12 have no settings or claims. */
export interface LotteryRecord extends Omit<Lottery, 'entries' | 'winnerList' | 'settings' | 'prizeClaims' | 'prizes' | 'drawAlgorithm'> {
  seed: string;
  settings?: LotterySettings;
  prizeClaims?: Record<string, number>;
}

export interface LotteryEntry {
  lotteryId: string;
  memberId: string;
  weight: number;
  at: number;
}

export interface OrderRecord {
  orderId: string;
  memberId: string;
  amountCents: number;
  currency: string;
  claimId: string | null;
  paidAt: number;
  points: number;
  createdAt: number;
}

// ---- payloads ----

const cents = z.number().int().min(0).max(100_000_000_00);
const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. TWD');
const TierIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const HttpUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'http(s) URL');

/** A checkout link template (shared/domain/checkout-template.ts): http(s) only, known placeholders only. */
const CheckoutTemplateSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((template, ctx) => {
    const problem = checkoutTemplateProblem(template);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A checkout reference as a buyer may type it: case and surrounding spaces do not matter. */
export const CheckoutRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and -')
  .transform((ref) => ref.toUpperCase());

export const CreateDropBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).optional(),
    imageUrl: HttpUrlSchema.optional(),
    priceCents: cents,
    memberPriceCents: cents.optional(),
    currency: CurrencySchema.default('TWD'),
    stock: z.number().int().min(1).max(1_000_000),
    perMemberLimit: z.number().int().min(1).max(1000).default(1),
    opensAt: z.number().int().positive().optional(),
    minTier: TierIdSchema.optional(),
    reservationSeconds: z.number().int().min(10).max(86_400).default(600),
    checkoutUrl: CheckoutTemplateSchema.optional(),
    paymentInstructions: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type CreateDropBody = z.infer<typeof CreateDropBody>;

export const CreateLotteryBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    prize: z.string().trim().min(1).max(200),
    winners: z.number().int().min(1).max(1000),
    minTier: TierIdSchema.optional(),
    entryCostPoints: z.number().int().min(0).max(10_000_000).default(0),
    /** Unset: true, or false for a free-entry lottery. */
    requireWatching: z.boolean().optional(),
    closesAt: z.number().int().positive().optional(),
    odds: z.enum(['tier', 'equal']).default(DEFAULT_LOTTERY_SETTINGS.odds),
    freeEntry: z.boolean().default(DEFAULT_LOTTERY_SETTINGS.freeEntry),
    excludeRecentWinners: z.number().int().min(0).max(50).default(DEFAULT_LOTTERY_SETTINGS.excludeRecentWinners),
    minAccountAgeDays: z.number().int().min(0).max(3650).default(DEFAULT_LOTTERY_SETTINGS.minAccountAgeDays),
    claimWindowHours: z.number().int().min(1).max(720).default(DEFAULT_LOTTERY_SETTINGS.claimWindowHours),
    inviteEntries: z.object({ perFriend: z.number().int().min(1).max(10), maxExtra: z.number().int().min(1).max(100) }).strict().nullable().default(DEFAULT_LOTTERY_SETTINGS.inviteEntries ?? null),
  })
  .strict()
  .superRefine((b, ctx) => {
    // "No purchase necessary" means exactly that: nothing to pay, no tier to reach, no need to be watching.
    if (!b.freeEntry) return;
    if (b.entryCostPoints > 0) ctx.addIssue({ code: 'custom', path: ['entryCostPoints'], message: 'a free-entry lottery costs no points' });
    if (b.minTier) ctx.addIssue({ code: 'custom', path: ['minTier'], message: 'a free-entry lottery is open to every tier' });
    if (b.requireWatching) ctx.addIssue({ code: 'custom', path: ['requireWatching'], message: 'a free-entry lottery does not require watching' });
  });
export type CreateLotteryBody = z.infer<typeof CreateLotteryBody>;

export const ClaimPayload = z.object({ dropId: IdSchema, requestId: IdSchema }).strict();
export const EnterLotteryPayload = z.object({ lotteryId: IdSchema }).strict();
export const ClaimPrizePayload = z.object({ lotteryId: IdSchema }).strict();

/** Shop order webhook body (signed: X-FrontRow-Signature: sha256=<hex HMAC of the raw body>). */
export const OrderWebhookBody = z
  .object({
    orderId: z.string().min(1).max(128),
    memberId: IdSchema.optional(),
    externalId: z.string().trim().min(1).max(128).optional(),
    amountCents: z.number().int().min(0).max(100_000_000_00),
    currency: CurrencySchema,
    claimId: IdSchema.optional(),
    /** the claim's checkout reference (FR-…), instead of its claimId */
    checkoutRef: CheckoutRefSchema.optional(),
    paidAt: z.number().int().positive().optional(),
  })
  .strict()
  .refine((b) => Boolean(b.memberId) !== Boolean(b.externalId), {
    message: 'exactly one of memberId or externalId',
    path: ['memberId'],
  })
  .refine((b) => !(b.claimId && b.checkoutRef), {
    message: 'at most one of claimId or checkoutRef',
    path: ['checkoutRef'],
  });
export type OrderWebhookBody = z.infer<typeof OrderWebhookBody>;

/** POST /api/claims/confirm: the host confirms a reservation by what the buyer has. */
export const ConfirmByRefBody = z.object({ checkoutRef: CheckoutRefSchema }).strict();

/** GET /api/drops/:id/claims?q=: a reference, name or handle fragment. */
export const DropClaimsQuery = z.object({ q: z.string().trim().max(64).optional() }).strict();
