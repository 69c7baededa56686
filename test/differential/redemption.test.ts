/**
 * Differential property test of the rewards store's rules (issue 13):
 * members with random balances redeem rewards of random shapes (pool or
 * shared codes, gifts, credit; stock, limits per member and per day, a
 * window, archived), again under the same request id, while the host adds
 * codes, sets stock, fulfils and rejects. Each op goes to (1) a model — the
 * pure functions of server/domain/redemption.ts over plain maps —, (2)
 * SqliteRewardsEngine and (3) RedisRewardsEngine (lua/rewardRedeem-11.lua,
 * rewardSettle-8.lua, rewardPut-2.lua, rewardCodes-2.lua). Every reply must
 * be the same, refusals included, and so must each member's balance and each
 * reward's stock and unused codes at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideFulfil, decideRedemption, decideReject, type RedeemRequest, type RewardStock } from '../../server/domain/redemption.ts';
import { periodKey } from '../../server/domain/reward-periods.ts';
import type { RedeemReply, SettleReply } from '../../server/engine/rewards-engine.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Redemption } from '../../shared/rewards.ts';
import { DIFFERENTIAL_RUNS, DIFFERENTIAL_TIMEOUT_MS, replies, useDifferentialEngines } from '../support/differential-engines.ts';

const T0 = Date.UTC(2024, 0, 15, 4, 0, 0);
const TZ = 'Asia/Taipei';
const MEMBERS = 3;
const REWARDS = 2;

type Shape = Omit<RewardStock, 'id'>;
const shape: fc.Arbitrary<Shape> = fc
  .record({
    kind: fc.constantFrom('coupon-pool', 'coupon-shared', 'item', 'credit'),
    stock: fc.option(fc.nat(4), { nil: null }),
    perMemberLimit: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    perDay: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    opensInHours: fc.option(fc.nat(30), { nil: null }),
    archived: fc.boolean().map((b) => b && Math.random() < 0.2),
  })
  .map(({ kind, stock, perMemberLimit, perDay, opensInHours, archived }) => ({
    kind: kind.startsWith('coupon') ? ('coupon' as const) : (kind as 'item' | 'credit'),
    stock,
    perMemberLimit,
    periodLimit: perDay === null ? null : { period: 'day' as const, count: perDay },
    codeMode: kind === 'coupon-pool' ? ('pool' as const) : kind === 'coupon-shared' ? ('shared' as const) : null,
    sharedCode: kind === 'coupon-shared' ? 'SHARED' : null,
    availableFrom: opensInHours === null ? null : T0 + opensInHours * 3_600_000,
    availableUntil: null,
    archived,
  }));

type Op =
  | { kind: 'put'; reward: number; shape: Shape }
  | { kind: 'codes'; reward: number; codes: string[] }
  | { kind: 'stock'; reward: number; stock: number | null }
  | { kind: 'redeem'; reward: number; member: number; request: number; hours: number; price: number }
  | { kind: 'fulfil' | 'reject'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('put' as const), reward: fc.nat(REWARDS - 1), shape }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('codes' as const), reward: fc.nat(REWARDS - 1), codes: fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stock' as const), reward: fc.nat(REWARDS - 1), stock: fc.option(fc.nat(3), { nil: null }) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      reward: fc.nat(REWARDS),
      member: fc.nat(MEMBERS - 1),
      request: fc.nat(3),
      hours: fc.nat(48),
      price: fc.constantFrom(0, 20, 50),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('fulfil' as const, 'reject' as const), pick: fc.nat(20) }) },
);

const run = fc.record({
  balances: fc.array(fc.nat(120), { minLength: MEMBERS, maxLength: MEMBERS }),
  first: shape,
  ops: fc.array(op, { maxLength: 20, size: 'max' }),
});

/** The model: the domain rules over plain maps, storing each step's writes as an engine would. */
class Model {
  readonly rewards = new Map<string, RewardStock>();
  readonly codes = new Map<string, string[]>();
  readonly everCodes = new Map<string, Set<string>>();
  readonly redemptions = new Map<string, Redemption>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly balances = new Map<string, number>();

  put(spec: RewardStock): void {
    const known = this.rewards.get(spec.id);
    this.rewards.set(spec.id, known ? { ...spec, stock: known.stock } : spec);
  }

  addCodes(rewardId: string, codes: string[]) {
    const ever = this.everCodes.get(rewardId) ?? new Set<string>();
    const pool = this.codes.get(rewardId) ?? [];
    let added = 0;
    for (const c of codes) if (!ever.has(c)) (ever.add(c), pool.push(c), added++);
    this.everCodes.set(rewardId, ever);
    this.codes.set(rewardId, pool);
    return { added, duplicates: codes.length - added, unused: pool.length };
  }

  setStock(rewardId: string, stock: number | null): boolean {
    const r = this.rewards.get(rewardId);
    if (!r) return false;
    this.rewards.set(rewardId, { ...r, stock });
    return true;
  }

  redeem(r: RedeemRequest): RedeemReply {
    const reward = this.rewards.get(r.rewardId) ?? null;
    const d = decideRedemption(
      {
        reward,
        memberRedemptions: [...this.redemptions.values()].filter((x) => x.rewardId === r.rewardId && x.memberId === r.memberId),
        nextPoolCode: this.codes.get(r.rewardId)?.[0] ?? null,
        spendOnRecord: this.ledger.get(r.ledgerKey) ?? null,
        balance: this.balances.get(r.memberId) ?? 0,
      },
      r,
    );
    if (!d.ok) return d;
    const w = d.writes;
    if (w) {
      this.redemptions.set(w.redemption.id, w.redemption);
      if (w.takenCode !== null) this.codes.get(r.rewardId)!.shift();
      if (w.stockDelta !== 0 && reward) this.rewards.set(reward.id, { ...reward, stock: reward.stock! + w.stockDelta });
      if (w.spend) this.book(w.spend.entry);
    }
    return { ok: true, redemption: d.redemption, replayed: d.replayed, balance: d.balance };
  }

  settle(kind: 'fulfil' | 'reject', id: string, at: number): SettleReply {
    const redemption = this.redemptions.get(id) ?? null;
    const returnKey = `${redemption?.ledgerKey}:return`;
    const reward = redemption ? this.rewards.get(redemption.rewardId) : undefined;
    const d =
      kind === 'fulfil'
        ? decideFulfil(redemption, at)
        : decideReject(redemption, this.ledger.get(returnKey) ?? null, this.balances.get(redemption?.memberId ?? '') ?? 0, {
            at,
            returnKey,
            returnEntryId: 'model',
            reason: 'adjustment',
            stockCounted: reward?.stock != null,
          });
    if (!d.ok) return d;
    if (d.writes) {
      this.redemptions.set(id, d.writes.redemption);
      if (d.writes.refund) this.book(d.writes.refund.entry);
      if (d.writes.stockDelta !== 0 && reward) this.rewards.set(reward.id, { ...reward, stock: reward.stock! + d.writes.stockDelta });
    }
    return { ok: true, redemption: d.redemption, replayed: d.replayed };
  }

  private book(entry: LedgerEntry): void {
    this.ledger.set(entry.key, entry);
    this.balances.set(entry.memberId, (this.balances.get(entry.memberId) ?? 0) + entry.delta);
  }
}

const d = useDifferentialEngines();

describe('rewards store: domain rules = SqliteRewardsEngine = RedisRewardsEngine', () => {
  it(
    `agree on every reply and the final balances and stock over ${DIFFERENTIAL_RUNS} random sequences`,
    async () => {
      await fc.assert(
        fc.asyncProperty(run, async ({ balances, first, ops }) => {
          const subjects = d.subjects();
          const s = d.scope();
          const model = new Model();
          const member = (m: number) => `${s}m${m}`;
          const reward = (r: number) => `${s}r${r}`;
          for (const [m, points] of balances.entries()) {
            if (points === 0) continue;
            model.balances.set(member(m), points);
            const fund = { key: `${s}fund${m}`, memberId: member(m), delta: points, reason: 'adjustment' as const, at: T0 };
            await Promise.all(subjects.map((x) => x.engine.award(fund)));
          }
          const made: string[] = [];
          const all: Op[] = [{ kind: 'put', reward: 0, shape: first }, ...ops];
          for (const [i, o] of all.entries()) {
            const at = T0 + i * 60_000 + (o.kind === 'redeem' ? o.hours * 3_600_000 : 0);
            let got: unknown[];
            switch (o.kind) {
              case 'put': {
                const spec = { id: reward(o.reward), ...o.shape };
                model.put(spec);
                got = [undefined, ...(await replies(subjects, (x) => x.rewards.putReward(spec)))];
                break;
              }
              case 'codes':
                got = [model.addCodes(reward(o.reward), o.codes), ...(await replies(subjects, (x) => x.rewards.addCodes(reward(o.reward), o.codes)))];
                break;
              case 'stock':
                got = [model.setStock(reward(o.reward), o.stock), ...(await replies(subjects, (x) => x.rewards.setStock(reward(o.reward), o.stock)))];
                break;
              case 'redeem': {
                const memberId = member(o.member);
                const request: RedeemRequest = {
                  rewardId: reward(o.reward),
                  memberId,
                  requestId: `q${o.request}`,
                  at,
                  pricePoints: o.price,
                  period: periodKey(at, TZ, 'day'),
                  redemptionId: `${s}x${i}`,
                  ledgerKey: `reward:${reward(o.reward)}:${memberId}:q${o.request}`,
                  spendEntryId: `${s}e${i}`,
                  reason: 'adjustment',
                };
                const reply = model.redeem(request);
                if (reply.ok && !reply.replayed) made.push(reply.redemption.id);
                got = [reply, ...(await replies(subjects, (x) => x.rewards.redeem(request)))];
                break;
              }
              default: {
                const id = made.length > 0 ? made[o.pick % made.length]! : `${s}none`;
                const reject = { at, returnKey: `${model.redemptions.get(id)?.ledgerKey}:return`, reason: 'adjustment' as const };
                got = [
                  model.settle(o.kind, id, at),
                  ...(await replies(subjects, (x) => (o.kind === 'fulfil' ? x.rewards.fulfil(id, at) : x.rewards.reject(id, reject)))),
                ];
              }
            }
            expect(got[1], `op ${i} ${JSON.stringify(o)}: sqlite`).toEqual(got[0]);
            expect(got[2], `op ${i} ${JSON.stringify(o)}: redis`).toEqual(got[0]);
          }
          for (let m = 0; m < MEMBERS; m++) {
            const want = model.balances.get(member(m)) ?? 0;
            for (const x of subjects) expect(await x.engine.balance(member(m)), `${x.name} balance m${m}`).toBe(want);
          }
          for (let r = 0; r <= REWARDS; r++) {
            const known = model.rewards.get(reward(r));
            const want = known ? { stock: known.stock, unusedCodes: model.codes.get(reward(r))?.length ?? 0 } : null;
            for (const x of subjects) expect(await x.rewards.rewardStock(reward(r)), `${x.name} stock r${r}`).toEqual(want);
          }
        }),
        { numRuns: Math.max(1, Math.floor(DIFFERENTIAL_RUNS / 4)) },
      );
    },
    DIFFERENTIAL_TIMEOUT_MS,
  );
});
