/**
 * The scale part's soak (Front Row only): the workers at show-like rates
 * while this process samples the server's RSS and, as a host would, makes a
 * drop, opens a lottery and draws it; then every member's balance is held to
 * the awards acked to it (the workers' audit).
 */
import { api } from '../test/support/clients.ts';
import { memoryOf } from './proc.ts';
import { ACK_TIMEOUT_MS, phase, sleep, type PhaseFigures, type RunningTarget } from './scale-phase.ts';
import type { ScaleAudit } from './scale-protocol.ts';
import type { ScaleSettings } from './scale-run.ts';
import { hostCall } from './scale-targets.ts';
import type { Worker } from './worker-pool.ts';

export interface SoakFigures {
  seconds: number;
  /** RSS every 10 s (a soak under 100 s: ten times): [seconds since the soak began, KiB]. */
  rss: [number, number][];
  /** RSS growth after warm-up, floor to floor (floorGrowthPercent), % of the earlier floor. */
  growthPercent: number;
  drop: { stock: number; sold: number } | null;
  lottery: { entries: number; winners: number } | null;
  audit: Omit<ScaleAudit, 'type'>;
}

/** The soak: workers at show-like rates; here RSS every 10 s, a drop at 30 %, a lottery opened at 50 % and drawn at 80 %; then the audit. */
export async function runSoak(
  t: RunningTarget,
  workers: Worker[],
  streamId: string,
  host: string,
  s: ScaleSettings,
  report: (p: PhaseFigures) => void,
  log: (line: string) => void,
): Promise<SoakFigures> {
  const soakMs = s.soakSeconds * 1000;
  const start = performance.now();
  const rss: [number, number][] = [];
  const sample = () => rss.push([(performance.now() - start) / 1000, memoryOf(t.pid).rssKiB]);
  sample();
  // Every 10 s; a short soak (the CI smoke) samples ten times all the same.
  const sampler = setInterval(sample, Math.min(10_000, soakMs / 10));
  const dropStock = Math.max(1, Math.round(s.dropStock / 10));
  let dropId: string | null = null;
  let lotteryId: string | null = null;
  const at = (fraction: number, f: () => Promise<void>) =>
    sleep(soakMs * fraction).then(f).catch((err) => log(`${t.url}: soak event failed: ${err}`));
  const events = Promise.all([
    at(0.3, async () => {
      const r = await hostCall(t.url, 'POST', `/api/streams/${streamId}/drops`, { title: 'Soak drop', priceCents: 50_00, stock: dropStock }, host);
      if (r.status !== 201) throw new Error(`create drop: ${r.status} ${JSON.stringify(r.body)}`);
      dropId = r.body.drop.id;
    }),
    at(0.5, async () => {
      const r = await hostCall(t.url, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Soak lottery', prize: 'A tea set', winners: 3 }, host);
      if (r.status !== 201) throw new Error(`create lottery: ${r.status} ${JSON.stringify(r.body)}`);
      lotteryId = r.body.lottery.id;
    }),
  ]);
  const drawn = at(0.8, async () => {
    await events;
    if (!lotteryId) return;
    const r = await hostCall(t.url, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
    if (r.status !== 200) throw new Error(`draw: ${r.status} ${JSON.stringify(r.body)}`);
  });
  const soakPhase = await phase('soak', workers, t, (w) =>
    w.request(
      { type: 'soak', streamId, seconds: s.soakSeconds, beatEveryMs: 15_000, likeEveryMs: 30_000, commentEveryMs: 4_000, commenters: Math.ceil(s.commenters / workers.length), claimEvery: 10, enterWithinMs: Math.min(5_000, soakMs * 0.2), ackTimeoutMs: ACK_TIMEOUT_MS },
      s.soakSeconds * 1000 + ACK_TIMEOUT_MS + 60_000,
    ),
  );
  clearInterval(sampler);
  sample();
  await drawn;
  report(soakPhase);

  let drop: SoakFigures['drop'] = null;
  if (dropId) {
    const d = (await api(t.url, 'GET', `/api/drops/${dropId}`)).body.drop;
    drop = { stock: dropStock, sold: d.reserved + d.confirmed };
  }
  let lottery: SoakFigures['lottery'] = null;
  if (lotteryId) {
    const l = (await api(t.url, 'GET', `/api/lotteries/${lotteryId}`)).body.lottery;
    lottery = { entries: l.entries, winners: l.winnerList?.length ?? 0 };
  }
  const audits = await Promise.all(workers.map((w) => w.request<ScaleAudit>({ type: 'audit', url: t.url, concurrency: 16 }, 120_000 + s.members * 50)));
  const audit = audits.reduce(
    (a, r) => ({
      members: a.members + r.members,
      exact: a.exact + r.exact,
      wrong: a.wrong + r.wrong,
      unsure: a.unsure + r.unsure,
      ackedPoints: a.ackedPoints + r.ackedPoints,
      serverPoints: a.serverPoints + r.serverPoints,
      examples: [...a.examples, ...r.examples].slice(0, 5),
    }),
    { members: 0, exact: 0, wrong: 0, unsure: 0, ackedPoints: 0, serverPoints: 0, examples: [] as string[] },
  );
  log(`soak: RSS ${rss.map(([, k]) => Math.round(k / 1024)).join(' ')} MiB; drop ${JSON.stringify(drop)}; lottery ${JSON.stringify(lottery)}; audit ${JSON.stringify(audit)}`);
  return { seconds: s.soakSeconds, rss, growthPercent: floorGrowthPercent(rss, s.soakSeconds), drop, lottery, audit };
}

/**
 * Growth of what the process keeps: the lowest RSS of the last fifth of the soak against the lowest of the
 * fifth after warm-up (20–40 %). A single sample lands anywhere on the garbage collector's saw-tooth (±40 %
 * within seconds at 10,000 members), so comparing two samples measured when the GC last ran, not growth.
 */
export function floorGrowthPercent(rss: [number, number][], soakSeconds: number): number {
  const floor = (from: number, to: number) => {
    const inWindow = rss.filter(([sec]) => sec >= soakSeconds * from && sec <= soakSeconds * to).map(([, kib]) => kib);
    return inWindow.length > 0 ? Math.min(...inWindow) : NaN;
  };
  const warm = floor(0.2, 0.4);
  return ((floor(0.8, 1) - warm) / warm) * 100;
}
