/**
 * Differential property test of the watch steps: random sequences of
 * beginWatch, accrueWatch, creditWatch (guest clocks capped by the wall time
 * since the first join), touchWatch, markChestClaimed and claimWatchClock (one
 * show at a time, per member across shows) (with
 * time moving forward, standing still and going back, beats countable or not,
 * members going idle, now and then an argument the engines must refuse) are
 * applied to
 *   1. the model: the functions of server/domain/watch.ts over a Map,
 *   2. SqliteEngine, which decides with those functions,
 *   3. RedisEngine, whose watch*.lua scripts mirror them,
 * and every reply, then the final watch state of every (show, member), every
 * member's clock and the shows' watch time, must be the same in all three.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import * as domain from '../../server/domain/watch.ts';
import type { ShowWatch, WatchClock, WatchState } from '../../server/domain/watch.ts';
import type { Engine, StreamStats } from '../../server/engine/engine.ts';
import {
  checkBeat,
  checkBeginWatch,
  checkChest,
  checkClaimWatchClock,
  checkCreditWatch,
  checkWatchArgs,
} from '../../server/engine/engine-args.ts';
import { DIFFERENTIAL_RUNS, replies, useDifferentialEngines, type EngineSubject } from '../support/differential-engines.ts';

const diff = useDifferentialEngines();

type WatchPort = Pick<
  Engine,
  'beginWatch' | 'accrueWatch' | 'creditWatch' | 'touchWatch' | 'markChestClaimed' | 'claimWatchClock' | 'watchClock' | 'watchState' | 'streamStats'
>;

/** The domain functions over plain maps, with the engines' one argument check first. */
class WatchModel implements WatchPort {
  private readonly states = new Map<string, WatchState>();
  private readonly shows = new Map<string, ShowWatch>();
  private readonly clocks = new Map<string, WatchClock>();

  async beginWatch(streamId: string, memberId: string, nowMs: number, referrerId: string | null) {
    checkBeginWatch(streamId, memberId, nowMs, referrerId);
    const begun = domain.beginWatch(this.get(streamId, memberId), nowMs, referrerId);
    this.put(streamId, memberId, begun.state);
    return begun;
  }

  async accrueWatch(streamId: string, memberId: string, beat: Parameters<Engine['accrueWatch']>[2]) {
    checkBeat(streamId, memberId, beat);
    const accrual = domain.accrueWatch(this.get(streamId, memberId), beat);
    this.put(streamId, memberId, accrual.state);
    this.addShowWatch(streamId, accrual.creditedMs);
    return accrual;
  }

  async creditWatch(streamId: string, memberId: string, ms: number, sinceMs: number, nowMs: number) {
    checkCreditWatch(streamId, memberId, ms, sinceMs, nowMs);
    const credit = domain.creditWatch(this.get(streamId, memberId), ms, sinceMs, nowMs);
    this.put(streamId, memberId, credit.state);
    this.addShowWatch(streamId, credit.creditedMs);
    return credit;
  }

  async claimWatchClock(memberId: string, streamId: string, nowMs: number, leaseMs: number) {
    checkClaimWatchClock(memberId, streamId, nowMs, leaseMs);
    const { clock, ...claim } = domain.claimWatchClock(this.clocks.get(memberId) ?? null, streamId, nowMs, leaseMs);
    if (clock !== null) this.clocks.set(memberId, clock);
    return claim;
  }

  async watchClock(memberId: string) {
    return this.clocks.get(memberId) ?? null;
  }

  async touchWatch(streamId: string, memberId: string, nowMs: number) {
    checkWatchArgs(streamId, memberId, nowMs);
    this.put(streamId, memberId, domain.touchWatch(this.get(streamId, memberId), nowMs));
  }

  async markChestClaimed(streamId: string, memberId: string, n: number) {
    checkChest(streamId, memberId, n);
    this.put(streamId, memberId, domain.markChestClaimed(this.get(streamId, memberId), n));
  }

  async watchState(streamId: string, memberId: string) {
    return this.get(streamId, memberId);
  }

  async streamStats(streamId: string): Promise<StreamStats> {
    return { pointsIssued: 0, watchMs: 0, ...this.shows.get(streamId) };
  }

  private get(streamId: string, memberId: string): WatchState | null {
    return this.states.get(`${streamId}\n${memberId}`) ?? null;
  }

  private put(streamId: string, memberId: string, state: WatchState | null): void {
    if (state !== null) this.states.set(`${streamId}\n${memberId}`, state);
  }

  private addShowWatch(streamId: string, ms: number): void {
    this.shows.set(streamId, domain.addShowWatch(this.shows.get(streamId) ?? { watchMs: 0 }, ms));
  }
}

const SHOWS = 2;
const MEMBERS = 3;
const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

const who = { show: fc.nat(SHOWS - 1), member: fc.nat(MEMBERS - 1) };
/** Time steps: mostly forward, sometimes none, sometimes back (a late or reordered report). */
const dt = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 40_000 }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: -20_000, max: -1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 40_001, max: 200_000 }) },
  // Exactly a cap or a lease: the boundaries of the beat cap and the clock's lease.
  { weight: 2, arbitrary: fc.constantFrom(1_000, 30_000) },
);
/** Mostly valid, now and then refused with VALIDATION before anything is written. */
const count = (max: number) => fc.oneof({ weight: 9, arbitrary: fc.nat(max) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5) });

const op = fc.oneof(
  fc.record({ kind: fc.constant('begin' as const), ...who, dt, referrer: fc.constantFrom(null, 'r1', 'r2', '') }),
  fc.record({
    kind: fc.constant('accrue' as const),
    ...who,
    dt,
    countable: fc.boolean(),
    capMs: fc.constantFrom(0, 1_000, 30_000),
    idleAfterMs: fc.constantFrom(0, 20_000, 60_000, 1_800_000),
  }),
  fc.record({ kind: fc.constant('credit' as const), ...who, dt, ms: count(90_000), since: fc.integer({ min: -200_000, max: 10_000 }) }),
  fc.record({ kind: fc.constant('claim' as const), ...who, dt, leaseMs: fc.constantFrom(0, 1_000, 30_000, -1) }),
  fc.record({ kind: fc.constant('touch' as const), ...who, dt }),
  fc.record({ kind: fc.constant('chest' as const), ...who, n: count(4) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Applies one op at time `now` to one implementation; the reply is what must match. */
function apply(port: WatchPort, o: Op, ids: { show: string; member: string }, now: number): Promise<unknown> {
  switch (o.kind) {
    case 'begin':
      return port.beginWatch(ids.show, ids.member, now, o.referrer);
    case 'accrue':
      return port.accrueWatch(ids.show, ids.member, { nowMs: now, countable: o.countable, capMs: o.capMs, idleAfterMs: o.idleAfterMs });
    case 'credit':
      // since: when the guest connection joined, mostly before now, now and then after it; -1 is refused.
      return port.creditWatch(ids.show, ids.member, o.ms, o.since === -200_000 ? -1 : now + o.since, now);
    case 'claim':
      return port.claimWatchClock(ids.member, ids.show, now, o.leaseMs);
    case 'touch':
      return port.touchWatch(ids.show, ids.member, now);
    case 'chest':
      return port.markChestClaimed(ids.show, ids.member, o.n);
  }
}

/** The model stands beside the engines in replies(), which only calls `step` on each. */
const asSubject = (port: WatchPort) => ({ engine: port }) as EngineSubject;

it('model, SqliteEngine and RedisEngine agree on every watch step and the final state', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
      const scope = diff.scope();
      const show = (i: number) => `${scope}s${i}`;
      const member = (i: number) => `${scope}m${i}`;
      const all = [asSubject(new WatchModel()), ...diff.subjects()];
      let now = T0;
      for (const o of ops) {
        now += 'dt' in o ? o.dt : 0;
        const ids = { show: show(o.show), member: member(o.member) };
        const [want, ...got] = await replies(all, (s) => apply(s.engine, o, ids, now));
        for (const g of got) expect(g).toEqual(want);
      }
      for (let si = 0; si < SHOWS; si++) {
        const [want, ...got] = await replies(all, (s) => s.engine.streamStats(show(si)));
        for (const g of got) expect(g).toEqual(want);
        for (let mi = 0; mi < MEMBERS; mi++) {
          if (si === 0) {
            const [wantClock, ...gotClock] = await replies(all, (s) => s.engine.watchClock(member(mi)));
            for (const g of gotClock) expect(g).toEqual(wantClock);
          }
          const [wantState, ...gotState] = await replies(all, (s) => s.engine.watchState(show(si), member(mi)));
          for (const g of gotState) expect(g).toEqual(wantState);
        }
      }
    }),
    { numRuns: DIFFERENTIAL_RUNS },
  );
}, 120_000);
