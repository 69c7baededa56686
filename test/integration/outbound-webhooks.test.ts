/**
 * Outbound webhooks to the shop (issue 13), against a receiver on 127.0.0.1
 * that this test controls, and a real server process: a redemption's
 * reward.redeemed is delivered with a valid signature even though the
 * receiver fails twice first, exactly once; and an event still failing when
 * the server is SIGKILLed is delivered, once, by the restarted server.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, deliverOrder, eventually, hostToken, ssoMember } from '../support/clients.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SECRET = 'outbound-webhook-secret-0123456789abcdef';

interface Received {
  body: string;
  signature: string | undefined;
  event: string | undefined;
  delivery: string | undefined;
  answered: number;
}

/** The shop's end: answers `failures` requests with 500, then 200; records everything. */
function receiver() {
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = failures > 0 ? 500 : 200;
      if (failures > 0) failures--;
      received.push({
        body: Buffer.concat(chunks).toString(),
        signature: req.headers['x-frontrow-signature'] as string | undefined,
        event: req.headers['x-frontrow-event'] as string | undefined,
        delivery: req.headers['x-frontrow-delivery'] as string | undefined,
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  return {
    received,
    failNext: (n: number) => (failures = n),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const signed = (r: Received) => r.signature === `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`;

describe.each(['embedded', 'redis'] as const)('outbound webhooks to the shop (%s)', (mode) => {
  const shop = receiver();
  let dataDir: string;
  let server: ServerProcess;
  let env: Record<string, string>;
  let redis: RedisServer | null = null;
  let options: { redisUrl?: string; redisPrefix?: string } = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-outbound-'));
    env = { OUTBOUND_WEBHOOK_URL: await shop.start(), OUTBOUND_WEBHOOK_SECRET: SECRET };
    if (mode === 'redis') {
      redis = await startRedisServer();
      options = { redisUrl: redis.url, redisPrefix: randomPrefix() };
    }
    server = await startServerProcess({ dataDir, env, ...options });
    expect(server.mode).toBe(mode);
  }, 60_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await shop.stop();
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const redeemGift = async (label: string) => {
    const host = await hostToken(server.url);
    const gift = (await api(server.url, 'POST', '/api/rewards', { kind: 'item', title: `Gift ${label}`, pricePoints: 10 }, host)).body.reward;
    const fan = await ssoMember(server.url, `outbound-${label}-${Math.random()}`, `Fan ${label}`);
    await deliverOrder(server.url, { orderId: `outbound-${label}-${Math.random()}`, memberId: fan.memberId, amountCents: 200_000, currency: 'TWD' });
    const redeemed = await api(server.url, 'POST', `/api/rewards/${gift.id}/redeem`, { requestId: 'tap' }, fan.token);
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    return redeemed.body.redemption as { id: string };
  };

  it('delivers reward.redeemed signed, after two failures, exactly once', async () => {
    shop.failNext(2);
    const redemption = await redeemGift('retry');
    const id = `reward.redeemed:${redemption.id}`;
    const mine = () => shop.received.filter((r) => r.delivery === id);
    await eventually(() => expect(mine().map((r) => r.answered)).toEqual([500, 500, 200]), 20_000, 100);
    for (const r of mine()) {
      expect(signed(r)).toBe(true);
      expect(r.event).toBe('reward.redeemed');
      expect(JSON.parse(r.body)).toMatchObject({
        id,
        type: 'reward.redeemed',
        data: { redemption: { id: redemption.id, status: 'pending' }, reward: { kind: 'item', title: 'Gift retry', creditCents: null } },
      });
    }
    // Once delivered it is never sent again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(mine()).toHaveLength(3);
    const log = (await api(server.url, 'GET', '/api/webhooks/outbound', undefined, await hostToken(server.url))).body.deliveries;
    expect(log.find((d: { id: string }) => d.id === id)).toMatchObject({ attempts: 3, deliveredAt: expect.any(Number), lastError: null });
  }, 60_000);

  it('an event still failing when the server dies is delivered once by the restarted server', async () => {
    shop.failNext(1_000_000);
    const redemption = await redeemGift('restart');
    const id = `reward.redeemed:${redemption.id}`;
    const mine = () => shop.received.filter((r) => r.delivery === id);
    await eventually(() => expect(mine().length).toBeGreaterThan(0), 20_000, 100);
    await server.kill('SIGKILL');
    shop.failNext(0);
    server = await startServerProcess({ dataDir, env, ...options, port: server.port });
    await eventually(() => expect(mine().filter((r) => r.answered === 200)).toHaveLength(1), 30_000, 200);
    await new Promise((r) => setTimeout(r, 2500));
    expect(mine().filter((r) => r.answered === 200)).toHaveLength(1);
    expect(mine().every(signed)).toBe(true);
  }, 90_000);
});
