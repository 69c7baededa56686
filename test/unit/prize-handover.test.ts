/**
 * Claim windows and alternates (issue 12): who holds each prize follows from
 * the draw order, the draw time, the window and the claim times alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentHolders, decidePrizeClaim, handoverProblem, prizeOffers, type HandoverInput } from '../../shared/domain/prize-handover.ts';

const H = 3_600_000;
const T0 = 1_000_000;
const order = ['a', 'b', 'c', 'd', 'e'];
const base = (over: Partial<HandoverInput> = {}): HandoverInput => ({ order, winnerCount: 2, drawnAt: T0, claimWindowMs: 48 * H, claims: {}, now: T0, ...over });
const holders = (i: HandoverInput) => currentHolders(prizeOffers(i)).map((o) => `${o.slot}:${o.memberId}:${o.status}`);

describe('prize handover', () => {
  it('offers the prizes to the winners first, each until the window closes', () => {
    expect(holders(base())).toEqual(['0:a:pending', '1:b:pending']);
    expect(holders(base({ now: T0 + 48 * H }))).toEqual(['0:a:pending', '1:b:pending']); // the last moment still counts
  });

  it('passes an unclaimed prize to the next alternate in order, with a window of its own', () => {
    const after = base({ now: T0 + 48 * H + 1, claims: { b: T0 + H } });
    expect(holders(after)).toEqual(['0:c:pending', '1:b:claimed']);
    const offers = prizeOffers(after);
    expect(offers.find((o) => o.memberId === 'c')).toMatchObject({ slot: 0, rank: 2, offeredAt: T0 + 48 * H, deadline: T0 + 96 * H });
    expect(holders(base({ now: T0 + 96 * H + 1, claims: { b: T0 + H } }))).toEqual(['0:d:pending', '1:b:claimed']);
  });

  it('hands alternates out in the order the prizes fell free (ties: the lower prize first), and stops when the order runs out', () => {
    expect(holders(base({ now: T0 + 48 * H + 1 }))).toEqual(['0:c:pending', '1:d:pending']);
    expect(holders(base({ now: T0 + 96 * H + 1 }))).toEqual(['0:e:pending']);
    expect(holders(base({ now: T0 + 200 * H }))).toEqual([]);
  });

  it('counts a claim only inside its own window', () => {
    expect(holders(base({ now: T0 + 49 * H, claims: { a: T0 + 48 * H + 5 } }))).toEqual(['0:c:pending', '1:d:pending']);
    expect(holders(base({ now: T0 + 49 * H, claims: { c: T0 + 10 } }))).toEqual(['0:c:pending', '1:d:pending']); // c claimed before being offered
  });

  it('decides a claim: the holder yes (again: the same), a lapsed winner CLOSED, anyone else not a winner', () => {
    expect(decidePrizeClaim(base({ now: T0 + H }), 'a')).toMatchObject({ ok: true, already: false, offer: { slot: 0 } });
    expect(decidePrizeClaim(base({ now: T0 + 2 * H, claims: { a: T0 + H } }), 'a')).toMatchObject({ ok: true, already: true });
    expect(decidePrizeClaim(base({ now: T0 + 49 * H }), 'a')).toEqual({ ok: false, refusal: 'claimExpired' });
    expect(decidePrizeClaim(base({ now: T0 + H }), 'c')).toEqual({ ok: false, refusal: 'notWinner' });
    expect(decidePrizeClaim(base({ now: T0 + 49 * H }), 'c')).toMatchObject({ ok: true, offer: { slot: 0, rank: 2 } });
  });

  it('holds for any order, windows and claims: every prize has at most one holder, holders are distinct and come in draw order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(10 * 48)), { maxLength: 12 }),
        fc.nat(12 * 48),
        (n, winners, claimList, nowH) => {
          const ids = Array.from({ length: n }, (_, i) => `m${i}`);
          const claims = Object.fromEntries(claimList.filter(([i]) => i < n).map(([i, h]) => [`m${i}`, T0 + h * H]));
          const input = base({ order: ids, winnerCount: winners, claims, now: T0 + nowH * H });
          const offers = prizeOffers(input);
          const standing = currentHolders(offers);
          expect(new Set(standing.map((o) => o.slot)).size).toBe(standing.length);
          expect(new Set(offers.map((o) => o.memberId)).size).toBe(offers.length); // nobody is offered twice
          expect(offers.map((o) => o.rank)).toEqual([...offers.map((o) => o.rank)].sort((a, b) => a - b));
          for (const o of offers) expect(o.status === 'claimed').toBe(claims[o.memberId] !== undefined && claims[o.memberId]! >= o.offeredAt && claims[o.memberId]! <= o.deadline && claims[o.memberId]! <= input.now);
        },
      ),
    );
  });

  it('the verifier confirms a published handover and names a wrong one', () => {
    const now = T0 + 48 * H + 1;
    const published = { drawnAt: T0, claimWindowHours: 48, prizeClaims: { b: T0 + H }, prizes: [{ slot: 0, memberId: 'c', status: 'pending' as const }, { slot: 1, memberId: 'b', status: 'claimed' as const }] };
    expect(handoverProblem(order, 2, published, now)).toBeNull();
    expect(handoverProblem(order, 2, { ...published, prizes: [{ slot: 0, memberId: 'e', status: 'pending' }, published.prizes[1]!] }, now)).toMatch(/prize 1 should be offered to c/);
    expect(handoverProblem(order, 2, { ...published, prizeClaims: {} }, now)).toMatch(/prize 2 should be offered to d/);
  });
});
