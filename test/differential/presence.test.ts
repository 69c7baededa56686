/**
 * Differential property test of presence counting: random sequences of joins
 * (guests, members, several connections per viewer, known connections joining
 * again as another viewer), leaves (some of unknown or gone connections, some
 * through a process that does not own the connection) and sweeps of a process's
 * connections are applied to
 *   1. the model: join/leave/sweep of server/domain/presence.ts over plain maps,
 *   2. SqliteEngine (MemoryPresence decides with those functions; it has no
 *      sweep, so a sweep is the leave of each swept connection there),
 *   3. two RedisEngines A and B sharing one key prefix (presence*.lua mirror the
 *      functions); even connections are A's, odd ones B's, and a sweep runs
 *      presenceSweep for B as a liveness pass does when B dies,
 * and every reply and the final counts must be the same; Redis's hashes and
 * per-process connection sets must also hold exactly the model's connections.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as domain from '../../server/domain/presence.ts';
import type { MutablePresenceState, PresenceDecision } from '../../server/domain/presence.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { RedisKeys } from '../../server/engine/redis/redis-keys.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { DIFFERENTIAL_RUNS, useDifferentialEngines } from '../support/differential-engines.ts';

const diff = useDifferentialEngines();

const prefix = `dp:${randomUUID()}:`;
const keys = new RedisKeys(prefix);
const pids = [`pA-${randomUUID()}`, `pB-${randomUUID()}`] as const;
let redis: [RedisEngine, RedisEngine];

beforeAll(async () => {
  redis = [0, 1].map((i) => new RedisEngine({ redisUrl: diff.redisUrl, keyPrefix: prefix, sink: new MemoryLedgerSink(), processId: pids[i]! })) as [
    RedisEngine,
    RedisEngine,
  ];
  await Promise.all(redis.map((e) => e.init()));
});
afterAll(async () => {
  // Forget the runs' keys first: a graceful close would otherwise sweep each of the ~2,000 shows one by one.
  await redis?.[0].resetForTests();
  await Promise.all((redis ?? []).map((e) => e.close()));
});

/** The model: one plain state per show, decided and applied with the domain functions. */
class PresenceModel {
  private readonly shows = new Map<string, MutablePresenceState>();

  step<D extends PresenceDecision>(streamId: string, decide: (show: MutablePresenceState) => D): D {
    const show = this.show(streamId);
    const decision = decide(show);
    domain.applyPresence(show, decision.writes);
    return decision;
  }

  show(streamId: string): MutablePresenceState {
    let show = this.shows.get(streamId);
    if (!show) this.shows.set(streamId, (show = domain.emptyPresence()));
    return show;
  }
}

const SHOWS = 2;
/** Connection 6 never joins: leaving it is always a leave of an unknown connection. */
const CONNS = 7;
const MEMBERS = 3;
/** Connection i is held by process i % 2 (A or B): connIds are per process. */
const ownerOf = (conn: number) => (conn % 2) as 0 | 1;
/** The same for a connId (its last character is i). */
const ownerOfId = (connId: string) => ownerOf(Number(connId.slice(-1)));

const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      show: fc.nat(SHOWS - 1),
      conn: fc.nat(CONNS - 2),
      /** null: as a guest (its own 'g:<connId>'), else as that member. */
      member: fc.option(fc.nat(MEMBERS - 1), { freq: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('leave' as const),
      show: fc.nat(SHOWS - 1),
      conn: fc.nat(CONNS - 1),
      /** Redis: through the owning process, or through the other (which must find the owner). */
      viaOwner: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweepB' as const), show: fc.nat(SHOWS - 1) }) },
);

it('model, SqliteEngine and RedisEngine agree on every presence step and the final counts', async () => {
  const [sqlite] = diff.subjects();
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
      const scope = diff.scope();
      const show = (i: number) => `${scope}s${i}`;
      const connId = (i: number) => `${scope}c${i}`;
      const model = new PresenceModel();
      for (const o of ops) {
        const streamId = show(o.show);
        if (o.kind === 'join') {
          const viewerKey = o.member === null ? `g:${connId(o.conn)}` : `m:${scope}m${o.member}`;
          const want = model.step(streamId, (s) => domain.join(s, connId(o.conn), viewerKey)).change;
          expect(await sqlite.engine.join(streamId, connId(o.conn), viewerKey)).toEqual(want);
          expect(await redis[ownerOf(o.conn)].join(streamId, connId(o.conn), viewerKey)).toEqual(want);
        } else if (o.kind === 'leave') {
          const want = model.step(streamId, (s) => domain.leave(s, connId(o.conn))).change;
          expect(await sqlite.engine.leave(streamId, connId(o.conn))).toEqual(want);
          const via = o.viaOwner ? ownerOf(o.conn) : ownerOf(o.conn + 1);
          expect(await redis[via].leave(streamId, connId(o.conn))).toEqual(want);
        } else {
          const swept = [...model.show(streamId).connections.keys()].filter((c) => ownerOfId(c) === 1);
          const { removed, change } = model.step(streamId, (s) => domain.sweep(s, swept));
          const want = { removed, viewers: change.viewers, members: change.members };
          // SQLite has no sweep: the same removal rule is a leave of each connection.
          for (const c of swept) await sqlite.engine.leave(streamId, c);
          expect({ removed: swept.length, ...(await sqlite.engine.presence(streamId)) }).toEqual(want);
          expect(await sweepB(streamId)).toEqual(want);
        }
      }
      for (let si = 0; si < SHOWS; si++) {
        const want = domain.presenceCount(model.show(show(si)));
        expect(await sqlite.engine.presence(show(si))).toEqual(want);
        expect(await redis[0].presence(show(si))).toEqual(want);
        expect(await redisState(show(si))).toEqual(modelState(model.show(show(si))));
      }
    }),
    { numRuns: DIFFERENTIAL_RUNS },
  );
}, 120_000);

/** What a liveness pass runs for each show of a dead process B. */
async function sweepB(streamId: string) {
  const { runScript } = redis[0].shared;
  const p = keys.presence(streamId);
  const [removed, viewers, members] = (await runScript('presenceSweep', [p.conns, p.owners, p.viewers, p.members, keys.processConns(streamId, pids[1])], [
    pids[1],
  ])) as number[];
  return { removed, viewers, members };
}

/** Redis's presence keys of one show, read raw. */
async function redisState(streamId: string) {
  const r = redis[0].shared.redis;
  const p = keys.presence(streamId);
  const [conns, owners, viewers, members, a, b] = await Promise.all([
    r.hgetall(p.conns),
    r.hgetall(p.owners),
    r.hgetall(p.viewers),
    r.get(p.members),
    r.smembers(keys.processConns(streamId, pids[0])),
    r.smembers(keys.processConns(streamId, pids[1])),
  ]);
  return { conns, owners, viewers, members: Number(members ?? 0), held: [a.sort(), b.sort()] };
}

/** The same, as the model says it must be: every connection owned by its process and in that process's set. */
function modelState(s: MutablePresenceState) {
  const conns = Object.fromEntries(s.connections);
  const owners = Object.fromEntries([...s.connections.keys()].map((c) => [c, pids[ownerOfId(c)]]));
  const viewers = Object.fromEntries([...s.viewers].map(([k, n]) => [k, String(n)]));
  const held = [0, 1].map((pi) => [...s.connections.keys()].filter((c) => ownerOfId(c) === pi).sort());
  return { conns, owners, viewers, members: s.members, held };
}
