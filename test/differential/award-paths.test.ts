/**
 * Differential property test of the award paths (domain/award-paths.ts):
 * random sequences of heartbeats (Engine.beatAward: clock claim, accrual,
 * active day, due watch awards at the tier read in the step), capped likes and
 * comments (Engine.cappedAward: cap, award, touch, active day) and plain awards
 * that reuse their keys (so the paths meet replays and cross tier thresholds),
 * with time moving forward, standing still and going back, several members and
 * shows, random ladders, caps and windows, now and then an argument the
 * engines must refuse, are applied to
 *   1. the model: beatAward / cappedAward / decideAward over plain maps,
 *   2. SqliteEngine, which decides with those functions in one group-commit call,
 *   3. RedisEngine, whose beatAward-11.lua and cappedAward-10.lua mirror them,
 * and every reply, then each member's balance, earned window, active days,
 * clock and watch states and each show's stats and leaderboard, must be the
 * same in all three.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/models.ts';
import {
  beatAward,
  cappedAward,
  type AwardPathLedgerRead,
  type BeatAwardInput,
  type CappedAwardInput,
  type WatchPointsRung,
} from '../../server/domain/award-paths.ts';
import { decideAward, earnedFrom, earnedWindowStart, type LedgerWrites } from '../../server/domain/ledger.ts';
import { decideHit, type CountedHit } from '../../server/domain/limits.ts';
import { DAY_MS, utcDay } from '../../server/domain/time.ts';
import * as watch from '../../server/domain/watch.ts';
import type { AwardInput, Engine, StreamStats } from '../../server/engine/engine.ts';
import { checkAward, checkBeatAward, checkCappedAward } from '../../server/engine/engine-args.ts';
import {
  DIFFERENTIAL_RUNS,
  DIFFERENTIAL_TIMEOUT_MS,
  expectSameReplies,
  modelSubject,
  replies,
  useDifferentialEngines,
} from '../support/differential-engines.ts';

const diff = useDifferentialEngines();

type Port = Pick<
  Engine,
  'beatAward' | 'cappedAward' | 'award' | 'balance' | 'earnedSince' | 'countActiveDays' | 'watchClock' | 'watchState' | 'streamStats' | 'topMembers'
>;

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
const pair = (a: string, b: string) => `${a}\n${b}`;

/** The domain functions over plain maps, with the engines' one argument check first. */
class AwardPathModel implements Port {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly balances = new Map<string, number>();
  /** member\nday -> points earned that UTC day */
  private readonly days = new Map<string, number>();
  /** show\nmember -> points in the show */
  private readonly showPoints = new Map<string, number>();
  private readonly issued = new Map<string, number>();
  private readonly watchMs = new Map<string, number>();
  private readonly states = new Map<string, watch.WatchState>();
  private readonly clocks = new Map<string, watch.WatchClock>();
  private readonly active = new Set<string>();
  private readonly hits = new Map<string, CountedHit[]>();
  private ids = 0;
  private readonly newId = () => `model-${++this.ids}`;

  async beatAward(input: BeatAwardInput) {
    checkBeatAward(input);
    const { streamId, memberId } = input;
    const { result, writes } = beatAward(
      {
        ...this.ledgerRead(memberId, input.earnedSinceMs),
        clock: this.clocks.get(memberId) ?? null,
        watch: this.states.get(pair(streamId, memberId)) ?? null,
      },
      input,
      this.newId,
    );
    if (writes.clock) this.clocks.set(memberId, writes.clock);
    this.states.set(pair(streamId, memberId), writes.watch);
    add(this.watchMs, streamId, writes.showWatchMs);
    if (writes.activeDay !== null) this.active.add(pair(memberId, writes.activeDay));
    for (const w of writes.ledger) this.store(w);
    return result;
  }

  async cappedAward(input: CappedAwardInput) {
    checkCappedAward(input);
    const { memberId } = input.award;
    const { result, writes } = cappedAward(
      {
        ...this.ledgerRead(memberId, input.award.earnedSinceMs),
        hits: this.hits.get(input.hitKey) ?? [],
        watch: this.states.get(pair(input.streamId, memberId)) ?? null,
      },
      input,
      this.newId,
    );
    const kept = (this.hits.get(input.hitKey) ?? []).filter((h) => !writes.expiredHits.includes(h.id));
    this.hits.set(input.hitKey, writes.hit ? [...kept, writes.hit] : kept);
    if (writes.ledger) this.store(writes.ledger);
    if (writes.watch) this.states.set(pair(input.streamId, memberId), writes.watch);
    this.active.add(pair(memberId, writes.activeDay));
    return result;
  }

  async award(input: AwardInput) {
    checkAward(input);
    const fromDay = earnedWindowStart(input);
    const read = {
      stored: this.entries.get(input.key) ?? null,
      balance: this.balances.get(input.memberId) ?? 0,
      earnedInWindow: fromDay === null ? 0 : earnedFrom(this.daysOf(input.memberId), fromDay),
    };
    const decision = decideAward(read, input, this.newId());
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  async balance(memberId: string) {
    return this.balances.get(memberId) ?? 0;
  }

  async earnedSince(memberId: string, sinceMs: number) {
    return earnedFrom(this.daysOf(memberId), utcDay(sinceMs));
  }

  async countActiveDays(memberId: string, fromDay: string, toDay: string) {
    return [...this.active].filter((k) => {
      const [m, day] = k.split('\n');
      return m === memberId && day! >= fromDay && day! <= toDay;
    }).length;
  }

  async watchClock(memberId: string) {
    return this.clocks.get(memberId) ?? null;
  }

  async watchState(streamId: string, memberId: string) {
    return this.states.get(pair(streamId, memberId)) ?? null;
  }

  async streamStats(streamId: string): Promise<StreamStats> {
    return { watchMs: this.watchMs.get(streamId) ?? 0, pointsIssued: this.issued.get(streamId) ?? 0 };
  }

  async topMembers(streamId: string | null, limit: number) {
    const board = [...this.showPoints]
      .filter(([k]) => k.split('\n')[0] === streamId)
      .map(([k, points]) => ({ memberId: k.split('\n')[1]!, points }));
    board.sort((a, b) => b.points - a.points || (a.memberId < b.memberId ? -1 : 1));
    return board.slice(0, limit);
  }

  private daysOf(memberId: string): Array<[string, number]> {
    return [...this.days].filter(([k]) => k.split('\n')[0] === memberId).map(([k, n]) => [k.split('\n')[1]!, n]);
  }

  private ledgerRead(memberId: string, earnedSinceMs: number): AwardPathLedgerRead {
    return {
      balance: this.balances.get(memberId) ?? 0,
      earnedInWindow: earnedFrom(this.daysOf(memberId), utcDay(earnedSinceMs)),
      storedEntry: (key) => this.entries.get(key) ?? null,
    };
  }

  private store({ entry, earned }: LedgerWrites): void {
    this.entries.set(entry.key, entry);
    add(this.balances, entry.memberId, entry.delta);
    if (earned === null) return;
    add(this.days, pair(entry.memberId, earned.day), earned.points);
    if (earned.streamId === null) return;
    add(this.showPoints, pair(earned.streamId, entry.memberId), earned.points);
    add(this.issued, earned.streamId, earned.points);
  }
}

const SHOWS = 2;
const MEMBERS = 2;
/** Late on a UTC day, so runs cross midnight (day buckets and active days). */
const T0 = Date.UTC(2024, 1, 28, 23, 58, 0);

const who = { show: fc.nat(SHOWS - 1), member: fc.nat(MEMBERS - 1) };
/** Time steps: mostly forward, sometimes none, sometimes back (a late or reordered report). */
const dt = dtAny();
function dtAny() {
  return fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 20_000 }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: -10_000, max: -1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20_001, max: 120_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(1_000, 10_000) },
  );
}
/** Beats mostly in the first show a second apart, so runs earn several watch awards in a row and climb the ladder. */
const beatWho = { show: fc.constantFrom(0, 0, 0, 1), member: fc.constantFrom(0, 0, 1) };
const beatDt = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1_000, 1_500, 3_000) }, { weight: 3, arbitrary: dtAny() });
/** Ladders: one rung, thresholds a run reaches exactly and crosses, a rung paying nothing; now and then one the engines refuse. */
const ladder = fc.constantFrom<WatchPointsRung[]>(
  [{ minPoints: 0, points: 3 }],
  [
    { minPoints: 0, points: 2 },
    { minPoints: 4, points: 5 },
    { minPoints: 14, points: 11 },
  ],
  [
    { minPoints: 0, points: 0 },
    { minPoints: 4, points: 4 },
  ],
  [{ minPoints: 1, points: 3 }],
);
/** The tier window starts this far back: a year, a day (yesterday's points drop out), or now. */
const windowBack = fc.constantFrom(365 * DAY_MS, DAY_MS, 0);

const op = fc.oneof(
  fc.record({
    kind: fc.constant('beat' as const),
    ...beatWho,
    dt: beatDt,
    countable: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    capMs: fc.constantFrom(1_000, 10_000),
    idleAfterMs: fc.constantFrom(15_000, 600_000, 600_000),
    everySeconds: fc.constantFrom(1, 1, 3, 10, 0),
    // Mostly the run's ladder, so thresholds are reached and crossed; now and then another.
    ladder: fc.option(ladder, { freq: 6 }),
    windowBack,
  }),
  fc.record({
    kind: fc.constant('capped' as const),
    ...who,
    dt,
    like: fc.boolean(),
    request: fc.nat(3),
    limit: fc.constantFrom(0, 2, 3),
    windowMs: fc.constantFrom(0, 15_000),
    delta: fc.constantFrom(0, 1, 2, 5, -1),
    windowBack,
  }),
  fc.record({ kind: fc.constant('award' as const), ...who, dt, n: fc.nat(4), delta: fc.integer({ min: 1, max: 6 }), windowBack }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(port: Port, o: Op, ids: { show: string; member: string }, now: number, runLadder: WatchPointsRung[]): Promise<unknown> {
  const { show: streamId, member: memberId } = ids;
  const earnedSinceMs = now - o.windowBack;
  switch (o.kind) {
    case 'beat':
      return port.beatAward({
        streamId,
        memberId,
        nowMs: now,
        countable: o.countable,
        leaseMs: o.capMs,
        capMs: o.capMs,
        idleAfterMs: o.idleAfterMs,
        everySeconds: o.everySeconds,
        ladder: o.ladder ?? runLadder,
        activeDay: utcDay(now + 9 * 3_600_000),
        earnedSinceMs,
      });
    case 'capped': {
      const kind = o.like ? 'like' : 'comment';
      return port.cappedAward({
        hitKey: `${kind}:${streamId}:${memberId}`,
        hitId: `q${o.request}`,
        limit: o.limit,
        windowMs: o.windowMs,
        award: { key: `${kind}:${streamId}:${memberId}:q${o.request}`, memberId, delta: o.delta, reason: kind, streamId, at: now, earnedSinceMs },
        streamId,
        activeDay: utcDay(now + 9 * 3_600_000),
      });
    }
    case 'award':
      // The keys of watch awards, so a beat may find its award already paid (and a plain award find a beat's).
      return port.award({ key: `watch:${streamId}:${memberId}:${o.n}`, memberId, delta: o.delta, reason: 'watch', streamId, at: now, earnedSinceMs });
  }
}

/** Each implementation makes its own entry ids: a replay must return the id its key was first applied with. */
function stableIds(seen: Map<string, string>, reply: unknown): unknown {
  const stable = (entry: LedgerEntry) => {
    const first = seen.get(entry.key) ?? entry.id;
    seen.set(entry.key, first);
    return { ...entry, id: entry.id === first ? 'the first id of the key' : entry.id };
  };
  if (typeof reply !== 'object' || reply === null) return reply;
  const r = reply as Record<string, unknown>;
  if ('awards' in r) return { ...r, awards: (r.awards as Array<{ entry: LedgerEntry }>).map((a) => ({ ...a, entry: stable(a.entry) })) };
  if ('hit' in r && r.award) return { ...r, award: { ...(r.award as object), entry: stable((r.award as { entry: LedgerEntry }).entry) } };
  if ('entry' in r) return { ...r, entry: stable(r.entry as LedgerEntry) };
  return reply;
}

function snapshot(port: Port, show: (i: number) => string, member: (i: number) => string) {
  const range = (count: number) => Array.from({ length: count }, (_, i) => i);
  return Promise.all([
    ...range(MEMBERS).map((m) =>
      Promise.all([
        port.balance(member(m)),
        port.earnedSince(member(m), T0 - DAY_MS),
        port.earnedSince(member(m), T0 + DAY_MS),
        port.countActiveDays(member(m), '2024-01-01', '2024-12-31'),
        port.watchClock(member(m)),
        ...range(SHOWS).map((s) => port.watchState(show(s), member(m))),
      ]),
    ),
    ...range(SHOWS).map((s) => Promise.all([port.streamStats(show(s)), port.topMembers(show(s), 10)])),
  ]);
}

it('model, SqliteEngine and RedisEngine agree on every award path step and the final state', async () => {
  await fc.assert(
    fc.asyncProperty(ladder, fc.array(op, { minLength: 1, maxLength: 30 }), async (runLadder, ops) => {
      const scope = diff.scope();
      const show = (i: number) => `${scope}s${i}`;
      const member = (i: number) => `${scope}m${i}`;
      const all = [modelSubject(new AwardPathModel()), ...diff.subjects()];
      const ids = all.map(() => new Map<string, string>());
      let now = T0;
      for (const o of ops) {
        now += o.dt;
        const [want, ...got] = await replies(all, (s) => apply(s.engine, o, { show: show(o.show), member: member(o.member) }, now, runLadder));
        const stable = [want, ...got].map((r, i) => stableIds(ids[i]!, r));
        for (const g of stable.slice(1)) expect(g).toEqual(stable[0]);
      }
      await expectSameReplies(all, (s) => snapshot(s.engine, show, member));
    }),
    { numRuns: DIFFERENTIAL_RUNS },
  );
}, DIFFERENTIAL_TIMEOUT_MS);
