/**
 * Differential property test of the lottery-entry rules: members with random
 * balances (given with engine.award first, the same on every subject) define,
 * enter (free or paid, again and again, sometimes under a spend key already on
 * record) and close lotteries in random order. Each op goes to (1) a model —
 * the pure functions of server/domain/lottery-entry.ts over plain maps —, (2)
 * SqlitePerksEngine and (3) RedisPerksEngine (lua/lotteryEnter-5.lua,
 * lotteryClose-2.lua). Every reply must be the same, refusals included, and so
 * must entryOf, entryCount and each member's balance at the end.
 *
 * Ledger entry ids are made by each engine, so replies compare them by
 * identity: each id is replaced by the order in which that subject first
 * returned it (a repeat entry must return the original spend, not a new one).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeLottery, decideEntry, defineLottery, type EnterRequest, type EnterResult, type LotteryState } from '../../server/domain/lottery-entry.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { LotteryEntry } from '../../shared/perks.ts';
import { DIFFERENTIAL_RUNS, replies, useDifferentialEngines, type EngineSubject } from '../support/differential-engines.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);
const MEMBERS = 3;
const LOTTERIES = 3;

type Op =
  | { kind: 'define'; lottery: number }
  | { kind: 'enter'; lottery: number; member: number; cost: number; weight: number; sharedKey: boolean }
  | { kind: 'close'; lottery: number };

// Lottery 0 takes most of the traffic (and is defined first in every run); 1 may be defined too; 2 never is (NOT_FOUND).
const anyLottery = fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('define' as const), lottery: fc.nat(1) }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('enter' as const),
      lottery: anyLottery,
      member: fc.nat(MEMBERS - 1),
      cost: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
      weight: fc.integer({ min: 1, max: 3 }),
      // The service's key is per lottery and member; a key shared by every entry makes "on record" likely.
      sharedKey: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), lottery: anyLottery }) },
);
const run = fc.record({
  balances: fc.array(fc.nat(60), { minLength: MEMBERS, maxLength: MEMBERS }),
  ops: fc
    .array(op, { maxLength: 15, size: 'max' })
    .map((ops): Op[] => [{ kind: 'define', lottery: 0 }, ...ops]),
});

/** The model: the domain rules over plain maps, storing each step's writes as an engine would. */
class Model {
  readonly lotteries = new Map<string, LotteryState>();
  readonly entries = new Map<string, Map<string, LotteryEntry>>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly balances = new Map<string, number>();
  private ids = 0;

  define(lotteryId: string): void {
    const defined = defineLottery(this.lotteries.get(lotteryId) ?? null);
    if (defined) this.lotteries.set(lotteryId, defined);
  }

  entriesOf(lotteryId: string): Map<string, LotteryEntry> {
    if (!this.entries.has(lotteryId)) this.entries.set(lotteryId, new Map());
    return this.entries.get(lotteryId)!;
  }

  enter(r: EnterRequest): EnterResult | { error: string } {
    const entries = this.entriesOf(r.lotteryId);
    const step = decideEntry(
      {
        lottery: this.lotteries.get(r.lotteryId) ?? null,
        entry: entries.get(r.memberId) ?? null,
        spendOnRecord: this.ledger.get(r.ledgerKey) ?? null,
        balance: this.balances.get(r.memberId) ?? 0,
        count: entries.size,
      },
      r,
      `model-${++this.ids}`,
    );
    if (!step.ok) return { error: step.refusal };
    if (step.insert) entries.set(r.memberId, step.insert);
    if (step.spend) {
      const spend = step.spend.entry;
      this.ledger.set(spend.key, spend);
      this.balances.set(spend.memberId, (this.balances.get(spend.memberId) ?? 0) + spend.delta);
    }
    return step.result;
  }

  close(lotteryId: string): LotteryEntry[] | { error: string } {
    const step = closeLottery(this.lotteries.get(lotteryId) ?? null);
    if (!step.ok) return { error: step.refusal };
    this.lotteries.set(lotteryId, step.state);
    return [...this.entriesOf(lotteryId).values()];
  }
}

/** Replaces each ledger entry id by the order in which this subject first returned it. */
function labelIds(reply: unknown, labels: Map<string, string>): unknown {
  if (!reply || typeof reply !== 'object' || !('spend' in reply)) return reply;
  const spend = (reply as EnterResult).spend;
  if (!spend) return reply;
  if (!labels.has(spend.id)) labels.set(spend.id, `#${labels.size + 1}`);
  return { ...reply, spend: { ...spend, id: labels.get(spend.id) } };
}

const byMember = (reply: unknown) =>
  Array.isArray(reply) ? [...(reply as LotteryEntry[])].sort((a, b) => a.memberId.localeCompare(b.memberId)) : reply;

const d = useDifferentialEngines();

async function step(model: Model, subjects: readonly EngineSubject[], s: string, o: Op, at: number): Promise<unknown[]> {
  const lotteryId = `${s}l${o.lottery}`;
  switch (o.kind) {
    case 'define':
      model.define(lotteryId);
      return [undefined, ...(await replies(subjects, (x) => x.perks.defineLottery(lotteryId)))];
    case 'enter': {
      const memberId = `${s}m${o.member}`;
      const request: EnterRequest = {
        lotteryId,
        memberId,
        weight: o.weight,
        cost: o.cost,
        ledgerKey: o.sharedKey ? `${s}shared-key` : `lottery:${lotteryId}:${memberId}`,
        reason: 'lottery-entry',
        streamId: null,
        at,
      };
      return [model.enter(request), ...(await replies(subjects, (x) => x.perks.enterLottery(request)))];
    }
    case 'close':
      return [model.close(lotteryId), ...(await replies(subjects, (x) => x.perks.closeLottery(lotteryId)))].map(byMember);
  }
}

describe('lottery entry: domain rules = SqlitePerksEngine = RedisPerksEngine', () => {
  it(`agree on every reply and the final state over ${DIFFERENTIAL_RUNS} random sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(run, async ({ balances, ops }) => {
        const subjects = d.subjects();
        const s = d.scope();
        const model = new Model();
        const member = (m: number) => `${s}m${m}`;
        for (const [m, points] of balances.entries()) {
          if (points === 0) continue;
          model.balances.set(member(m), points);
          const fund = { key: `${s}fund${m}`, memberId: member(m), delta: points, reason: 'adjustment' as const, at: T0 };
          await Promise.all(subjects.map((x) => x.engine.award(fund)));
        }
        // One id labelling per subject: model, sqlite, redis.
        const labels = [new Map<string, string>(), new Map<string, string>(), new Map<string, string>()];
        for (const [i, o] of ops.entries()) {
          const got = (await step(model, subjects, s, o, T0 + i)).map((reply, k) => labelIds(reply, labels[k]!));
          expect(got, `op ${i} ${JSON.stringify(o)}`).toEqual(got.map(() => got[0]));
        }
        // The final state, read concurrently (one round of Redis round trips, not one per read).
        const reads: Array<[string, unknown, (x: EngineSubject) => Promise<unknown>]> = [];
        for (let l = 0; l < LOTTERIES; l++) {
          const lotteryId = `${s}l${l}`;
          const entries = model.entriesOf(lotteryId);
          reads.push([`entryCount l${l}`, entries.size, (x) => x.perks.entryCount(lotteryId)]);
          for (let m = 0; m < MEMBERS; m++) {
            reads.push([`entryOf l${l} m${m}`, entries.get(member(m)) ?? null, (x) => x.perks.entryOf(lotteryId, member(m))]);
          }
        }
        for (let m = 0; m < MEMBERS; m++) reads.push([`balance m${m}`, model.balances.get(member(m)) ?? 0, (x) => x.engine.balance(member(m))]);
        const read = await Promise.all(reads.map(([, , r]) => replies(subjects, r)));
        for (const [k, [what, expected]] of reads.entries()) expect(read[k], what).toEqual(read[k]!.map(() => expected));
      }),
      { numRuns: DIFFERENTIAL_RUNS },
    );
  }, 120_000);
});
