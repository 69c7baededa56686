/**
 * Referrals that can't be farmed: the pure part of the rule. A referral pays
 * the sharer once per referred member ever (ledger key `referral:<referred>`),
 * only once the referred member has watched SHARE_QUALIFY_MS signed in
 * (domain/watch.ts referralQualifies), capped per sharer per show
 * (`share.maxPerStream`) and per rolling day (`share.maxPerDay`), and never for
 * an account created from the sharer's own network address. The caps are
 * sliding-window hits (Engine.hit, domain/limits.ts).
 */
import { DAY_MS } from './time.ts';

/** How long a member's network addresses are remembered for this rule. */
export const SHARER_ADDRESS_WINDOW_MS = DAY_MS;
/** Addresses remembered per member per window (a member with more is not tracked further). */
export const SHARER_ADDRESSES_MAX = 64;

export interface ReferralParties {
  referred: { createdFrom: string | null };
  sharer: { createdFrom: string | null; createdAt: number };
  /** The sharer connected from the referred account's creation address in the last SHARER_ADDRESS_WINDOW_MS. */
  sharerSeenAtCreationAddress: boolean;
}

/**
 * The referred account was created from an address the sharer used in the
 * last 24 h: seen on the sharer's connections, or the sharer's own account
 * created from it within that time. Puppet accounts made by the sharer pay nothing.
 */
export function createdOnSharerNetwork(p: ReferralParties, nowMs: number): boolean {
  const from = p.referred.createdFrom;
  if (from === null) return false;
  if (p.sharerSeenAtCreationAddress) return true;
  return p.sharer.createdFrom === from && nowMs - p.sharer.createdAt < SHARER_ADDRESS_WINDOW_MS;
}
