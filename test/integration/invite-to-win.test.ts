/**
 * Invite-to-win (抽獎碼, issue 14) through the real server, both modes, with
 * a drand v2 draw from a fake relay: friends who joined through an
 * entrant's share link and counted as paid referrals while the lottery was
 * open add entries, up to the cap; a referral paid before the lottery
 * opened, and puppets made on the sharer's own network, add nothing. The
 * proof names each entry's base and friends, checkProof holds (and fails at
 * the invites step when a friend list is changed), and the winners computed
 * here from scratch — weights from the test's own knowledge of who invited
 * whom, node:crypto for the draw — are the published ones. A referrals
 * mission beside it counts the same paid referrals and no puppet.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProof, type LotteryEntryPair, type LotteryProofV2 } from '../../shared/lottery-proof.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { drandEnv, startFakeDrand, type FakeDrand } from '../support/fake-drand.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { TestClock } from '../support/test-clock.ts';

const RULES: Rules = { ...DEFAULT_RULES, share: { points: 25, maxPerStream: 10, maxPerDay: 10 } };
const BEAT_MS = RULES.watch.heartbeatSeconds * 1000;
const RULE = { perFriend: 2, maxExtra: 3 };

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** v2's order as PROTOCOL.md states it, computed without the project's code. */
function referenceOrder(seedHex: string, randomnessHex: string, entries: LotteryEntryPair[]): string[] {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  const entriesHash = sha(JSON.stringify(sorted)).toString('hex');
  const key = sha(Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(randomnessHex, 'hex')]));
  return sorted
    .map(([id, w]) => ({ id, k: Math.log((Number(createHmac('sha256', key).update(`${entriesHash}:${id}`).digest().readBigUInt64BE(0) >> 11n) + 0.5) / 2 ** 53) / w }))
    .sort((a, b) => b.k - a.k || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)))
    .map((s) => s.id);
}

describe.each(['embedded', 'redis'] as const)('invite-to-win (%s)', (mode) => {
  const clock = new TestClock();
  let relay: FakeDrand;
  let redis: RedisServer | null = null;
  let running: RunningApp;
  let base: string;
  let host: string;
  let streamId: string;
  const sockets: Socket[] = [];
  let address = 10;

  const open = async (token: string, from: string) => {
    const s = await connect(base, '/live', { token }, from);
    sockets.push(s);
    return s;
  };
  /** A member signed in from their own address (each a different network), in the show. */
  const viewer = async (label: string, ref?: string, createdFrom = `203.0.113.${++address}`) => {
    const m = await ssoMember(base, `${mode}-${label}-${Math.random()}`, label, createdFrom);
    const socket = await open(m.token, createdFrom);
    const joined = await ask(socket, 'stream:join', ref ? { streamId, ref } : { streamId });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    return { ...m, socket };
  };
  /** A minute of beats from these viewers: a referred member's referral pays once they have watched it. */
  const watchMinute = async (viewers: Array<{ socket: Socket }>) => {
    for (let r = 0; r <= 4; r++) {
      if (r > 0) clock.advance(BEAT_MS);
      for (const v of viewers) expect((await ask(v.socket, 'watch:heartbeat', { streamId, visible: true, playing: true })).ok).toBe(true);
    }
  };

  beforeAll(async () => {
    relay = await startFakeDrand(clock.read);
    if (mode === 'redis') redis = await startRedisServer();
    running = await startApp({ clock, env: { ...drandEnv(relay), TRUST_PROXY: 'loopback', ...SHARED_MACHINE_ENV }, ...(redis ? { redisUrl: redis.url } : {}) });
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    streamId = await liveShow(base, host, `invite ${mode}`);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
    await relay?.close();
    await redis?.stop();
  });

  it('each paid referral during the lottery adds entries up to the cap; the proof says why; an independent draw agrees', async () => {
    // A referrals mission beside it (issue 14's goal type): paid referrals count, puppets do not.
    const mission = await api(base, 'POST', '/api/missions', { title: 'Bring two friends', goal: { kind: 'referrals' }, period: { kind: 'month' }, stages: [{ target: 2, reward: { points: 30 } }] }, host);
    expect(mission.status, JSON.stringify(mission.body)).toBe(201);
    const [mei, hao, lin] = [await viewer('Mei'), await viewer('Hao'), await viewer('Lin')];
    // A friend Mei brought before the lottery opened: paid, but not during this lottery.
    const early = await viewer('Early', mei.memberId);
    await watchMinute([early]);
    clock.advance(1000);
    const created = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, {
      title: 'Invite night',
      prize: 'A jade bangle',
      winners: 1,
      requireWatching: false,
      inviteEntries: RULE,
    }, host);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const lotteryId = created.body.lottery.id as string;
    expect(created.body.lottery.settings.inviteEntries).toEqual(RULE);
    for (const m of [mei, hao, lin]) expect((await ask(m.socket, 'lottery:enter', { lotteryId })).ok).toBe(true);

    // During the lottery: Mei brings three genuine friends (cap: 3 more entries), Hao one, Lin only puppets from her own network.
    const meiFriends = [await viewer('F1', mei.memberId), await viewer('F2', mei.memberId), await viewer('F3', mei.memberId)];
    const haoFriend = await viewer('F4', hao.memberId);
    const linAddress = '198.51.100.7';
    expect((await ask(await open(lin.token, linAddress), 'stream:join', { streamId })).ok).toBe(true); // Lin is seen at her own address…
    const puppet = await viewer('Puppet', lin.memberId, linAddress); // …and an account made there is hers
    await watchMinute([...meiFriends, haoFriend, puppet]);

    const progress = async (token: string) => ((await api(base, 'GET', '/api/missions', undefined, token)).body.missions as Array<{ id: string; mine: { progress: number; reached: number } }>).find((m) => m.id === mission.body.mission.id)!.mine;
    await eventually(async () => expect(await progress(mei.token)).toEqual(expect.objectContaining({ progress: 4, reached: 1 })));
    expect(await progress(hao.token)).toEqual(expect.objectContaining({ progress: 1, reached: 0 }));
    expect(await progress(lin.token)).toEqual(expect.objectContaining({ progress: 0, reached: 0 }));
    const frozen = await api(base, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(202);
    clock.advance(3 * relay.chain.period * 1000);
    const drawn = await api(base, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    const proof = drawn.body.proof as LotteryProofV2;

    // Weights from what this test did, not from the server: Mei 1 + min(3×2, 3), Hao 1 + 2, Lin 1.
    const expectedWeights = new Map([
      [mei.memberId, 4],
      [hao.memberId, 3],
      [lin.memberId, 1],
    ]);
    expect(new Map(proof.entries)).toEqual(expectedWeights);
    expect(proof.invites).toEqual({
      ...RULE,
      reasons: {
        [mei.memberId]: { base: 1, friends: meiFriends.map((f) => f.memberId).sort() },
        [hao.memberId]: { base: 1, friends: [haoFriend.memberId] },
        [lin.memberId]: { base: 1, friends: [] },
      },
    });
    const ours: LotteryEntryPair[] = [...expectedWeights.entries()];
    const order = referenceOrder(proof.seed, relay.sign(proof.beacon.round).randomness, ours);
    expect(proof.order).toEqual(order);
    expect(proof.winners).toEqual(order.slice(0, 1));

    const check = await checkProof(proof);
    expect(check.ok, JSON.stringify(check.steps)).toBe(true);
    expect(check.steps.map((s) => s.id)).toContain('invites');
    // A friend moved from Mei to Lin: the weights no longer follow, and the invites step says so.
    const moved = structuredClone(proof);
    moved.invites!.reasons[lin.memberId]!.friends = [moved.invites!.reasons[mei.memberId]!.friends.pop()!];
    const tampered = await checkProof(moved);
    expect(tampered.ok).toBe(false);
    expect(tampered.steps.at(-1)).toMatchObject({ id: 'invites', ok: false });
  }, 120_000);
});
