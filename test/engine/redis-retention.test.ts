/**
 * What RedisEngine removes when an ended show is purged (not in the engine
 * contract: SqliteEngine keeps its on-disk state). Looked at from inside Redis
 * with an admin connection: the show's keys and rate-limit windows, its field
 * of points issued and its idempotency records go; another show's, the member's and the ledger's
 * stay; the Redis-clock backstop is on the show's keys from the retirement on.
 */
import { describe, expect, it } from 'vitest';
import { lotteryLedgerKeyPrefix, showLedgerKeyPrefixes } from '../../server/domain/keys.ts';
import type { Engine } from '../../server/engine/engine.ts';
import { RedisKeys } from '../../server/engine/redis/redis-keys.ts';
import { RedisPerksEngine } from '../../server/engine/redis/redis-perks-engine.ts';
import { T0, useRedisEngines } from '../support/redis-engine-harness.ts';

const h = useRedisEngines();
const DAY = 86_400_000;
const beat = (nowMs: number) => ({ nowMs, countable: true, capMs: 30_000, idleAfterMs: 1_800_000 });

async function keysOf(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await h.admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.map((k) => k.slice(prefix.length)).sort();
}

/** Two members in a show: presence, watch, a like, a comment, a chest, a share, a lottery entry and a purchase. */
async function playShow(engine: Engine, streamId: string): Promise<void> {
  for (const m of ['a', 'b']) {
    await engine.join(streamId, `c-${m}`, `m:${m}`);
    await engine.accrueWatch(streamId, m, beat(T0));
    await engine.accrueWatch(streamId, m, beat(T0 + 15_000));
    for (const [key, delta] of [
      [`watch:${streamId}:${m}:1`, 10],
      [`chest:${streamId}:${m}:1`, 50],
      [`like:${streamId}:${m}:r1`, 1],
      [`comment:${streamId}:${m}:r2`, 2],
      [`share:${streamId}:${m}:x`, 20],
    ] as const) {
      await engine.award({ key, memberId: m, delta, reason: 'watch', streamId, at: T0 });
    }
    await engine.hit(`like:${streamId}:${m}`, 'r1', 3, 0, T0); // a window that never expires on its own
    await engine.hit(`comment-room:${streamId}`, `r-${m}`, 100, 1000, T0);
    await engine.spend({ key: `lottery:L-${streamId}:${m}`, memberId: m, cost: 3, reason: 'lottery-entry', streamId, at: T0 });
  }
  await engine.award({ key: `purchase:o-${streamId}`, memberId: 'a', delta: 7, reason: 'purchase', streamId, at: T0 });
}

describe('RedisEngine: purging an ended show', () => {
  it('removes the show’s keys, points issued and idempotency records, and nothing of another show', async () => {
    const prefix = h.newPrefix();
    const engine = await h.startEngine(prefix);
    const keys = new RedisKeys(prefix);
    await playShow(engine, 's1');
    await playShow(engine, 's2');
    await engine.hit('like:s10:a', 'r1', 3, 0, T0); // 's1' is the start of 's10', not one of its parts
    await engine.flush();
    const before = await keysOf(prefix);
    expect(before.filter((k) => k.startsWith('{s:s1}')).length).toBeGreaterThan(4);

    await engine.retireShow('s1', T0, DAY);
    // The backstop: every key of the show expires on Redis' own clock too.
    for (const k of [...before.filter((k) => k.startsWith('{s:s1}')), '{ledger}:top:s1']) {
      expect(await h.admin.pttl(prefix + k), k).toBeGreaterThan(DAY);
    }
    expect(await h.admin.pttl(prefix + '{s:s2}:stats')).toBe(-1);

    expect(await engine.showsToPurge(T0 + DAY, 10)).toEqual(['s1']);
    await engine.purgeShow('s1', [...showLedgerKeyPrefixes('s1'), lotteryLedgerKeyPrefix('L-s1')], T0);

    const after = await keysOf(prefix);
    expect(after.filter((k) => k.includes('s1') && !k.includes('s10'))).toEqual([]);
    expect(after).toContain('{h:like:s10:a}');
    expect(after.filter((k) => k.startsWith('{h:') && k.includes('s2'))).toHaveLength(3);
    // Only the show's keys went; s2 kept all of its own.
    expect(after.filter((k) => k.startsWith('{s:s2}'))).toEqual(before.filter((k) => k.startsWith('{s:s2}')));
    const fields = (await h.admin.hkeys(keys.ledgerKeys)).sort();
    expect(fields.filter((f) => f.includes('s1') && !f.startsWith('purchase:'))).toEqual([]);
    // The purchase of s1 is not bound to the show's life (a shop may deliver the order again): kept.
    expect(fields).toContain('purchase:o-s1');
    expect(fields.filter((f) => f.includes('s2'))).toHaveLength(13);
    expect(await h.admin.hget(keys.pointsIssued, 's1')).toBeNull();
    expect(await engine.streamStats('s2')).toEqual({ watchMs: 30_000, pointsIssued: 2 * 83 + 7 });
    // What the members hold is untouched.
    expect(await engine.balance('a')).toBe(2 * (83 - 3) + 14);
    expect(await engine.balance('b')).toBe(2 * (83 - 3));
    expect(await engine.showsToPurge(T0 + 10 * DAY, 10)).toEqual([]);
  });

  it('a purge cut short is finished by the next sweep, and a purged show is forgotten only past the catch-up', async () => {
    const prefix = h.newPrefix();
    const engine = await h.startEngine(prefix);
    const keys = new RedisKeys(prefix);
    await playShow(engine, 's1');
    await engine.retireShow('s1', T0, DAY);
    // As if a purge died after removing the show's keys: the show is still listed.
    await h.admin.unlink(prefix + '{s:s1}:stats');
    expect(await engine.showsToPurge(T0 + DAY, 10)).toEqual(['s1']);
    await engine.purgeShow('s1', showLedgerKeyPrefixes('s1'), T0);
    expect(await h.admin.zscore(keys.retired, 's1')).toBe(String(T0 + DAY));
    // A later purge (of another show) past the catch-up horizon trims it.
    await playShow(engine, 's2');
    await engine.retireShow('s2', T0 + DAY, DAY);
    await engine.purgeShow('s2', showLedgerKeyPrefixes('s2'), T0 + DAY + 1);
    expect(await h.admin.zscore(keys.retired, 's1')).toBeNull();
    expect(await h.admin.zscore(keys.retired, 's2')).toBe(String(T0 + 2 * DAY));
  });
});

describe('RedisPerksEngine: forgetting a retired show’s drops and lotteries', () => {
  const claimAt = (perks: RedisPerksEngine, dropId: string, memberId: string, claimId: string) =>
    perks.claim({ dropId, memberId, requestId: 'r', nowMs: T0, opensAtForMember: T0, claimId, checkoutRef: `co-${memberId}`, expiresAt: T0 + 60_000 });

  it('forgets a drop only once settled, with its claims’ index; a lottery only once closed', async () => {
    const prefix = h.newPrefix();
    const engine = await h.startEngine(prefix);
    const perks = new RedisPerksEngine(engine);
    const keys = new RedisKeys(prefix);
    await perks.defineDrop({ dropId: 'd1', stock: 2, perMemberLimit: 1 });
    await claimAt(perks, 'd1', 'a', 'c-a');
    await claimAt(perks, 'd1', 'b', 'c-b');
    expect(await perks.claimIdByRef('co-a')).toBe('c-a');
    await perks.confirmClaim('c-a', T0 + 1);
    await perks.closeDrop('d1');
    await engine.flush();
    // Closed, but b's reservation may still be confirmed: kept.
    expect(await perks.forgetDrop('d1')).toBe(false);
    expect((await perks.dropStock('d1'))?.reserved).toBe(1);
    await perks.expireClaims('d1', T0 + 60_000);
    await engine.flush();
    expect(await perks.forgetDrop('d1')).toBe(true);
    expect(await perks.forgetDrop('d1')).toBe(true); // idempotent
    expect(await perks.dropStock('d1')).toBeNull();
    expect(await perks.claimById('c-a')).toBeNull();
    expect(await h.admin.hlen(keys.claimDrops)).toBe(0);
    expect(await h.admin.hlen(keys.claimRefs)).toBe(0); // the checkout references leave with the claims
    expect(await perks.claimIdByRef('co-a')).toBeNull();
    expect((await keysOf(prefix)).filter((k) => k.startsWith('{d:d1}'))).toEqual([]);

    await perks.defineLottery('L1');
    await perks.enterLottery({ lotteryId: 'L1', memberId: 'a', weight: 1, cost: 0, ledgerKey: 'lottery:L1:a', reason: 'lottery-entry', streamId: 's1', at: T0 });
    expect(await perks.forgetLottery('L1')).toBe(false);
    expect(await perks.entryCount('L1')).toBe(1);
    await perks.closeLottery('L1');
    expect(await perks.forgetLottery('L1')).toBe(true);
    expect(await perks.entryCount('L1')).toBe(0);
    expect((await keysOf(prefix)).filter((k) => k.includes(':lot:L1:'))).toEqual([]);
  });
});
