/**
 * "Acknowledged means durable" for perks, proven with kill -9: 600 members
 * claim 150 units as fast as acks come back (and enter a free lottery as they
 * go) while the server process is SIGKILLed mid-storm. A new process starts on
 * the same DATA_DIR (and Redis), and then: every claim and entry any ack
 * reported is there with its id, stock and claims agree and never oversell,
 * the storm continues and sells exactly what was left, and the draw's proof
 * lists every acknowledged entrant. Run in both modes: embedded (SQLite
 * transactions) and redis (Lua scripts + outboxes copied into SQLite by a
 * consumer, taken over from the dead process by the new one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProof, type LotteryProof } from '../../shared/lottery-proof.ts';
import type { Claim } from '../../shared/perks.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '../support/server-process.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';

const MEMBERS = 600;
const STOCK = 150;
/** Requests in flight at once: the server is never more than this ahead of the acks the test has seen. */
const IN_FLIGHT = 20;
/** SIGKILL once this many claims were acknowledged (≥ 30, and far from STOCK − IN_FLIGHT). */
const KILL_AT = 40;
/** Redis mode: a dead process's alive key expires (≤ 10 s) and the next sweep (every 5 s) takes over its outbox entries. */
const TAKE_OVER_MS = 25_000;

interface AckedClaim {
  id: string;
  dropId: string;
  status: string;
  expiresAt: number;
  checkoutRef: string;
}

interface Member {
  index: number;
  memberId: string;
  token: string;
  socket?: Socket;
  /** The claim an ack reported (perMemberLimit 1: at most one). */
  claim?: AckedClaim;
  /** A claim sent without an answer (the server died): retried with the same requestId. */
  unanswered?: string;
  attempts: number;
  soldOut: boolean;
  /** The lottery entry an ack reported. */
  entry?: { lotteryId: string; memberId: string; weight: number };
}

/** Runs `work` over `items` with `width` workers; each takes the next item as soon as it is done with one. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The ack, or null when none can come (the connection went away, or no answer in time). */
function askOrGone(socket: Socket, event: string, payload: unknown): Promise<any | null> {
  if (!socket.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const gone = () => resolve(null);
    socket.once('disconnect', gone);
    ask(socket, event, payload, 10_000)
      .then(resolve, () => resolve(null))
      .finally(() => socket.off('disconnect', gone));
  });
}

async function claimsOf(base: string, token: string): Promise<Claim[]> {
  const r = await api(base, 'GET', '/api/me/claims', undefined, token);
  if (r.status !== 200) throw new Error(`/api/me/claims: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.claims as Claim[];
}

const held = (c: Claim) => c.status === 'reserved' || c.status === 'confirmed';

function perksCrash(mode: 'embedded' | 'redis'): void {
  describe(`kill -9 during a drop storm (${mode})`, () => {
    let redis: RedisServer | undefined;
    let dataDir: string;
    let options: ServerProcessOptions;
    let server: ServerProcess;
    let host: string;
    let dropId: string;
    let lotteryId: string;
    const members: Member[] = [];
    /** Refusals other than SOLD_OUT: there must be none. */
    const refused: unknown[] = [];
    /** Claims held (reserved or confirmed) right after the restart, from the store. */
    let heldAtRestart = new Set<string>();

    const ackedClaims = () => members.flatMap((m) => (m.claim ? [m.claim] : []));
    const ackedEntrants = () => members.filter((m) => m.entry);

    /** One member's turn: claims until answered ok or SOLD_OUT (an unanswered requestId first) and, meanwhile, enters the lottery. */
    const turn = async (m: Member, stopped: () => boolean, onClaim: () => void) => {
      const claiming = async () => {
        while (!m.claim && !m.soldOut && !stopped()) {
          const requestId = m.unanswered ?? `claim-${m.index}-${m.attempts++}`;
          m.unanswered = requestId;
          const reply = await askOrGone(m.socket!, 'drop:claim', { dropId, requestId });
          if (!reply) return;
          m.unanswered = undefined;
          if (reply.ok) {
            m.claim = reply.claim;
            onClaim();
          } else if (reply.error?.code === 'SOLD_OUT') m.soldOut = true;
          else {
            refused.push({ member: m.index, requestId, reply });
            return;
          }
        }
      };
      const entering = async () => {
        if (m.entry || stopped()) return;
        const reply = await askOrGone(m.socket!, 'lottery:enter', { lotteryId });
        if (reply?.ok) m.entry = reply.entry;
        else if (reply) refused.push({ member: m.index, event: 'lottery:enter', reply });
      };
      await Promise.all([claiming(), entering()]);
    };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), `frontrow-perks-crash-${mode}-`));
      if (mode === 'redis') redis = await startRedisServer();
      options = { dataDir, ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}), env: SHARED_MACHINE_ENV };
      server = await startServerProcess(options);
      expect(server.mode).toBe(mode);
    });

    afterAll(async () => {
      for (const m of members) m.socket?.close();
      await server?.kill('SIGKILL');
      await redis?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('acknowledges claims and entries until it is killed mid-storm', async () => {
      host = await hostToken(server.url);
      const streamId = await liveShow(server.url, host, `perks crash ${mode}`);
      const drop = await api(server.url, 'POST', `/api/streams/${streamId}/drops`, { title: 'Celadon vase', priceCents: 88_000, stock: STOCK, perMemberLimit: 1 }, host);
      expect(drop.status, JSON.stringify(drop.body)).toBe(201);
      dropId = drop.body.drop.id;
      const lottery = await api(server.url, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea set', prize: 'A tea set', winners: 10, requireWatching: false }, host);
      expect(lottery.status, JSON.stringify(lottery.body)).toBe(201);
      lotteryId = lottery.body.lottery.id;

      await inBatches(
        Array.from({ length: MEMBERS }, (_, i) => i),
        40,
        async (i) => {
          const { token, memberId } = await ssoMember(server.url, `perks-crash-${mode}-${i}`, `Fan ${i}`);
          members[i] = { index: i, memberId, token, attempts: 0, soldOut: false };
        },
      );
      await inBatches(members, 100, async (m) => (m.socket = await connect(server.url, '/live', { token: m.token })));

      let killed: Promise<void> | undefined;
      let acked = 0;
      // Killed from the very callback that counted the KILL_AT-th ack: the server cannot be more than IN_FLIGHT ahead.
      await pool(members, IN_FLIGHT, (m) =>
        turn(
          m,
          () => killed !== undefined,
          () => {
            if (++acked === KILL_AT) killed = server.kill('SIGKILL');
          },
        ),
      );
      await killed;

      expect(refused).toEqual([]);
      const claims = ackedClaims();
      expect(claims.length).toBeGreaterThanOrEqual(KILL_AT);
      // Killed mid-storm: not everything was sold, and some members were left waiting or not yet served.
      expect(claims.length).toBeLessThan(STOCK);
      expect(members.filter((m) => !m.claim && !m.soldOut).length).toBeGreaterThan(0);
      expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
      expect(ackedEntrants().length).toBeGreaterThan(0);
    }, 90_000);

    it('restarts on the same data with every acknowledged claim there, and stock that agrees with the claims', async () => {
      server = await startServerProcess(options);
      const base = server.url;
      await inBatches(members, 100, async (m) => {
        m.socket?.close();
        m.socket = await connect(base, '/live', { token: m.token });
      });

      const winners = members.filter((m) => m.claim);
      // Redis mode: the dead process's claim changes reach the store through the new process's consumer.
      await eventually(
        async () => {
          await inBatches(winners, 50, async (m) => {
            const claims = await claimsOf(base, m.token);
            expect(claims, `acknowledged claim of member ${m.index}`).toEqual([
              expect.objectContaining({ id: m.claim!.id, dropId, memberId: m.memberId, status: 'reserved', checkoutRef: m.claim!.checkoutRef }),
            ]);
          });
        },
        TAKE_OVER_MS,
        250,
      );

      // Stock and claims agree, claims the dead process made but never acknowledged included.
      await eventually(
        async () => {
          const found = new Set<string>();
          await inBatches(members, 50, async (m) => {
            const claims = (await claimsOf(base, m.token)).filter(held);
            expect(claims.length, `claims held by member ${m.index}`).toBeLessThanOrEqual(1);
            for (const c of claims) found.add(c.id);
          });
          const { body } = await api(base, 'GET', `/api/drops/${dropId}`);
          expect(found.size).toBeLessThanOrEqual(STOCK);
          expect(body.drop.remaining).toBe(STOCK - found.size);
          heldAtRestart = found;
        },
        TAKE_OVER_MS,
        250,
      );
      for (const c of ackedClaims()) expect(heldAtRestart.has(c.id)).toBe(true);

      // A reservation made before the crash is confirmed after it, once.
      const [first] = winners;
      const confirmed = await api(base, 'POST', `/api/claims/${first!.claim!.id}/confirm`, undefined, host);
      expect(confirmed.body.claim).toMatchObject({ id: first!.claim!.id, status: 'confirmed' });
      const again = await api(base, 'POST', `/api/claims/${first!.claim!.id}/confirm`, undefined, host);
      expect(again.body.claim).toEqual(confirmed.body.claim);
      expect((await api(base, 'GET', `/api/drops/${dropId}`)).body.drop.remaining).toBe(STOCK - heldAtRestart.size);
    }, 90_000);

    it('keeps every acknowledged lottery entry: counted, and entering again returns it unchanged', async () => {
      const entrants = ackedEntrants();
      const { body } = await api(server.url, 'GET', `/api/lotteries/${lotteryId}`);
      expect(body.lottery).toMatchObject({ status: 'open' });
      expect(body.lottery.entries).toBeGreaterThanOrEqual(entrants.length);
      await inBatches(entrants, 50, async (m) => {
        const again = await ask(m.socket!, 'lottery:enter', { lotteryId });
        expect(again, `member ${m.index}`).toEqual({ ok: true, entry: m.entry });
      });
      expect((await api(server.url, 'GET', `/api/lotteries/${lotteryId}`)).body.lottery.entries).toBe(body.lottery.entries);
    }, 60_000);

    it('continues the storm after the restart and sells exactly what was left', async () => {
      const base = server.url;
      const before = new Set(ackedClaims().map((c) => c.id));
      await pool(members, IN_FLIGHT, (m) => turn(m, () => false, () => undefined));
      expect(refused).toEqual([]);
      expect(members.every((m) => m.claim || m.soldOut)).toBe(true);

      const all = ackedClaims();
      const ids = new Set(all.map((c) => c.id));
      expect(ids.size, 'one claim per member').toBe(all.length);
      expect(ids.size).toBeLessThanOrEqual(STOCK);
      // New claims after the restart: exactly the stock that was left (replays of unanswered requests return claims made before).
      const made = [...ids].filter((id) => !heldAtRestart.has(id));
      expect(made.length).toBe(STOCK - heldAtRestart.size);
      for (const id of before) expect(ids.has(id)).toBe(true);
      expect((await api(base, 'GET', `/api/drops/${dropId}`)).body.drop).toMatchObject({ remaining: 0, status: 'sold-out' });

      // Every unit sold is one somebody was told about: the store's held claims are exactly the acknowledged ones.
      await eventually(
        async () => {
          const found = new Set<string>();
          await inBatches(members, 50, async (m) => {
            for (const c of (await claimsOf(base, m.token)).filter(held)) found.add(c.id);
          });
          expect([...found].sort()).toEqual([...ids].sort());
        },
        TAKE_OVER_MS,
        250,
      );
      expect(ids.size).toBe(STOCK);
    }, 90_000);

    it('draws a proof that lists every acknowledged entrant', async () => {
      const draw = await api(server.url, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
      expect(draw.status, JSON.stringify(draw.body)).toBe(200);
      const proof = draw.body.proof as LotteryProof;
      const listed = new Map(proof.entries);
      const entrants = ackedEntrants();
      // Everybody entered as they went, before or after the crash.
      expect(entrants).toHaveLength(MEMBERS);
      for (const m of entrants) expect(listed.get(m.memberId), `entrant ${m.index}`).toBe(m.entry!.weight);
      expect(proof.entries).toHaveLength(MEMBERS);
      expect(draw.body.lottery).toMatchObject({ status: 'drawn', entries: MEMBERS });
      expect(await verifyProof(proof)).toEqual({ ok: true, version: 1 });
    }, 30_000);

    it('drains on SIGTERM', async () => {
      for (const m of members) m.socket?.close();
      expect(await server.stop(), server.output()).toBe(0);
    }, 30_000);
  });
}

perksCrash('embedded');
perksCrash('redis');
