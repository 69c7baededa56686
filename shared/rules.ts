import { z } from 'zod';

/**
 * The earning rules: one document, readable by anyone, replaced whole by the
 * host (`PUT /api/rules`), applied live. Durations are whole seconds. Every
 * object is strict at every depth: a misspelt key is refused, never dropped.
 */
const seconds = z.number().int().positive();
const points = z.number().int().nonnegative();

export const TierSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lowercase id, letters, digits and dashes'),
    name: z.string().trim().min(1).max(40),
    minPoints: points,
    multiplier: z.number().min(0).max(100),
    earlyAccessSeconds: z.number().int().nonnegative().max(7 * 24 * 3600),
    lotteryWeight: z.number().int().min(1).max(1000),
    /** Points given the first time a member reaches this tier (issue 13); absent or 0: none. */
    entryPoints: points.optional(),
    /** A catalogue reward given free, once, the first time a member reaches this tier (e.g. a welcome coupon). */
    entryRewardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  })
  .strict();
export type Tier = z.infer<typeof TierSchema>;

export const RulesSchema = z
  .object({
    timezone: z.string().refine(isKnownTimeZone, 'unknown IANA time zone'),
    watch: z
      .object({
        everySeconds: seconds,
        points,
        heartbeatSeconds: z.number().int().min(1).max(300),
        chestEverySeconds: seconds,
        chestPoints: points,
        idleAfterSeconds: seconds,
      })
      .strict(),
    checkin: z.object({ points, streakBonus: points, streakMax: points }).strict(),
    like: z.object({ points, maxPerStream: z.number().int().nonnegative() }).strict(),
    comment: z
      .object({
        points,
        max: z.number().int().nonnegative(),
        windowSeconds: seconds,
        /**
         * Refused words (moderation): a comment containing one, as a substring
         * and ignoring case and width (server/domain/moderation.ts), is refused.
         */
        blockedWords: z.array(z.string().trim().min(1).max(40)).max(200).default([]),
        /** The room's ceiling: comments a show broadcasts per second; the excess is dropped. */
        roomPerSecond: z.number().int().min(1).max(1000).default(20),
      })
      .strict(),
    /** Points expire this many days after they were earned, oldest first (issue 13); null: never. Rules saved before read null. */
    points: z.object({ expireAfterDays: z.number().int().min(1).max(3650).nullable() }).strict().default({ expireAfterDays: null }),
    /** Points given once a year in the member's birthday month, on their first visit that month (issue 13); 0: none. Rules saved before it read 0. */
    birthday: z
      .object({
        points,
        /** Also a reward of the catalogue, free (e.g. a coupon): redeemed for the member once per birthday year. */
        rewardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
      })
      .strict()
      .default({ points: 0 }),
    /**
     * Which show an order belongs to in the reports (issue 15, domain/insights/attribution.ts): the
     * latest show the member watched at least `minWatchMinutes` of, within `windowHours` before
     * ordering. Rules saved before it read the default.
     */
    attribution: z
      .object({ minWatchMinutes: z.number().int().min(0).max(600), windowHours: z.number().int().min(1).max(720) })
      .strict()
      .default({ minWatchMinutes: 10, windowHours: 72 }),
    /** A referral pays once per referred member ever, capped per sharer per show and per (rolling) day. */
    share: z
      .object({
        points,
        maxPerStream: z.number().int().nonnegative(),
        // Rules saved before the field existed read as the default.
        maxPerDay: z.number().int().nonnegative().default(5),
      })
      .strict(),
    /** Shop purchases: pointsPerUnit for every whole unitCents paid (default 1 point per NT$100). */
    purchase: z
      .object({ pointsPerUnit: points, unitCents: z.number().int().positive() })
      .strict()
      .default({ pointsPerUnit: 1, unitCents: 10_000 }),
    tiers: z
      .array(TierSchema)
      .min(1)
      .max(20)
      .refine((tiers) => tiers[0]?.minPoints === 0, 'the first tier starts at 0 points')
      .refine(
        (tiers) => tiers.every((t, i) => i === 0 || t.minPoints > tiers[i - 1]!.minPoints),
        'tiers ascend strictly by minPoints',
      )
      .refine((tiers) => new Set(tiers.map((t) => t.id)).size === tiers.length, 'tier ids are unique'),
    superFan: z
      .object({ days: z.number().int().min(1).max(365), minActiveDays: z.number().int().min(1) })
      .strict()
      .refine((s) => s.minActiveDays <= s.days, { message: 'minActiveDays ≤ days', path: ['minActiveDays'] }),
  })
  .strict();

export type Rules = z.infer<typeof RulesSchema>;

/** Zones found valid: building a formatter to ask is slow, and the rules are parsed again on every cache reload. */
const knownTimeZones = new Set<string>();

function isKnownTimeZone(tz: string): boolean {
  if (knownTimeZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return false;
  }
  if (knownTimeZones.size < 1_000) knownTimeZones.add(tz);
  return true;
}

export const DEFAULT_RULES: Rules = {
  timezone: 'Asia/Taipei',
  watch: {
    everySeconds: 300,
    points: 10,
    heartbeatSeconds: 15,
    chestEverySeconds: 900,
    chestPoints: 50,
    idleAfterSeconds: 1800,
  },
  checkin: { points: 20, streakBonus: 10, streakMax: 50 },
  like: { points: 1, maxPerStream: 20 },
  birthday: { points: 0 },
  points: { expireAfterDays: null },
  attribution: { minWatchMinutes: 10, windowHours: 72 },
  comment: { points: 2, max: 10, windowSeconds: 600, blockedWords: [], roomPerSecond: 20 },
  share: { points: 25, maxPerStream: 5, maxPerDay: 5 },
  purchase: { pointsPerUnit: 1, unitCents: 10_000 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 1000, multiplier: 1.2, earlyAccessSeconds: 300, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 5000, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
  superFan: { days: 90, minActiveDays: 49 },
};
