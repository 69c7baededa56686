/**
 * Differential property test of mission progress (issue 14): random steps —
 * members, periods, event keys repeated or not (a replayed like, a second
 * comment in the same show), watch time without a key, staged targets — go
 * to (1) a model, server/domain/missions.ts decideProgress over a plain map,
 * (2) SqliteMissionsEngine and (3) RedisMissionsEngine
 * (lua/missionProgress-3.lua). Every outcome (total, counted, stages reached)
 * must be the same, and so must the totals and each stage's completion count
 * at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideProgress, progressKey, type ProgressOutcome, type ProgressStep } from '../../server/domain/missions.ts';
import { DIFFERENTIAL_RUNS, DIFFERENTIAL_TIMEOUT_MS, useDifferentialEngines } from '../support/differential-engines.ts';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);
const MISSIONS = 2;

const targetsArb = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).map((t) => t.sort((a, b) => a - b));
const stepArb = fc.record({
  mission: fc.nat(MISSIONS - 1),
  member: fc.nat(2),
  period: fc.constantFrom('2026-11-26', '2026-11-27', 'show-a'),
  eventKey: fc.option(fc.constantFrom('k1', 'k2', 'k3', 'show:a'), { nil: null }),
  amount: fc.integer({ min: 1, max: 5 }),
});
const run = fc.record({ targets: fc.array(targetsArb, { minLength: MISSIONS, maxLength: MISSIONS }), steps: fc.array(stepArb, { maxLength: 25 }) });

/** The model: the rule over a map, as an engine stores it. */
class ModelProgress {
  private readonly totals = new Map<string, number>();
  private readonly seen = new Set<string>();
  readonly completions = new Map<string, number>();

  step(s: ProgressStep): ProgressOutcome {
    const key = progressKey(s);
    const seen = s.eventKey !== null && this.seen.has(`${key}|${s.eventKey}`);
    if (s.eventKey !== null) this.seen.add(`${key}|${s.eventKey}`);
    const outcome = decideProgress({ total: this.totals.get(key) ?? 0, seen }, s);
    if (outcome.counted) this.totals.set(key, outcome.total);
    for (const stage of outcome.reached) this.completions.set(`${s.missionId}|${stage}`, (this.completions.get(`${s.missionId}|${stage}`) ?? 0) + 1);
    return outcome;
  }
  total(ref: { missionId: string; memberId: string; period: string }): number {
    return this.totals.get(progressKey(ref)) ?? 0;
  }
}

describe('mission progress: model = SQLite = Redis', () => {
  const engines = useDifferentialEngines();

  it(
    'every step, the totals and the completion counts agree',
    async () => {
      await fc.assert(
        fc.asyncProperty(run, async ({ targets, steps }) => {
          const scope = engines.scope();
          const model = new ModelProgress();
          const subjects = engines.subjects();
          const asStep = (s: (typeof steps)[number]): ProgressStep => ({
            missionId: `${scope}m${s.mission}`,
            memberId: `${scope}u${s.member}`,
            period: s.period,
            eventKey: s.eventKey,
            amount: s.amount,
            targets: targets[s.mission]!,
            expiresAt: T0 + 86_400_000,
          });
          // Half the steps go one by one, the rest as one batch: a batch must answer as the same steps in order.
          const half = Math.floor(steps.length / 2);
          const one = steps.slice(0, half).map(asStep);
          const batch = steps.slice(half).map(asStep);
          for (const s of one) {
            const expected = model.step(s);
            for (const subject of subjects) expect(await subject.missions.progress([s]), `${subject.name} ${JSON.stringify(s)}`).toEqual([expected]);
          }
          const expectedBatch = batch.map((s) => model.step(s));
          for (const subject of subjects) expect(await subject.missions.progress(batch), subject.name).toEqual(expectedBatch);
          const refs = steps.map(asStep);
          for (const subject of subjects) {
            expect(await subject.missions.totals(refs), subject.name).toEqual(refs.map((r) => model.total(r)));
            for (let m = 0; m < MISSIONS; m++) {
              const missionId = `${scope}m${m}`;
              const expected = targets[m]!.map((_, i) => model.completions.get(`${missionId}|${i + 1}`) ?? 0);
              expect(await subject.missions.completions(missionId, targets[m]!.length), subject.name).toEqual(expected);
            }
          }
        }),
        { numRuns: Math.ceil(DIFFERENTIAL_RUNS / 4) },
      );
    },
    DIFFERENTIAL_TIMEOUT_MS,
  );
});
