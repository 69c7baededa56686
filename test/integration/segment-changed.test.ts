/**
 * segment.changed on the outbound webhook (issue 15), both modes: two apps on
 * one DATA_DIR (and one Redis) evaluate the saved segments at the same time;
 * a member moving into a segment, and later out of one, reaches the shop's
 * receiver once each, signed — never twice, however many evaluations see
 * the move.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { randomPrefix, startApp, type RunningApp } from '../support/app-harness.ts';
import { api, deliverOrder, eventually, hostToken, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { TestClock } from '../support/test-clock.ts';

const SECRET = 'segment-webhook-secret-0123456789abcdef';
const DAY = 86_400_000;

describe.each(['embedded', 'redis'] as const)('segment.changed (%s)', (mode) => {
  const received: Array<{ body: string; signature: string | undefined }> = [];
  let shop: Server;
  let redis: RedisServer | null = null;
  let dataDir: string;
  const clock = new TestClock(Date.parse('2026-11-26T12:00:00+08:00'));
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    shop = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString(), signature: req.headers['x-frontrow-signature'] as string | undefined });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(shop.address() as { port: number }).port}/hooks`;
    dataDir = mkdtempSync(join(tmpdir(), `frontrow-segments-${mode}-`));
    if (mode === 'redis') redis = await startRedisServer();
    const prefix = randomPrefix();
    for (let i = 0; i < 2; i++) {
      apps.push(
        await startApp({ clock, dataDir, env: { ...SHARED_MACHINE_ENV, OUTBOUND_WEBHOOK_URL: url, OUTBOUND_WEBHOOK_SECRET: SECRET }, ...(redis ? { redisUrl: redis.url, redisPrefix: prefix } : {}) }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const a of apps) await a.stop();
    await redis?.stop();
    await new Promise<void>((resolve) => shop.close(() => resolve()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const changes = () =>
    received
      .map((r) => ({ ...r, event: JSON.parse(r.body) as { id: string; type: string; data: { segment: string; memberId: string; change: string } } }))
      .filter((r) => r.event.type === 'segment.changed');
  const bothEvaluate = () => Promise.all(apps.map((a) => a.app.services.segmentWatcher.evaluate()));

  it('announces each move once, however many evaluations see it', async () => {
    const base = apps[0]!.url;
    const host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', { ...DEFAULT_RULES, purchase: { pointsPerUnit: 1, unitCents: 100 } }, host)).status).toBe(200);
    for (const [name, filter] of [
      ['Buyers', { minOrders: 1 }],
      ['Active this week', { activeWithinDays: 7 }],
    ] as const) {
      expect((await api(base, 'POST', '/api/segments', { name, filter }, host)).status).toBe(201);
    }
    const [a, b] = [await ssoMember(base, `${mode}-seg-a`, 'Amy'), await ssoMember(base, `${mode}-seg-b`, 'Ben')];
    await deliverOrder(base, { orderId: `${mode}-a1`, memberId: a.memberId, amountCents: 10_000, currency: 'TWD' });

    const first = await bothEvaluate();
    expect(first.reduce((x, y) => x + y)).toBe(2); // Amy joins both segments, announced by one of the two
    await deliverOrder(apps[1]!.url, { orderId: `${mode}-b1`, memberId: b.memberId, amountCents: 5_000, currency: 'TWD' });
    expect((await bothEvaluate()).reduce((x, y) => x + y)).toBe(2); // Ben joins both
    expect((await bothEvaluate()).reduce((x, y) => x + y)).toBe(0);
    clock.advance(8 * DAY);
    expect((await bothEvaluate()).reduce((x, y) => x + y)).toBe(2); // both leave "Active this week"

    await eventually(() => expect(changes()).toHaveLength(6), 15_000);
    await new Promise((r) => setTimeout(r, 300));
    const seen = changes();
    expect(seen).toHaveLength(6);
    expect(seen.every((r) => r.signature === `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`)).toBe(true);
    const summary = seen.map((r) => `${r.event.data.segment}|${r.event.data.memberId === a.memberId ? 'Amy' : 'Ben'}|${r.event.data.change}`).sort();
    expect(summary).toEqual(
      [
        'Buyers|Amy|joined',
        'Buyers|Ben|joined',
        'Active this week|Amy|joined',
        'Active this week|Ben|joined',
        'Active this week|Amy|left',
        'Active this week|Ben|left',
      ].sort(),
    );
    expect(new Set(seen.map((r) => r.event.id)).size).toBe(6);
  }, 120_000);
});
