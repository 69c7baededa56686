/**
 * Community goals across two real server processes on one DATA_DIR (and, in
 * Redis mode, one private Redis) — issue 14's done-when: a room likes its
 * way past a goal's target through both processes at once, the likes of
 * each member split between them. The goal completes exactly once: one
 * `goal:completed` on each process's sockets, one drop made from the
 * attached draft, the attached reward available from the completion; the
 * room's total counts every like the caps let through, and so does a
 * points goal beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalCompletedEvent, GoalView } from '../../shared/community-goals.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';

const MEMBERS = 60;
const LIKES_EACH = 3;
const TARGET = 100;
const RULES: Rules = { ...DEFAULT_RULES, like: { points: 1, maxPerStream: 10 } };

describe.each(['embedded', 'redis'] as const)('community goals on two processes (%s)', (mode) => {
  let redis: RedisServer | null = null;
  let dataDir: string;
  const servers: ServerProcess[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `frontrow-goals-${mode}-`));
    if (mode === 'redis') redis = await startRedisServer();
    const options = { dataDir, ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}), env: SHARED_MACHINE_ENV };
    servers.push(...(await Promise.all([startServerProcess(options), startServerProcess(options)])));
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes once at its target, makes the drop once, unlocks the reward, counts every like', async () => {
    const urls = servers.map((s) => s.url) as [string, string];
    const host = await hostToken(urls[0]);
    expect((await api(urls[0], 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    const streamId = await liveShow(urls[0], host, `goal ${mode}`);
    const later = Date.now() + 365 * 86_400_000;
    const reward = (await api(urls[0], 'POST', '/api/rewards', { kind: 'custom', title: 'Flash thanks', pricePoints: 1, availableFrom: later }, host)).body.reward;
    const made = await api(urls[1], 'POST', `/api/streams/${streamId}/goals`, {
      title: '100 likes unlock a flash drop',
      metric: 'likes',
      target: TARGET,
      drop: { title: 'Flash jade', priceCents: 50_000, stock: 5 },
      rewardId: reward.id,
    }, host);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const goalId = made.body.goal.id as string;
    const pointsGoal = (await api(urls[0], 'POST', `/api/streams/${streamId}/goals`, { title: 'Points', metric: 'points', target: 50 }, host)).body.goal.id as string;

    // One observer per process, in the room: each must hear the completion exactly once.
    const heard: GoalCompletedEvent[][] = [[], []];
    for (const [i, url] of urls.entries()) {
      const observer = await connect(url, '/live');
      sockets.push(observer);
      observer.on('goal:completed', (e: GoalCompletedEvent) => heard[i]!.push(e));
      await ask(observer, 'stream:join', { streamId });
    }
    await new Promise((r) => setTimeout(r, 2100)); // both processes re-read the show's goals
    const fans = await Promise.all(
      Array.from({ length: MEMBERS }, async (_, i) => {
        const m = await ssoMember(urls[i % 2]!, `goal-${mode}-${i}-${Math.random()}`, `Fan ${i}`);
        const pair = await Promise.all(urls.map((url) => connect(url, '/live', { token: m.token })));
        sockets.push(...pair);
        await Promise.all(pair.map((s) => ask(s, 'stream:join', { streamId })));
        return pair;
      }),
    );
    await inBatches(fans, 20, async (pair, i) => {
      await Promise.all(Array.from({ length: LIKES_EACH }, (_, k) => ask(pair[(i + k) % 2]!, 'interact', { streamId, kind: 'like', requestId: `like-${k}` })));
    });

    await eventually(async () => {
      const goals = (await api(urls[0], 'GET', `/api/streams/${streamId}/goals`)).body.goals as GoalView[];
      expect(goals.find((g) => g.id === goalId)).toMatchObject({ status: 'completed', progress: MEMBERS * LIKES_EACH });
      expect(goals.find((g) => g.id === pointsGoal)).toMatchObject({ status: 'completed', progress: MEMBERS * LIKES_EACH });
    }, 20_000);
    // Redis mode: the adapter carries the one announcement to both processes' sockets. Embedded mode has no
    // adapter (one process is its design; two share the file only), so the announcement is heard where it was made.
    const expected = mode === 'redis' ? [1, 1] : undefined;
    const counts = () => heard.map((h) => h.filter((e) => e.goal.id === goalId).length);
    await eventually(() => (expected ? expect(counts()).toEqual(expected) : expect(counts().reduce((a, b) => a + b)).toBe(1)));
    await new Promise((r) => setTimeout(r, 500));
    if (expected) expect(counts()).toEqual(expected);
    else expect(counts().sort()).toEqual([0, 1]);
    const goal = ((await api(urls[1], 'GET', `/api/streams/${streamId}/goals`)).body.goals as GoalView[]).find((g) => g.id === goalId)!;
    const drops = (await api(urls[1], 'GET', `/api/streams/${streamId}/drops`)).body.drops as Array<{ id: string; title: string }>;
    expect(drops.filter((d) => d.title === 'Flash jade').map((d) => d.id)).toEqual([goal.dropId]);
    const unlocked = ((await api(urls[0], 'GET', '/api/rewards', undefined, host)).body.rewards as Array<{ id: string; availableFrom: number }>).find((r) => r.id === reward.id)!;
    expect(unlocked.availableFrom).toBe(goal.completedAt);
  }, 120_000);
});
