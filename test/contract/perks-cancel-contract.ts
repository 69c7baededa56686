/**
 * The cancel half of the PerksEngine contract (run by perks-engine-contract.ts):
 * cancelClaim on every status and scope, what it does to stock, to the
 * member's limit and to the sink, on open and closed drops, and under
 * concurrency (a unit is returned once, however many cancel it at once).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClaimDecision, ClaimRequest } from '../../server/engine/perks-engine.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Claim } from '../../shared/perks.ts';
import { rejection, T0, type CurrentFixture } from './perks-contract-support.ts';

const TTL = 600_000;

function claimOf(d: ClaimDecision): Claim {
  if (!d.ok) throw new Error(`expected a claim, got ${d.refusal}`);
  return d.claim;
}

export function cancelContract(current: CurrentFixture): void {
  const perks = () => current().perks;
  const claim = async (dropId: string, memberId: string, requestId: string, extra: Partial<ClaimRequest> = {}) =>
    claimOf(
      await perks().claim({
        dropId,
        memberId,
        requestId,
        nowMs: T0,
        opensAtForMember: T0,
        claimId: randomUUID(),
        checkoutRef: `co-${requestId}`,
        expiresAt: T0 + TTL,
        ...extra,
      }),
    );

  it('a reservation cancelled (scope reservation) returns its unit and frees the member to claim again', async () => {
    await perks().defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 1 });
    const c = await claim('d', 'a', 'r1');
    expect((await perks().claim({ dropId: 'd', memberId: 'b', requestId: 'r', nowMs: T0, opensAtForMember: T0, claimId: 'x', checkoutRef: 'x', expiresAt: T0 + TTL })).ok).toBe(false);

    const cancelled = await perks().cancelClaim(c.id, T0 + 5, 'reservation');
    expect(cancelled).toEqual({ ...c, status: 'cancelled', updatedAt: T0 + 5 });
    expect(await perks().dropStock('d')).toEqual({ stock: 1, remaining: 1, reserved: 0, confirmed: 0, closed: false });
    expect(await perks().claimById(c.id)).toEqual(cancelled);
    // The cancelled claim no longer counts against the limit, and the unit is claimable.
    const again = await claim('d', 'a', 'r2', { nowMs: T0 + 6 });
    expect(again.status).toBe('reserved');
    expect(await perks().dropStock('d')).toMatchObject({ remaining: 0, reserved: 1 });
    // Its requestId still answers with the cancelled claim (a replay, nothing taken).
    const replay = await perks().claim({ dropId: 'd', memberId: 'a', requestId: 'r1', nowMs: T0 + 7, opensAtForMember: T0, claimId: 'y', checkoutRef: 'y', expiresAt: T0 + TTL });
    expect(replay).toMatchObject({ ok: true, replayed: true, claim: { id: c.id, status: 'cancelled' }, remaining: 0 });
  });

  it('a confirmed claim is kept by scope reservation and cancelled by scope sale', async () => {
    await perks().defineDrop({ dropId: 'd', stock: 2, perMemberLimit: 1 });
    const c = await claim('d', 'a', 'r1');
    const confirmed = (await perks().confirmClaim(c.id, T0 + 1))!;
    expect(await perks().cancelClaim(c.id, T0 + 2, 'reservation')).toEqual(confirmed);
    expect(await perks().dropStock('d')).toMatchObject({ remaining: 1, reserved: 0, confirmed: 1 });

    const cancelled = await perks().cancelClaim(c.id, T0 + 3, 'sale');
    expect(cancelled).toEqual({ ...confirmed, status: 'cancelled', updatedAt: T0 + 3 });
    expect(await perks().dropStock('d')).toEqual({ stock: 2, remaining: 2, reserved: 0, confirmed: 0, closed: false });
    // Final: a second cancel, a confirm and an expiry change nothing.
    expect(await perks().cancelClaim(c.id, T0 + 4, 'sale')).toEqual(cancelled);
    expect(await perks().confirmClaim(c.id, T0 + 5)).toEqual(cancelled);
    expect(await perks().expireClaims('d', T0 + TTL * 2)).toEqual([]);
    expect(await perks().dropStock('d')).toMatchObject({ remaining: 2, confirmed: 0 });
  });

  it('a lapsed reservation expires instead of being cancelled; an expired one comes back unchanged', async () => {
    await perks().defineDrop({ dropId: 'd', stock: 2, perMemberLimit: 1 });
    const c = await claim('d', 'a', 'r1');
    const expired = await perks().cancelClaim(c.id, T0 + TTL, 'sale');
    expect(expired).toEqual({ ...c, status: 'expired', updatedAt: T0 + TTL });
    expect(await perks().cancelClaim(c.id, T0 + TTL + 1, 'sale')).toEqual(expired);
    expect(await perks().dropStock('d')).toMatchObject({ remaining: 2, reserved: 0 });
  });

  it('on a closed drop the unit returns to remaining but nobody can claim it', async () => {
    await perks().defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 1 });
    const c = await claim('d', 'a', 'r1');
    await perks().confirmClaim(c.id, T0 + 1);
    await perks().closeDrop('d');
    expect((await perks().cancelClaim(c.id, T0 + 2, 'sale'))?.status).toBe('cancelled');
    expect(await perks().dropStock('d')).toEqual({ stock: 1, remaining: 1, reserved: 0, confirmed: 0, closed: true });
    const late = await perks().claim({ dropId: 'd', memberId: 'b', requestId: 'r', nowMs: T0 + 3, opensAtForMember: T0, claimId: 'z', checkoutRef: 'z', expiresAt: T0 + TTL });
    expect(late).toEqual({ ok: false, refusal: 'CLOSED', remaining: 1 });
  });

  it('an unknown claim is null; bad arguments are refused', async () => {
    expect(await perks().cancelClaim('nope', T0, 'sale')).toBeNull();
    expect((await rejection(perks().cancelClaim('', T0, 'sale'))).field).toBe('claimId');
    const bad = await rejection(perks().cancelClaim('c', T0, 'everything' as 'sale'));
    expect([bad.code, bad.field]).toEqual([ErrorCode.VALIDATION, 'scope']);
  });

  it('concurrent cancels of one claim return its unit once', async () => {
    await perks().defineDrop({ dropId: 'd', stock: 3, perMemberLimit: 3 });
    const c = await claim('d', 'a', 'r1');
    await claim('d', 'a', 'r2');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => perks().cancelClaim(c.id, T0 + 1 + i, i % 2 ? 'sale' : 'reservation')));
    expect(new Set(results.map((r) => r?.status))).toEqual(new Set(['cancelled']));
    expect(new Set(results.map((r) => r?.updatedAt)).size).toBe(1);
    expect(await perks().dropStock('d')).toEqual({ stock: 3, remaining: 2, reserved: 1, confirmed: 0, closed: false });
  });

  it('the cancellation reaches the sink, after the confirmation', async () => {
    await perks().defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 1 });
    const c = await claim('d', 'a', 'r1');
    await perks().confirmClaim(c.id, T0 + 1);
    const cancelled = await perks().cancelClaim(c.id, T0 + 2, 'sale');
    await perks().flush();
    expect((await current().sink.claims()).find((x) => x.id === c.id)).toEqual(cancelled);
  });
}
