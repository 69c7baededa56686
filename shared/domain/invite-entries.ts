/**
 * Invite-to-win (抽獎碼, issue 14): each friend an entrant invited who joined
 * and counted as a paid referral while the lottery was open adds entries,
 * up to a cap. Written once, for the draw and for every verifier: an entry
 * weighs its base (the tier's weight, or 1 with equal odds) plus
 * min(friends × perFriend, maxExtra), and the proof lists each entrant's
 * base and friends so anyone can redo the sum.
 */
import type { LotteryEntryPair } from '../lottery-proof.ts';

export interface InviteEntries {
  /** Entries each counted friend adds. */
  perFriend: number;
  /** At most this many added entries per entrant. */
  maxExtra: number;
}

/** Why an entry weighs what it does. */
export interface EntryReason {
  base: number;
  /** Member ids of the friends whose paid referral counted. */
  friends: string[];
}

/** The proof's account: the rule, and each entrant's reason (every entrant, friends or not). */
export interface InviteProof extends InviteEntries {
  reasons: Record<string, EntryReason>;
}

export function invitedWeight(reason: EntryReason, rule: InviteEntries): number {
  return reason.base + Math.min(reason.friends.length * rule.perFriend, rule.maxExtra);
}

/** The entries with their invite entries added, in the same order, and the account of it. */
export function withInvites(entries: LotteryEntryPair[], friendsOf: Record<string, string[]>, rule: InviteEntries): { entries: LotteryEntryPair[]; invites: InviteProof } {
  const reasons: Record<string, EntryReason> = {};
  const weighted = entries.map(([memberId, base]): LotteryEntryPair => {
    const reason = { base, friends: [...new Set(friendsOf[memberId] ?? [])].filter((f) => f !== memberId).sort() };
    reasons[memberId] = reason;
    return [memberId, invitedWeight(reason, rule)];
  });
  return { entries: weighted, invites: { ...rule, reasons } };
}

/** What is wrong with a proof's invite account, or null: every weight must be its base plus its friends' entries. */
export function invitesProblem(entries: LotteryEntryPair[], invites: InviteProof, odds: 'tier' | 'equal'): string | null {
  const { perFriend, maxExtra, reasons } = invites;
  if (!Number.isInteger(perFriend) || perFriend < 1 || !Number.isInteger(maxExtra) || maxExtra < 1) return 'the invite rule is not two positive whole numbers';
  if (Object.keys(reasons).length !== entries.length) return 'the invite account does not name every entrant exactly once';
  const counted = new Set<string>();
  for (const [memberId, weight] of entries) {
    const reason = reasons[memberId];
    if (!reason || !Number.isInteger(reason.base) || reason.base < 1 || !Array.isArray(reason.friends)) return `no reason given for ${memberId}'s weight`;
    if (odds === 'equal' && reason.base !== 1) return `equal odds, but ${memberId}'s base weight is ${reason.base}`;
    for (const friend of reason.friends) {
      if (friend === memberId) return `${memberId} counts as their own friend`;
      if (counted.has(friend)) return `friend ${friend} is counted twice`;
      counted.add(friend);
    }
    const expected = invitedWeight(reason, invites);
    if (weight !== expected) return `${memberId} weighs ${weight}, but base ${reason.base} + ${reason.friends.length} friends make ${expected}`;
  }
  return null;
}
