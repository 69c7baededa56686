/**
 * The redemption rules (issue 13) before any engine: each refusal in its
 * order, fulfil and reject, the calendar periods in Asia/Taipei, and random
 * sequences of redeems, rejects and fulfils applied to a store kept by this
 * test, checked against the promises: a pool code is never given twice, no
 * member goes past a limit, no balance below zero, balance == ledger sum,
 * stock + units held == the stock the reward started with, and a rejected
 * redemption's points come back exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideFulfil, decideRedemption, decideReject, type RedeemRequest, type RedemptionState, type RewardStock } from '../../server/domain/redemption.ts';
import { periodKey } from '../../server/domain/reward-periods.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Redemption } from '../../shared/rewards.ts';

const T0 = Date.parse('2026-11-26T04:00:00Z');
const TZ = 'Asia/Taipei';

const reward = (over: Partial<RewardStock> = {}): RewardStock => ({
  id: 'r1',
  kind: 'coupon',
  stock: null,
  perMemberLimit: null,
  periodLimit: null,
  codeMode: 'pool',
  sharedCode: null,
  availableFrom: null,
  availableUntil: null,
  archived: false,
  ...over,
});

const request = (over: Partial<RedeemRequest> = {}): RedeemRequest => ({
  rewardId: 'r1',
  memberId: 'm1',
  requestId: 'q1',
  at: T0,
  pricePoints: 100,
  period: null,
  redemptionId: 'x1',
  ledgerKey: 'reward:r1:m1:q1',
  spendEntryId: 'e1',
  reason: 'adjustment',
  ...over,
});

const state = (over: Partial<RedemptionState> = {}): RedemptionState => ({
  reward: reward(),
  memberRedemptions: [],
  nextPoolCode: 'CODE-1',
  spendOnRecord: null,
  balance: 500,
  ...over,
});

const redemption = (over: Partial<Redemption> = {}): Redemption => ({
  id: 'x0',
  rewardId: 'r1',
  memberId: 'm1',
  requestId: 'q0',
  pricePoints: 100,
  ledgerKey: 'reward:r1:m1:q0',
  code: null,
  status: 'pending',
  period: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

describe('redemption decision', () => {
  it('spends, takes a unit and the next pool code, and is fulfilled at once', () => {
    const d = decideRedemption(state({ reward: reward({ stock: 3 }) }), request());
    expect(d).toMatchObject({ ok: true, replayed: false, balance: 400, redemption: { code: 'CODE-1', status: 'fulfilled' } });
    if (!d.ok) throw new Error('refused');
    expect(d.writes).toMatchObject({ stockDelta: -1, takenCode: 'CODE-1', spend: { entry: { delta: -100, key: 'reward:r1:m1:q1' } } });
  });

  it('a gift waits for the host (pending); credit is issued at once; a shared code is everyone’s', () => {
    expect(decideRedemption(state({ reward: reward({ kind: 'item', codeMode: null }) }), request())).toMatchObject({ ok: true, redemption: { status: 'pending', code: null } });
    expect(decideRedemption(state({ reward: reward({ kind: 'credit', codeMode: null }) }), request())).toMatchObject({ ok: true, redemption: { status: 'fulfilled' } });
    const shared = decideRedemption(state({ reward: reward({ codeMode: 'shared', sharedCode: 'SHIPFREE' }), nextPoolCode: null }), request());
    expect(shared).toMatchObject({ ok: true, redemption: { code: 'SHIPFREE' }, writes: { takenCode: null } });
  });

  it('replays a known requestId whatever changed since, and charges nothing again', () => {
    const known = redemption({ requestId: 'q1', status: 'fulfilled', code: 'OLD' });
    const d = decideRedemption(state({ memberRedemptions: [known], reward: reward({ stock: 0 }), balance: 0 }), request());
    expect(d).toEqual({ ok: true, redemption: known, replayed: true, balance: 0, writes: null });
  });

  const refusals: Array<[string, Partial<RedemptionState>, Partial<RedeemRequest>, string]> = [
    ['an unknown reward', { reward: null }, {}, 'NOT_FOUND'],
    ['an archived reward', { reward: reward({ archived: true }) }, {}, 'CLOSED'],
    ['a reward past its window', { reward: reward({ availableUntil: T0 }) }, {}, 'CLOSED'],
    ['a reward before its window', { reward: reward({ availableFrom: T0 + 1 }) }, {}, 'NOT_OPEN'],
    ['no stock left', { reward: reward({ stock: 0 }) }, {}, 'SOLD_OUT'],
    ['an empty code pool', { nextPoolCode: null }, {}, 'SOLD_OUT'],
    ['the member’s total limit', { reward: reward({ perMemberLimit: 1 }), memberRedemptions: [redemption()] }, {}, 'LIMIT_REACHED'],
    [
      'the member’s limit this week',
      { reward: reward({ periodLimit: { period: 'week', count: 1 } }), memberRedemptions: [redemption({ period: '2026-11-23' })] },
      { period: '2026-11-23' },
      'LIMIT_REACHED',
    ],
    ['a balance below the price', { balance: 99 }, {}, 'INSUFFICIENT_POINTS'],
  ];
  for (const [what, s, r, refusal] of refusals) {
    it(`refuses ${what} with ${refusal}, changing nothing`, () => {
      expect(decideRedemption(state(s), request(r))).toEqual({ ok: false, refusal });
    });
  }

  it('counts neither a rejected redemption nor one of another period against the limits', () => {
    const s = state({
      reward: reward({ perMemberLimit: 2, periodLimit: { period: 'week', count: 1 } }),
      memberRedemptions: [redemption({ status: 'rejected', period: '2026-11-30' }), redemption({ id: 'x2', requestId: 'q2', period: '2026-11-23' })],
    });
    expect(decideRedemption(s, request({ period: '2026-11-30' })).ok).toBe(true);
  });
});

describe('fulfil and reject', () => {
  const reject = (r: Redemption | null, returned: LedgerEntry | null = null) =>
    decideReject(r, returned, 300, { at: T0 + 5, returnKey: 'reward:r1:m1:q0:return', returnEntryId: 'e9', reason: 'adjustment', stockCounted: true });

  it('rejecting a pending redemption returns its points once and its unit', () => {
    const d = reject(redemption());
    expect(d).toMatchObject({ ok: true, replayed: false, redemption: { status: 'rejected', updatedAt: T0 + 5 }, writes: { stockDelta: 1, refund: { entry: { delta: 100 } } } });
    expect(reject(redemption({ status: 'rejected' }))).toMatchObject({ ok: true, replayed: true, writes: null });
    const onRecord = { id: 'e9', key: 'reward:r1:m1:q0:return', memberId: 'm1', delta: 100, reason: 'adjustment' as const, streamId: null, at: T0 };
    expect(reject(redemption(), onRecord)).toMatchObject({ ok: true, writes: { refund: null } });
  });

  it('a fulfilled redemption cannot be rejected, nor a rejected one fulfilled; unknown ones are NOT_FOUND', () => {
    expect(reject(redemption({ status: 'fulfilled' }))).toEqual({ ok: false, refusal: 'CONFLICT' });
    expect(decideFulfil(redemption({ status: 'rejected' }), T0)).toEqual({ ok: false, refusal: 'CONFLICT' });
    expect(decideFulfil(redemption(), T0 + 1)).toMatchObject({ ok: true, redemption: { status: 'fulfilled', updatedAt: T0 + 1 } });
    expect(decideFulfil(redemption({ status: 'fulfilled' }), T0 + 1)).toMatchObject({ ok: true, replayed: true });
    expect(reject(null)).toEqual({ ok: false, refusal: 'NOT_FOUND' });
  });
});

describe('limit periods in the rules’ time zone', () => {
  it('days, Monday weeks and months turn at local midnight in Asia/Taipei (UTC+8)', () => {
    const sundayLate = Date.parse('2026-11-29T15:59:00Z'); // Sunday 23:59 in Taipei
    const mondayEarly = Date.parse('2026-11-29T16:01:00Z'); // Monday 00:01 in Taipei, still Sunday in UTC
    expect(periodKey(sundayLate, TZ, 'day')).toBe('2026-11-29');
    expect(periodKey(mondayEarly, TZ, 'day')).toBe('2026-11-30');
    expect(periodKey(sundayLate, TZ, 'week')).toBe('2026-11-23');
    expect(periodKey(mondayEarly, TZ, 'week')).toBe('2026-11-30');
    expect(periodKey(Date.parse('2026-11-30T16:00:00Z'), TZ, 'month')).toBe('2026-12');
    expect(periodKey(Date.parse('2026-11-30T15:59:00Z'), TZ, 'month')).toBe('2026-11');
    // A week across a year boundary keeps its Monday.
    expect(periodKey(Date.parse('2027-01-02T04:00:00Z'), TZ, 'week')).toBe('2026-12-28');
  });
});

describe('random sequences against the promises', () => {
  type Op = { kind: 'redeem'; member: number; request: number; hours: number } | { kind: 'reject' | 'fulfil'; pick: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('redeem' as const), member: fc.nat(3), request: fc.nat(5), hours: fc.nat(72) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('reject' as const, 'fulfil' as const), pick: fc.nat(40) }) },
  );

  it('never gives a code twice, never passes a limit, never leaves a balance below zero, returns points once', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.boolean(), (ops, pool) => {
        const STOCK = 6;
        const codes = Array.from({ length: 5 }, (_, i) => `C${i}`);
        const rw = reward({ kind: pool ? 'coupon' : 'item', codeMode: pool ? 'pool' : null, stock: STOCK, perMemberLimit: 3, periodLimit: { period: 'day', count: 2 } });
        const redemptions: Redemption[] = [];
        const ledger: LedgerEntry[] = [];
        const balances = [250, 400, 90, 1000];
        let n = 0;
        for (const o of ops) {
          n++;
          if (o.kind === 'redeem') {
            const memberId = `m${o.member}`;
            const at = T0 + o.hours * 3_600_000;
            const requestId = `q${o.request}`;
            const key = `reward:r1:${memberId}:${requestId}`;
            const d = decideRedemption(
              {
                reward: rw,
                memberRedemptions: redemptions.filter((r) => r.memberId === memberId),
                nextPoolCode: codes.find((c) => !redemptions.some((r) => r.code === c)) ?? null,
                spendOnRecord: ledger.find((e) => e.key === key) ?? null,
                balance: balances[o.member]!,
              },
              { ...request(), memberId, requestId, at, period: periodKey(at, TZ, 'day'), redemptionId: `x${n}`, ledgerKey: key, spendEntryId: `e${n}` },
            );
            if (d.ok && d.writes) {
              redemptions.push(d.writes.redemption);
              if (d.writes.spend) ledger.push(d.writes.spend.entry);
              balances[o.member] = d.balance;
              rw.stock! += d.writes.stockDelta;
            }
          } else if (redemptions.length > 0) {
            const target = redemptions[o.pick % redemptions.length]!;
            const i = redemptions.indexOf(target);
            const member = Number(target.memberId.slice(1));
            const returnKey = `${target.ledgerKey}:return`;
            const d =
              o.kind === 'fulfil'
                ? decideFulfil(target, T0)
                : decideReject(target, ledger.find((e) => e.key === returnKey) ?? null, balances[member]!, {
                    at: T0,
                    returnKey,
                    returnEntryId: `e${n}`,
                    reason: 'adjustment',
                    stockCounted: true,
                  });
            if (d.ok && d.writes) {
              redemptions[i] = d.writes.redemption;
              if (d.writes.refund) {
                ledger.push(d.writes.refund.entry);
                balances[member] = balances[member]! + d.writes.refund.entry.delta;
              }
              rw.stock! += d.writes.stockDelta;
            }
          }
          // The promises, after every step.
          const given = redemptions.map((r) => r.code).filter((c): c is string => c !== null);
          expect(new Set(given).size).toBe(given.length);
          const holding = redemptions.filter((r) => r.status !== 'rejected');
          expect(rw.stock! + holding.length).toBe(STOCK);
          expect(rw.stock!).toBeGreaterThanOrEqual(0);
          for (let m = 0; m < 4; m++) {
            const mine = holding.filter((r) => r.memberId === `m${m}`);
            expect(mine.length).toBeLessThanOrEqual(3);
            for (const p of new Set(mine.map((r) => r.period))) expect(mine.filter((r) => r.period === p).length).toBeLessThanOrEqual(2);
            expect(balances[m]).toBeGreaterThanOrEqual(0);
            const start = [250, 400, 90, 1000][m]!;
            expect(balances[m]).toBe(start + ledger.filter((e) => e.memberId === `m${m}`).reduce((s, e) => s + e.delta, 0));
          }
          expect(new Set(ledger.map((e) => e.key)).size).toBe(ledger.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
