/**
 * The retirement part of the Engine contract (run by engine-contract.ts): what
 * both engines promise about an ended show's hot state. Retiring changes no
 * answer before the retention is over; purging never touches balances,
 * earned totals or the all-time board; a purged show stays purged; both steps
 * are idempotent and refuse the same bad calls. What RedisEngine removes on a
 * purge (SqliteEngine keeps its on-disk state) is in
 * test/engine/redis-retention.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { showLedgerKeyPrefixes } from '../../server/domain/keys.ts';
import type { Engine } from '../../server/engine/engine.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import { rejection, T0 } from './contract-support.ts';

const DAY = 86_400_000;
const beat = (nowMs: number) => ({ nowMs, countable: true, capMs: 30_000, idleAfterMs: 1_800_000 });

export function engineRetirementContract(current: () => Engine): void {
  const award = (key: string, memberId: string, delta: number, streamId: string | null) =>
    current().award({ key, memberId, delta, reason: 'watch', streamId, at: T0 });

  /** A show with a viewer, watch time, a paid like in the show and points outside any show. */
  async function playShow(streamId: string): Promise<void> {
    const e = current();
    await e.join(streamId, 'c1', 'm:a');
    await e.accrueWatch(streamId, 'a', beat(T0));
    await e.accrueWatch(streamId, 'a', beat(T0 + 15_000));
    await award(`like:${streamId}:a:r1`, 'a', 5, streamId);
    await award('purchase:o1', 'a', 100, null);
  }

  it('retiring changes no answer before the retention is over, and lists nothing early', async () => {
    const e = current();
    await playShow('s1');
    await e.retireShow('s1', T0 + DAY, DAY);
    await e.retireShow('s1', T0 + DAY, DAY); // idempotent
    expect(await e.showsToPurge(T0 + 2 * DAY - 1, 10)).toEqual([]);
    expect(await e.presence('s1')).toEqual({ viewers: 1, members: 1 });
    expect(await e.streamStats('s1')).toEqual({ watchMs: 15_000, pointsIssued: 105 - 100 });
    expect(await e.topMembers('s1', 5)).toEqual([{ memberId: 'a', points: 5 }]);
    expect((await e.watchState('s1', 'a'))?.totalMs).toBe(15_000);
    // A replay within the retention is still answered by the engine: nothing paid twice.
    const replay = await award('like:s1:a:r1', 'a', 5, 's1');
    expect(replay).toMatchObject({ applied: false, balance: 105 });
  });

  it('lists a retired show once its retention is over, never one that was not retired', async () => {
    const e = current();
    await playShow('s1');
    await playShow('s2');
    await e.retireShow('s1', T0, DAY);
    const due = await e.showsToPurge(T0 + DAY, 10);
    // SqliteEngine keeps its state, so it never has a show to purge.
    expect(due).toEqual(e.kind === 'redis' ? ['s1'] : []);
  });

  it('purging keeps balances, earned totals and the all-time board, and a purged show stays purged', async () => {
    const e = current();
    await playShow('s1');
    await e.retireShow('s1', T0, DAY);
    await e.purgeShow('s1', showLedgerKeyPrefixes('s1'), T0);
    await e.purgeShow('s1', showLedgerKeyPrefixes('s1'), T0); // idempotent
    expect(await e.balance('a')).toBe(105);
    expect(await e.earnedSince('a', T0)).toBe(105);
    expect(await e.topMembers(null, 5)).toEqual([{ memberId: 'a', points: 105 }]);
    // A key outside the show's prefixes is still known: its replay pays nothing.
    expect(await award('purchase:o1', 'a', 100, null)).toMatchObject({ applied: false, balance: 105 });
    // Retired again (a catch-up sweep): not listed for purging again.
    await e.retireShow('s1', T0, DAY);
    expect(await e.showsToPurge(T0 + 10 * DAY, 10)).toEqual([]);
  });

  describe('refuses bad calls', () => {
    it('retireShow', async () => {
      expect(await rejection(current().retireShow('', T0, DAY))).toMatchObject({ code: ErrorCode.VALIDATION, field: 'streamId' });
      expect(await rejection(current().retireShow('s1', -1, DAY))).toMatchObject({ code: ErrorCode.VALIDATION, field: 'endedAtMs' });
      expect(await rejection(current().retireShow('s1', T0, 1.5))).toMatchObject({ code: ErrorCode.VALIDATION, field: 'retentionMs' });
    });

    it('purgeShow never takes a prefix that could match other shows', async () => {
      await award('like:s2:a:r1', 'a', 5, 's2');
      for (const bad of ['', 'like:', 'like', 'like:s1', '*:s1:']) {
        expect(await rejection(current().purgeShow('s1', [bad], T0))).toMatchObject({ code: ErrorCode.VALIDATION, field: 'ledgerKeyPrefixes' });
      }
      expect(await award('like:s2:a:r1', 'a', 5, 's2')).toMatchObject({ applied: false });
    });

    it('showsToPurge', async () => {
      expect(await rejection(current().showsToPurge(T0, -1))).toMatchObject({ code: ErrorCode.VALIDATION, field: 'limit' });
    });
  });
}
