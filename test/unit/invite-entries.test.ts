/** Invite-to-win's rule (issue 14): weights and the verifier's check of them, each way a proof could lie. */
import { describe, expect, it } from 'vitest';
import { invitedWeight, invitesProblem, withInvites, type InviteProof } from '../../shared/domain/invite-entries.ts';
import type { LotteryEntryPair } from '../../shared/lottery-proof.ts';

const RULE = { perFriend: 2, maxExtra: 5 };

describe('invite entries', () => {
  it('adds perFriend per friend up to maxExtra, keeps the order, and never counts the entrant as their own friend', () => {
    expect(invitedWeight({ base: 2, friends: [] }, RULE)).toBe(2);
    expect(invitedWeight({ base: 2, friends: ['a', 'b'] }, RULE)).toBe(6);
    expect(invitedWeight({ base: 1, friends: ['a', 'b', 'c', 'd'] }, RULE)).toBe(6);
    const entries: LotteryEntryPair[] = [
      ['m1', 1],
      ['m2', 4],
    ];
    const { entries: weighted, invites } = withInvites(entries, { m1: ['f2', 'f1', 'f1', 'm1'], m3: ['x'] }, RULE);
    expect(weighted).toEqual([
      ['m1', 5],
      ['m2', 4],
    ]);
    expect(invites.reasons).toEqual({ m1: { base: 1, friends: ['f1', 'f2'] }, m2: { base: 4, friends: [] } });
    expect(invitesProblem(weighted, invites, 'tier')).toBeNull();
  });

  it('names what is wrong: a weight that does not add up, a friend counted twice, self, a missing reason, equal odds with a heavier base', () => {
    const entries: LotteryEntryPair[] = [
      ['m1', 3],
      ['m2', 1],
    ];
    const good: InviteProof = { ...RULE, reasons: { m1: { base: 1, friends: ['f1'] }, m2: { base: 1, friends: [] } } };
    expect(invitesProblem(entries, good, 'equal')).toBeNull();
    expect(invitesProblem([['m1', 4], entries[1]!], good, 'tier')).toMatch(/m1 weighs 4, but base 1 \+ 1 friends make 3/);
    expect(invitesProblem([['m1', 3], ['m2', 3]], { ...RULE, reasons: { m1: good.reasons.m1!, m2: { base: 1, friends: ['f1'] } } }, 'tier')).toMatch(/f1 is counted twice/);
    expect(invitesProblem([['m1', 3], entries[1]!], { ...RULE, reasons: { ...good.reasons, m1: { base: 1, friends: ['m1'] } } }, 'tier')).toMatch(/own friend/);
    expect(invitesProblem(entries, { ...RULE, reasons: { m1: good.reasons.m1! } }, 'tier')).toMatch(/every entrant/);
    expect(invitesProblem([['m1', 4], entries[1]!], { ...RULE, reasons: { ...good.reasons, m1: { base: 2, friends: ['f1'] } } }, 'equal')).toMatch(/equal odds/);
    expect(invitesProblem(entries, { ...good, perFriend: 0 }, 'tier')).toMatch(/two positive whole numbers/);
  });
});
