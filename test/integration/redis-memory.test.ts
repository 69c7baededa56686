/**
 * Redis memory follows live activity, not history (issue 10): 100 simulated
 * shows through the real app in Redis mode (real sockets, real HTTP, a
 * private redis-server), each with members joining, beating, liking,
 * commenting, claiming a drop and entering a lottery, then ending. After 10
 * and after 100 shows the clock moves past the retention and the retirement
 * sweep runs; the keys left, and `INFO memory` used_memory, must not grow with
 * the number of shows: nothing of an ended show is left in Redis.
 *
 * The figures are printed (docs/DECISIONS.md, "Issue 10 — bounded Redis memory").
 */
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix, startApp, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

const MEMBERS = 5;
const BEATS = 4;
const HOUR = 3_600_000;
const RETENTION_MS = 24 * HOUR;
const RULES: Rules = {
  ...DEFAULT_RULES,
  comment: { ...DEFAULT_RULES.comment, roomPerSecond: 1000 },
};

interface Figures {
  shows: number;
  keys: number;
  usedMemory: number;
  ledgerKeyFields: number;
}

describe('Redis memory after 100 shows (redis)', () => {
  let redis: RedisServer;
  let admin: Redis;
  let running: RunningApp;
  let host: string;
  const prefix = randomPrefix();
  const members: Array<{ token: string; memberId: string; socket: Socket }> = [];
  const showIds: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    running = await startApp({ redisUrl: redis.url, redisPrefix: prefix });
    host = await hostToken(running.url);
    expect((await api(running.url, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    for (let i = 0; i < MEMBERS; i++) {
      const m = await ssoMember(running.url, `memory-fan-${i}`);
      members.push({ ...m, socket: await connect(running.url, '/live', { token: m.token }) });
    }
  }, 120_000);

  afterAll(async () => {
    for (const m of members) m.socket.close();
    await running?.stop();
    admin?.disconnect();
    await redis?.stop();
  });

  /** One show from start to end; returns its id. */
  async function playShow(n: number): Promise<string> {
    const base = running.url;
    const streamId = await liveShow(base, host, `show ${n}`);
    showIds.push(streamId);
    for (const m of members) expect((await ask(m.socket, 'stream:join', { streamId })).ok).toBe(true);
    for (let b = 0; b < BEATS; b++) {
      for (const m of members) expect((await ask(m.socket, 'watch:heartbeat', { streamId, visible: true, playing: true })).ok).toBe(true);
      running.clock.advance(15_000);
    }
    for (const [i, m] of members.entries()) {
      expect((await ask(m.socket, 'interact', { streamId, kind: 'like', requestId: `like-${n}-${i}` })).ok).toBe(true);
      expect((await ask(m.socket, 'interact', { streamId, kind: 'comment', text: `hi ${n}`, requestId: `c-${n}-${i}` })).ok).toBe(true);
    }
    // A drop of 3 for 5 members: three claims confirmed, two sold out; then closed.
    const drop = (await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Mug', priceCents: 900, stock: 3 }, host)).body.drop;
    for (const [i, m] of members.entries()) {
      const reply = await ask(m.socket, 'drop:claim', { dropId: drop.id, requestId: `claim-${n}-${i}` });
      if (reply.ok) expect((await api(base, 'POST', `/api/claims/${reply.claim.id}/confirm`, undefined, host)).status).toBe(200);
      else expect(reply.error.code).toBe('SOLD_OUT');
    }
    expect((await api(base, 'POST', `/api/drops/${drop.id}/close`, undefined, host)).status).toBe(200);
    // A free lottery every member enters while watching, drawn.
    const lottery = (await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea', prize: 'Tea', winners: 1 }, host)).body.lottery;
    for (const m of members) expect((await ask(m.socket, 'lottery:enter', { lotteryId: lottery.id })).ok).toBe(true);
    expect((await api(base, 'POST', `/api/lotteries/${lottery.id}/draw`, undefined, host)).status).toBe(200);
    for (const m of members) await ask(m.socket, 'stream:leave', { streamId });
    expect((await api(base, 'POST', `/api/streams/${streamId}/end`, undefined, host)).status).toBe(200);
    running.clock.advance(HOUR);
    return streamId;
  }

  /** Moves the clock past the retention, sweeps until nothing is due, and reads Redis. */
  async function settleAndMeasure(shows: number): Promise<Figures> {
    const { engine } = running.app.services;
    await engine.flush();
    running.clock.advance(RETENTION_MS + HOUR);
    await running.app.retirement.sweep();
    while ((await engine.showsToPurge(running.clock.now, 1)).length > 0) await running.app.retirement.sweep();
    await engine.flush();
    const keys = await keysOf();
    const usedMemory = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))![1]);
    const ledgerKeyFields = await admin.hlen(`${prefix}{ledger}:keys`);
    const figures = { shows, keys: keys.length, usedMemory, ledgerKeyFields };
    console.log(`redis memory after ${shows} shows: ${JSON.stringify(figures)}`);
    return figures;
  }

  async function keysOf(): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found.sort();
  }

  it(
    'keeps no key of an ended show past its retention: keys and memory after 100 shows as after 10',
    async () => {
      for (let n = 0; n < 10; n++) await playShow(n);
      const after10 = await settleAndMeasure(10);
      for (let n = 10; n < 100; n++) await playShow(n);
      const peakKeys = (await keysOf()).length;
      const after100 = await settleAndMeasure(100);
      console.log(`redis keys before the retention of shows 11-100 ran out: ${peakKeys}`);

      const left = await keysOf();
      const fields = await admin.hkeys(`${prefix}{ledger}:keys`);
      for (const id of showIds) {
        expect(left.filter((k) => k.includes(id))).toEqual([]);
        expect(fields.filter((f) => f.includes(id))).toEqual([]);
      }
      // What is left is per member and per process, not per show.
      expect(after100.keys).toBe(after10.keys);
      expect(after100.ledgerKeyFields).toBe(after10.ledgerKeyFields);
      expect(after100.usedMemory).toBeLessThan(after10.usedMemory * 1.5);
      // Nothing anyone holds was lost on the way: every member's balance is the sum of their ledger.
      for (const m of members) {
        const me = await api(running.url, 'GET', '/api/me', undefined, m.token);
        expect(me.status).toBe(200);
        const totals = await running.app.services.store.ledgerTotals(m.memberId);
        expect(await running.app.services.engine.balance(m.memberId)).toBe(totals.sum);
        expect(totals.sum).toBeGreaterThan(0);
      }
    },
    900_000,
  );
});
