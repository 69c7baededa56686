/**
 * GET /metrics (issue 10: operable at scale): absent unless METRICS_TOKEN is
 * set, refused without the token, and with it a Prometheus text page whose
 * figures follow what really happened — socket events by kind and outcome,
 * connections, the group commit's batches (embedded), Lua script round trips
 * by name (Redis), HTTP requests by route pattern, admission refusals, the
 * event loop, readiness. Run in both modes.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

const TOKEN = 'metrics-token-for-the-tests';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(page: string, name: string, labels = ''): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Every sample of `name` (any labels): labels → value. */
function samples(page: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of page.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1] === name) found.set(m[2] ?? '', Number(m[3]));
  }
  return found;
}

const total = (values: Map<string, number>) => [...values.values()].reduce((a, b) => a + b, 0);

async function scrape(base: string, token?: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function metricsSuite(mode: 'embedded' | 'redis'): void {
  describe(`/metrics (${mode})`, () => {
    let redis: RedisServer | undefined;
    let running: RunningApp;
    const sockets: Socket[] = [];
    const start = async (env: Record<string, string> = {}) =>
      startApp({ env: { METRICS_TOKEN: TOKEN, ...env }, ...(redis ? { redisUrl: redis.url } : {}) });

    beforeAll(async () => {
      if (mode === 'redis') redis = await startRedisServer();
      running = await start();
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
      await redis?.stop();
    });

    it('is not served without METRICS_TOKEN', async () => {
      const bare = await startApp(redis ? { redisUrl: redis.url } : {});
      try {
        expect((await scrape(bare.url, TOKEN)).status).toBe(404);
      } finally {
        await bare.stop();
      }
    });

    it('refuses a scrape without the token, or with another', async () => {
      for (const token of [undefined, 'not-the-metrics-token']) {
        const page = await scrape(running.url, token);
        expect(page.status).toBe(401);
        expect(page.text).not.toMatch(/frontrow_/);
      }
    });

    it('counts socket events by kind and outcome, connections, storage timings and HTTP requests, as they happen', async () => {
      const base = running.url;
      const before = (await scrape(base, TOKEN)).text;
      const likesBefore = sample(before, 'frontrow_socket_events_total', '{event="interact",outcome="ok"}') ?? 0;
      const batchesBefore = sample(before, 'frontrow_sqlite_commit_batch_size_count') ?? 0;
      const scriptsBefore = total(samples(before, 'frontrow_redis_command_seconds_count'));
      const startsBefore = sample(before, 'frontrow_http_requests_total', '{route="/api/streams/:id/start",method="POST",status="200"}') ?? 0;

      const host = await hostToken(base);
      const streamId = await liveShow(base, host, 'Metrics show');
      // An error thrown inside the /api router still names its route with the /api prefix.
      expect((await api(base, 'GET', '/api/streams/no-such-show')).status).toBe(404);
      expect((await api(base, 'GET', '/api/no/such/route')).status).toBe(404);
      const fan = await ssoMember(base, `metrics-fan-${Math.random()}`, 'Fan');
      const socket = await connect(base, '/live', { token: fan.token });
      sockets.push(socket);
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      for (let i = 0; i < 3; i++) expect((await ask(socket, 'interact', { streamId, kind: 'like', requestId: `m${i}` })).ok).toBe(true);
      const refused = await ask(socket, 'watch:chest', { streamId: 'no-such-show' });
      expect(refused.ok).toBe(false);

      const page = await scrape(base, TOKEN);
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/plain; version=0\.0\.4/);
      const after = page.text;
      expect(sample(after, 'frontrow_socket_events_total', '{event="interact",outcome="ok"}')).toBe(likesBefore + 3);
      expect(sample(after, 'frontrow_socket_events_total', `{event="watch:chest",outcome="${refused.error.code}"}`)).toBe(1);
      expect(sample(after, 'frontrow_socket_event_seconds_count', '{event="stream:join"}')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'frontrow_socket_connections', '{namespace="/live"}')).toBe(1);
      // Every admitted event was released once acked.
      expect(sample(after, 'frontrow_socket_events_in_flight')).toBe(0);
      expect(sample(after, 'frontrow_admission_loop_delay_seconds')).toBeGreaterThanOrEqual(0);
      expect(after).toMatch(/^# TYPE frontrow_admission_refusals_total counter$/m);
      expect(sample(after, 'frontrow_ready', `{mode="${mode === 'redis' ? 'redis' : 'sqlite'}"}`)).toBe(1);
      expect(after).toMatch(/^frontrow_nodejs_eventloop_lag_p99_seconds \d/m);

      if (mode === 'embedded') {
        expect(sample(after, 'frontrow_sqlite_commit_batch_size_count')).toBeGreaterThan(batchesBefore);
      } else {
        // Each like ran at least one Lua script; each script is named, and timed with a positive sum.
        const counts = samples(after, 'frontrow_redis_command_seconds_count');
        expect(total(counts)).toBeGreaterThanOrEqual(scriptsBefore + 3);
        for (const labels of counts.keys()) expect(labels).toMatch(/^\{command="[a-zA-Z]+"\}$/);
        expect(total(samples(after, 'frontrow_redis_command_seconds_sum'))).toBeGreaterThan(0);
      }

      // HTTP: by route pattern (never the raw URL), method and status.
      const http = samples(after, 'frontrow_http_requests_total');
      expect(http.get('{route="/api/streams/:id/start",method="POST",status="200"}')).toBe(startsBefore + 1);
      expect(http.get('{route="/api/streams/:id",method="GET",status="404"}')).toBeGreaterThanOrEqual(1);
      expect(http.get('{route="(unmatched)",method="GET",status="404"}')).toBeGreaterThanOrEqual(1);
      expect([...http.keys()].some((labels) => labels.includes(streamId) || labels.includes('no-such'))).toBe(false);
      expect(sample(after, 'frontrow_http_request_seconds_count', '{route="/api/streams/:id/start",method="POST"}')).toBeGreaterThanOrEqual(1);
      expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance).toBeGreaterThan(0);
    });

    it('counts the events admission control refused, by the bound that was hit, beside their UNAVAILABLE outcome', async () => {
      // One event at a time: a burst of likes sent without waiting has all but the first refused at the door.
      const tight = await start({ ADMISSION_EVENTS_IN_FLIGHT: '1', SOCKET_BUDGET_SCALE: '1000' });
      try {
        const base = tight.url;
        const streamId = await liveShow(base, await hostToken(base), 'Busy show');
        const fan = await ssoMember(base, `busy-fan-${Math.random()}`, 'Fan');
        const socket = await connect(base, '/live', { token: fan.token });
        sockets.push(socket);
        expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
        const replies = await Promise.all(
          Array.from({ length: 20 }, (_, i) => ask(socket, 'interact', { streamId, kind: 'like', requestId: `b${i}` })),
        );
        const busy = replies.filter((r) => !r.ok);
        expect(busy.length).toBeGreaterThan(0);
        for (const r of busy) expect(r.error).toMatchObject({ code: 'UNAVAILABLE', reason: 'server.busy', retryAfterMs: expect.any(Number) });
        for (const r of busy) expect(r.error.retryAfterMs).toSatisfy((ms: number) => ms >= 500 && ms <= 1000);
        const ok = replies.filter((r) => r.ok);
        expect(ok.length).toBeGreaterThan(0);

        const page = (await scrape(base, TOKEN)).text;
        expect(sample(page, 'frontrow_admission_refusals_total', '{reason="events_in_flight"}')).toBe(busy.length);
        expect(sample(page, 'frontrow_socket_events_total', '{event="interact",outcome="UNAVAILABLE"}')).toBe(busy.length);
        expect(sample(page, 'frontrow_socket_events_total', '{event="interact",outcome="ok"}')).toBe(ok.length);
        // Refused likes ran nothing: the balance is the ok likes' awards alone.
        const awarded = ok.reduce((sum, r) => sum + r.awarded, 0);
        expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance).toBe(awarded);
      } finally {
        await tight.stop();
      }
    });
  });
}

metricsSuite('embedded');
metricsSuite('redis');
