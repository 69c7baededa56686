/**
 * Differential property test of the sliding-window hit: random sequences of
 * hits (two keys, a few ids, limits from 0, windows from 0 = forever, time
 * moving forward, often standing still, now and then an argument the engines
 * must refuse) are applied to
 *   1. the model: decideHit of server/domain/limits.ts over a map of counted hits,
 *   2. SqliteEngine, which decides with it,
 *   3. RedisEngine, whose hit-1.lua mirrors it,
 * and every reply, then what each key still counts, must be the same in all three.
 */
import fc from 'fast-check';
import { it } from 'vitest';
import { decideHit, type CountedHit, type HitResult } from '../../server/domain/limits.ts';
import type { Engine } from '../../server/engine/engine.ts';
import { checkHit } from '../../server/engine/engine-args.ts';
import { DIFFERENTIAL_RUNS, DIFFERENTIAL_TIMEOUT_MS, expectSameReplies, modelSubject, useDifferentialEngines } from '../support/differential-engines.ts';

const diff = useDifferentialEngines();

type HitPort = Pick<Engine, 'hit'>;

/** decideHit over a map of counted hits per key, with the engines' one argument check first. */
class HitModel implements HitPort {
  private readonly keys = new Map<string, CountedHit[]>();

  async hit(key: string, id: string, limit: number, windowMs: number, nowMs: number): Promise<HitResult> {
    checkHit(key, id, limit, windowMs, nowMs);
    const decision = decideHit(this.keys.get(key) ?? [], { id, limit, windowMs, nowMs });
    const kept = (this.keys.get(key) ?? []).filter((h) => !decision.expired.includes(h.id));
    this.keys.set(key, decision.record ? [...kept, decision.record] : kept);
    return decision.result;
  }
}

const KEYS = 2;
const IDS = 4;
const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

/** Mostly valid, now and then refused with VALIDATION before anything is written. */
const limit = fc.oneof({ weight: 12, arbitrary: fc.nat(4) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5) });
/** Windows and steps share round values, so a hit often sits exactly on the window's edge. */
const windowMs = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.constantFrom(500, 1_000, 2_500) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0.5) },
);
/** Time steps: forward or standing still. */
const dt = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.constantFrom(500, 1_000) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 1_500 }) },
);

const op = fc.record({ key: fc.nat(KEYS - 1), id: fc.nat(IDS - 1), limit, windowMs, dt });

it('model, SqliteEngine and RedisEngine agree on every hit and on what each key still counts', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
      const scope = diff.scope();
      const key = (i: number) => `${scope}k${i}`;
      const all = [modelSubject(new HitModel()), ...diff.subjects()];
      let now = T0;
      for (const o of ops) {
        now += o.dt;
        await expectSameReplies(all, (s) => s.engine.hit(key(o.key), `id${o.id}`, o.limit, o.windowMs, now));
      }
      // What is still counted, read without changing it: limit 0 counts nothing, windowMs 0 expires nothing,
      // so each reply is the key's count and whether that id is counted.
      for (let k = 0; k < KEYS; k++) {
        await expectSameReplies(all, (s) =>
          Promise.all(Array.from({ length: IDS + 1 }, (_, i) => s.engine.hit(key(k), `id${i}`, 0, 0, now))),
        );
      }
    }),
    { numRuns: DIFFERENTIAL_RUNS },
  );
}, DIFFERENTIAL_TIMEOUT_MS);
