/**
 * Missions across two real server processes on one DATA_DIR (and, in Redis
 * mode, one private Redis) — issue 14's done-when: members' orders arrive
 * at both processes at once, each order also redelivered to the other
 * process in the same instant. Every stage is paid exactly once per member,
 * the progress counts each order once, and the host's completion counts
 * match the members.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionView } from '../../shared/missions.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, deliverOrder, eventually, fullLedger, hostToken, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';

const MEMBERS = 40;
const ORDERS = 6;

describe.each(['embedded', 'redis'] as const)('missions on two processes (%s)', (mode) => {
  let redis: RedisServer | null = null;
  let dataDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `frontrow-missions-${mode}-`));
    if (mode === 'redis') redis = await startRedisServer();
    const options = { dataDir, ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}), env: SHARED_MACHINE_ENV };
    servers.push(...(await Promise.all([startServerProcess(options), startServerProcess(options)])));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('orders reaching both processes at once, each twice: every stage paid once per member', async () => {
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const host = await hostToken(a);
    const created = await api(a, 'POST', '/api/missions', {
      title: 'Buy again',
      goal: { kind: 'purchases' },
      period: { kind: 'month' },
      stages: [
        { target: 2, reward: { points: 10 } },
        { target: 5, reward: { points: 30 } },
      ],
    }, host);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const missionId = created.body.mission.id as string;
    // The other process reads its missions again within two seconds: it must know this one before the storm.
    await eventually(async () => expect((await api(b, 'GET', '/api/missions')).body.missions.map((m: MissionView) => m.id)).toContain(missionId));
    await new Promise((r) => setTimeout(r, 2100));
    const members = await Promise.all(Array.from({ length: MEMBERS }, (_, i) => ssoMember(i % 2 ? a : b, `two-${mode}-${i}-${Math.random()}`, `Fan ${i}`)));
    const orderCents = DEFAULT_RULES.purchase.unitCents;
    await Promise.all(
      members.flatMap((m, i) =>
        Array.from({ length: ORDERS }, (_, k) => {
          const order = { orderId: `two-${mode}-${i}-${k}`, memberId: m.memberId, amountCents: orderCents, currency: 'TWD' };
          return [deliverOrder(a, order), deliverOrder(b, order)];
        }).flat(),
      ),
    );
    for (const m of members) {
      await eventually(async () => {
        const mine = ((await api(a, 'GET', '/api/missions', undefined, m.token)).body.missions as MissionView[]).find((x) => x.id === missionId)!.mine!;
        expect(mine).toMatchObject({ progress: ORDERS, reached: 2 });
      }, 20_000);
      const paid = (await fullLedger(b, m.token)).filter((e) => e.reason === 'mission').map((e) => [e.key.split(':').at(-1), e.delta]);
      expect(paid.sort()).toEqual([
        ['1', 10],
        ['2', 30],
      ]);
    }
    const hostView = ((await api(b, 'GET', '/api/missions', undefined, host)).body.missions as MissionView[]).find((x) => x.id === missionId)!;
    expect(hostView.completions).toEqual([MEMBERS, MEMBERS]);
  }, 120_000);
});
