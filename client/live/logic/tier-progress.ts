/**
 * The progress bar toward the next tier. Pure display arithmetic over what
 * the server says (the member's tier, the next tier, points earned in the
 * tier window): which tier comes next and what counts toward it are decided
 * on the server and arrive in MemberState and the points and tier pushes.
 */
import type { MemberState } from '../../../shared/models.ts';
import type { Tier } from '../../../shared/rules.ts';

export interface TierProgress {
  current: Tier;
  next: Tier | null;
  /** 0–1 of the way from the current tier's threshold to the next one's (1 at the top) */
  fraction: number;
  /** earned points still needed for the next tier (0 at the top) */
  toGo: number;
}

export function tierProgress(me: Pick<MemberState, 'tier' | 'nextTier' | 'earned365'>): TierProgress {
  const { tier: current, nextTier: next } = me;
  if (!next) return { current, next: null, fraction: 1, toGo: 0 };
  const span = Math.max(1, next.minPoints - current.minPoints);
  const fraction = Math.min(1, Math.max(0, (me.earned365 - current.minPoints) / span));
  return { current, next, fraction, toGo: Math.max(0, next.minPoints - me.earned365) };
}
