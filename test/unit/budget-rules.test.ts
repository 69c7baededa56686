/** Realtime budgets (server/domain/budget.ts): the token bucket, the budgets per event kind, the guest cap. */
import { describe, expect, it } from 'vitest';
import { budgetBucket, eventBudget, guestAdmitted, STRIKES, takeToken, type Bucket, type BudgetSpec } from '../../server/domain/budget.ts';

const SPEC: BudgetSpec = { burst: 3, everyMs: 1000 };

/** Takes `n` tokens at `now`, threading the bucket; returns the decisions. */
function takeMany(bucket: Bucket | undefined, n: number, now: number, spec = SPEC) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const d = takeToken(bucket, spec, now);
    bucket = d.bucket;
    out.push(d);
  }
  return { decisions: out, bucket };
}

describe('takeToken', () => {
  it('starts full: a quiet connection may send `burst` events at once, then is refused', () => {
    const { decisions } = takeMany(undefined, 4, 10_000);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterMs).toBe(1000);
  });

  it('refills one token every everyMs, never above burst', () => {
    const { bucket } = takeMany(undefined, 3, 0);
    expect(takeToken(bucket, SPEC, 999).allowed).toBe(false);
    expect(takeToken(bucket, SPEC, 999).retryAfterMs).toBe(1);
    expect(takeToken(bucket, SPEC, 1000).allowed).toBe(true);
    // A long silence saves up no more than burst.
    expect(takeMany(bucket, 4, 1_000_000).decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
  });

  it('a refusal takes nothing: waiting retryAfterMs is enough', () => {
    const { bucket } = takeMany(undefined, 3, 0);
    let b = bucket!;
    for (let i = 0; i < 100; i++) b = takeToken(b, SPEC, 400).bucket;
    const refused = takeToken(b, SPEC, 400);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 600 });
    expect(takeToken(refused.bucket, SPEC, 400 + refused.retryAfterMs).allowed).toBe(true);
  });

  it('a flood as fast as it can is held to the sustained rate', () => {
    let bucket: Bucket | undefined;
    let allowed = 0;
    // 10,000 events over 10 s, one per millisecond.
    for (let t = 0; t < 10_000; t++) {
      const d = takeToken(bucket, SPEC, t);
      bucket = d.bucket;
      if (d.allowed) allowed++;
    }
    expect(allowed).toBe(SPEC.burst + 9); // the burst, then one a second
  });

  it('time running backwards neither refills nor breaks the bucket', () => {
    const { bucket } = takeMany(undefined, 3, 5_000);
    const back = takeToken(bucket, SPEC, 1_000);
    expect(back.allowed).toBe(false);
    expect(back.bucket.at).toBe(5_000);
    expect(takeToken(back.bucket, SPEC, 6_000).allowed).toBe(true);
  });
});

describe('eventBudget', () => {
  it('lets a beat through at most every heartbeatSeconds / 2 on average', () => {
    expect(eventBudget('watch:heartbeat', 15)).toEqual({ burst: 3, everyMs: 7_500 });
    expect(eventBudget('watch:heartbeat', 1)).toEqual({ burst: 3, everyMs: 500 });
  });

  it('gives interactions, chests, claims and entries a few per second', () => {
    for (const event of ['interact', 'share:link', 'watch:chest', 'drop:claim', 'lottery:enter']) {
      const spec = eventBudget(event, 15)!;
      expect(1000 / spec.everyMs, event).toBeGreaterThanOrEqual(2);
      expect(1000 / spec.everyMs, event).toBeLessThanOrEqual(5);
    }
  });

  it('meters no other event, whatever its name', () => {
    for (const event of ['points:grant', 'constructor', '__proto__', 'toString', 'snapshot']) expect(eventBudget(event, 15), event).toBeNull();
  });

  it('scale raises every rate and burst together', () => {
    expect(eventBudget('interact', 15, 100)).toEqual({ burst: 2000, everyMs: 2 });
    expect(eventBudget('watch:heartbeat', 10, 10)).toEqual({ burst: 30, everyMs: 500 });
  });
});

describe('strikes', () => {
  it('cut a connection that keeps exceeding, not one that was refused a few times', () => {
    const { decisions } = takeMany(undefined, STRIKES.burst + 1, 0, STRIKES);
    expect(decisions.slice(0, STRIKES.burst).every((d) => d.allowed)).toBe(true);
    expect(decisions[STRIKES.burst]!.allowed).toBe(false);
  });
});

describe('guestAdmitted', () => {
  it('admits up to the cap, counting the new connection', () => {
    expect(guestAdmitted(50, 50)).toBe(true);
    expect(guestAdmitted(51, 50)).toBe(false);
    expect(guestAdmitted(1, 1)).toBe(true);
  });
});

describe('budget buckets', () => {
  it('gives heartbeats one bucket per show and every other kind one per connection', () => {
    expect(budgetBucket('watch:heartbeat', { streamId: 's1' })).not.toBe(budgetBucket('watch:heartbeat', { streamId: 's2' }));
    expect(budgetBucket('watch:heartbeat', { streamId: 's1' })).toBe(budgetBucket('watch:heartbeat', { streamId: 's1', visible: true }));
    expect(budgetBucket('interact', { streamId: 's1' })).toBe(budgetBucket('interact', { streamId: 's2' }));
  });
});
