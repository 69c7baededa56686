/**
 * Differential property test of the ledger steps (award, spend, reverse and refund,
 * which meet in the balance and in their shared key space): random sequences
 * of awards, spends, reversals and refunds (keys reused within and across the two, several members and
 * shows, times spread over days across a month end, awards asking for their
 * earned window, now and then an amount the engines must refuse) are applied to
 *   1. the model: decideAward / decideSpend / decideRefund of server/domain/ledger.ts and
 *      decideReversal of reversal.ts over maps,
 *   2. SqliteEngine, whose SqliteLedger decides with those functions,
 *   3. RedisEngine, whose award-7.lua, includes/spend.lua, reverse-5.lua and refund-3.lua mirror them,
 * and every reply (INSUFFICIENT_POINTS and VALIDATION included), then each
 * member's balance and earned windows and each show's leaderboard and stats,
 * must be the same in all three. Reversals often exceed a balance that spends
 * lowered, so the clamp at zero and its shortfall are exercised.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/models.ts';
import { decideAward, decideRefund, decideSpend, earnedFrom, earnedWindowStart, type LedgerWrites } from '../../server/domain/ledger.ts';
import { decideReversal, type ReversalInput, type ReversalResult } from '../../server/domain/reversal.ts';
import { DAY_MS, utcDay } from '../../server/domain/time.ts';
import type { AwardInput, Engine, LedgerResult, RefundInput, SpendInput, StreamStats } from '../../server/engine/engine.ts';
import { checkAward, checkEarnedSince, checkRefund, checkReversal, checkSpend } from '../../server/engine/engine-args.ts';
import { EngineFailure, engineError } from '../../server/engine/engine-errors.ts';
import { DIFFERENTIAL_RUNS, DIFFERENTIAL_TIMEOUT_MS, expectSameReplies, modelSubject, replies, useDifferentialEngines } from '../support/differential-engines.ts';

const diff = useDifferentialEngines();

type LedgerPort = Pick<Engine, 'award' | 'spend' | 'reverse' | 'refund' | 'balance' | 'earnedSince' | 'topMembers' | 'streamStats'>;

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

function inner(outer: Map<string, Map<string, number>>, key: string): Map<string, number> {
  if (!outer.has(key)) outer.set(key, new Map());
  return outer.get(key)!;
}

/** The domain functions over plain maps, with the engines' one argument check first. */
class LedgerModel implements LedgerPort {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly balances = new Map<string, number>();
  /** memberId -> UTC day -> points earned */
  private readonly days = new Map<string, Map<string, number>>();
  /** streamId -> memberId -> points earned in the show */
  private readonly shows = new Map<string, Map<string, number>>();
  private readonly issued = new Map<string, number>();
  private ids = 0;

  async award(input: AwardInput): Promise<LedgerResult> {
    checkAward(input);
    const fromDay = earnedWindowStart(input);
    const read = {
      stored: this.entries.get(input.key) ?? null,
      balance: await this.balance(input.memberId),
      earnedInWindow: fromDay === null ? 0 : earnedFrom(this.daysOf(input.memberId), fromDay),
    };
    const decision = decideAward(read, input, `model-${++this.ids}`);
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  async spend(input: SpendInput): Promise<LedgerResult> {
    checkSpend(input);
    const read = { stored: this.entries.get(input.key) ?? null, balance: await this.balance(input.memberId) };
    const decision = decideSpend(read, input, `model-${++this.ids}`);
    if (decision.kind === 'refused') throw engineError(EngineFailure[decision.refusal], { cost: decision.cost });
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  async reverse(input: ReversalInput): Promise<ReversalResult> {
    checkReversal(input);
    const fromDay = earnedWindowStart(input);
    const read = {
      stored: this.entries.get(input.key) ?? null,
      balance: await this.balance(input.memberId),
      earnedInWindow: fromDay === null ? 0 : earnedFrom(this.daysOf(input.memberId), fromDay),
    };
    const decision = decideReversal(read, input, `model-${++this.ids}`);
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  async refund(input: RefundInput): Promise<LedgerResult> {
    checkRefund(input);
    const read = { stored: this.entries.get(input.key) ?? null, balance: await this.balance(input.memberId) };
    const decision = decideRefund(read, input, `model-${++this.ids}`);
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  async balance(memberId: string): Promise<number> {
    return this.balances.get(memberId) ?? 0;
  }

  async earnedSince(memberId: string, sinceMs: number): Promise<number> {
    checkEarnedSince(memberId, sinceMs);
    return earnedFrom(this.daysOf(memberId), utcDay(sinceMs));
  }

  async topMembers(streamId: string | null, limit: number) {
    const board = [...(this.shows.get(streamId!) ?? [])].map(([memberId, points]) => ({ memberId, points }));
    board.sort((a, b) => b.points - a.points || (a.memberId < b.memberId ? -1 : 1));
    return board.slice(0, limit);
  }

  async streamStats(streamId: string): Promise<StreamStats> {
    return { watchMs: 0, pointsIssued: this.issued.get(streamId) ?? 0 };
  }

  private daysOf(memberId: string): Map<string, number> {
    return inner(this.days, memberId);
  }

  private store({ entry, earned }: LedgerWrites): void {
    this.entries.set(entry.key, entry);
    add(this.balances, entry.memberId, entry.delta);
    if (earned === null) return;
    add(this.daysOf(entry.memberId), earned.day, earned.points);
    if (earned.streamId === null) return;
    add(inner(this.shows, earned.streamId), entry.memberId, earned.points);
    add(this.issued, earned.streamId, earned.points);
  }
}

const KEYS = 5;
const MEMBERS = 3;
const SHOWS = 2;
const DAYS = 5;
/** Five days across the end of February 2024 (a leap day, then a month end). */
const D0 = Date.UTC(2024, 1, 27);

/** A time within the five days: often right at a day's first or last millisecond. */
const time = fc
  .tuple(fc.nat(DAYS - 1), fc.oneof(fc.constantFrom(0, DAY_MS - 1), fc.nat(DAY_MS - 1)))
  .map(([day, ms]) => D0 + day * DAY_MS + ms);
/** Mostly valid, now and then refused with VALIDATION before anything is written. */
const amount = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -3, 2.5) });
const who = { key: fc.nat(KEYS - 1), member: fc.nat(MEMBERS - 1), show: fc.option(fc.nat(SHOWS - 1)), at: time };

const op = fc.oneof(
  fc.record({
    kind: fc.constant('award' as const),
    ...who,
    amount,
    reason: fc.constantFrom('watch' as const, 'like' as const, 'checkin' as const),
    since: fc.option(fc.oneof(time, fc.constant(D0 - DAY_MS))),
  }),
  fc.record({
    kind: fc.constant('spend' as const),
    ...who,
    amount,
    reason: fc.constantFrom('purchase' as const, 'lottery-entry' as const),
  }),
  fc.record({
    kind: fc.constant('reverse' as const),
    ...who,
    amount,
    reason: fc.constant('purchase-reversal' as const),
    // The day the reversed points were earned: inside or before the windows asked for.
    earnedDay: fc.nat(DAYS - 1).map((d) => utcDay(D0 + d * DAY_MS)),
    since: fc.option(fc.oneof(time, fc.constant(D0 - DAY_MS))),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    ...who,
    amount,
    reason: fc.constant('lottery-refund' as const),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface Names {
  key: (i: number) => string;
  member: (i: number) => string;
  show: (i: number) => string;
}

function apply(port: LedgerPort, o: Op, n: Names): Promise<LedgerResult> {
  const common = { key: n.key(o.key), memberId: n.member(o.member), reason: o.reason, at: o.at };
  const streamId = o.show === null ? null : n.show(o.show);
  if (o.kind === 'spend') return port.spend({ ...common, cost: o.amount, streamId });
  if (o.kind === 'refund') return port.refund({ ...common, points: o.amount, streamId });
  if (o.kind === 'reverse') {
    return port.reverse({ ...common, points: o.amount, streamId, earnedDay: o.earnedDay, ...(o.since === null ? {} : { earnedSinceMs: o.since }) });
  }
  return port.award({ ...common, delta: o.amount, streamId, ...(o.since === null ? {} : { earnedSinceMs: o.since }) });
}

/**
 * Each implementation makes its own entry ids; what must hold is that a
 * replay returns the id its key was first applied with. `seen` is per
 * implementation: key -> first id.
 */
function stableIds(seen: Map<string, string>, reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null || !('entry' in reply)) return reply;
  const { entry } = reply as LedgerResult;
  const first = seen.get(entry.key) ?? entry.id;
  seen.set(entry.key, first);
  return { ...reply, entry: { ...entry, id: entry.id === first ? 'the first id of the key' : entry.id } };
}

/** Everything the port shows of the run's members and shows (read concurrently: Redis pipelines them). */
function snapshot(port: LedgerPort, n: Names) {
  const range = (count: number) => Array.from({ length: count }, (_, i) => i);
  return Promise.all([
    ...range(MEMBERS).map((m) =>
      Promise.all([
        port.balance(n.member(m)),
        // The windows start mid-day: whole UTC days from that day on count.
        ...range(DAYS + 2).map((d) => port.earnedSince(n.member(m), D0 + (d - 1) * DAY_MS + DAY_MS / 2)),
      ]),
    ),
    ...range(SHOWS).map((s) => Promise.all([port.topMembers(n.show(s), 10), port.streamStats(n.show(s))])),
  ]);
}

it('model, SqliteEngine and RedisEngine agree on every award, spend, reversal and refund and on the final ledger state', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
      const scope = diff.scope();
      const n: Names = { key: (i) => `${scope}k${i}`, member: (i) => `${scope}m${i}`, show: (i) => `${scope}s${i}` };
      const all = [modelSubject(new LedgerModel()), ...diff.subjects()];
      const ids = all.map(() => new Map<string, string>());
      for (const o of ops) {
        const [want, ...got] = await replies(all, (s) => apply(s.engine, o, n));
        const stable = [want, ...got].map((r, i) => stableIds(ids[i]!, r));
        for (const g of stable.slice(1)) expect(g).toEqual(stable[0]);
      }
      await expectSameReplies(all, (s) => snapshot(s.engine, n));
    }),
    { numRuns: DIFFERENTIAL_RUNS },
  );
}, DIFFERENTIAL_TIMEOUT_MS);
