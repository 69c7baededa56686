/**
 * GET /metrics (issue 10: operable at scale): absent unless METRICS_TOKEN is
 * set, refused without the token, and with it a Prometheus text page whose
 * figures follow what really happened — socket events by kind and outcome,
 * connections, the group commit's batches, the event loop, readiness.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';

const TOKEN = 'metrics-token-for-the-tests';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(page: string, name: string, labels = ''): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(base: string, token?: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('/metrics', () => {
  let running: RunningApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    running = await startApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  it('is not served without METRICS_TOKEN', async () => {
    const bare = await startApp();
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

  it('counts socket events by kind and outcome, connections and group commits, as they happen', async () => {
    const base = running.url;
    const before = (await scrape(base, TOKEN)).text;
    const likesBefore = sample(before, 'frontrow_socket_events_total', '{event="interact",outcome="ok"}') ?? 0;
    const batchesBefore = sample(before, 'frontrow_sqlite_commit_batch_size_count') ?? 0;

    const host = await hostToken(base);
    const streamId = await liveShow(base, host, 'Metrics show');
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
    expect(sample(after, 'frontrow_sqlite_commit_batch_size_count')).toBeGreaterThan(batchesBefore);
    expect(sample(after, 'frontrow_ready', '{mode="sqlite"}')).toBe(1);
    expect(after).toMatch(/^frontrow_nodejs_eventloop_lag_p99_seconds \d/m);
    expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance).toBeGreaterThan(0);
  });
});
