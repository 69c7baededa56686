/**
 * Differential property test of the check-in streak: random sequences of
 * check-ins (two members; the day repeating, moving on by one, skipping days,
 * now and then going back; `previousDay` mostly the day before, sometimes
 * another day, now and then not a day at all) are applied to
 *   1. the model: decideCheckin of server/domain/checkin.ts over a map,
 *   2. SqliteEngine, which decides with it,
 *   3. RedisEngine, whose checkin-1.lua mirrors it,
 * and every reply, then each member's stored day and streak, must be the same
 * in all three.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decideCheckin, type CheckinResult, type CheckinState } from '../../server/domain/checkin.ts';
import { addDays } from '../../server/domain/time.ts';
import type { Engine } from '../../server/engine/engine.ts';
import { checkCheckin } from '../../server/engine/engine-args.ts';
import { DIFFERENTIAL_RUNS, DIFFERENTIAL_TIMEOUT_MS, expectSameReplies, modelSubject, useDifferentialEngines } from '../support/differential-engines.ts';

const diff = useDifferentialEngines();

type CheckinPort = Pick<Engine, 'checkin'>;

/** decideCheckin over a map of stored check-ins, with the engines' one argument check first. */
class CheckinModel implements CheckinPort {
  readonly stored = new Map<string, CheckinState>();

  async checkin(memberId: string, day: string, previousDay: string): Promise<CheckinResult> {
    checkCheckin(memberId, day, previousDay);
    const decision = decideCheckin(this.stored.get(memberId) ?? null, day, previousDay);
    if (decision.store) this.stored.set(memberId, decision.store);
    return decision.result;
  }
}

const MEMBERS = 2;
/** Days around the end of February 2024 (a leap day, then a month end). */
const DAY0 = '2024-02-26';

/** How far the day moves between two check-ins of a member. */
const step = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.integer({ min: 2, max: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: -1 }) },
);
/** previousDay relative to the day: mostly the day before, sometimes another day, now and then not a day. */
const previous = fc.oneof(
  { weight: 8, arbitrary: fc.constant(-1) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 2 }) },
  { weight: 1, arbitrary: fc.constant('yesterday' as const) },
);

const op = fc.record({ member: fc.nat(MEMBERS - 1), step, previous });

it('model, SqliteEngine and RedisEngine agree on every check-in and on each stored streak', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
      const scope = diff.scope();
      const member = (i: number) => `${scope}m${i}`;
      const model = new CheckinModel();
      const all = [modelSubject(model), ...diff.subjects()];
      const days = Array.from({ length: MEMBERS }, () => DAY0);
      for (const o of ops) {
        const day = (days[o.member] = addDays(days[o.member]!, o.step));
        const previousDay = o.previous === 'yesterday' ? o.previous : addDays(day, o.previous);
        await expectSameReplies(all, (s) => s.engine.checkin(member(o.member), day, previousDay));
      }
      // The stored streak, read back without changing it: checking in again on the stored day is `already`.
      for (const [memberId, { lastDay }] of model.stored) {
        const want = await expectSameReplies(all, (s) => s.engine.checkin(memberId, lastDay, addDays(lastDay, -1)));
        expect(want).toMatchObject({ already: true });
      }
    }),
    { numRuns: DIFFERENTIAL_RUNS },
  );
}, DIFFERENTIAL_TIMEOUT_MS);
