/**
 * One phase of the scale part, the same for every target: the command on
 * every client worker, /healthz polled one request at a time meanwhile (the
 * longest answer kept), the load metered (report.ts reads what limited it),
 * and the workers' replies folded into one line of figures.
 */
import { phaseMeter, type PhaseLoad, type Processes } from './run-mode.ts';
import type { ScalePhaseReply } from './scale-protocol.ts';
import type { Outcomes } from './protocol.ts';
import { mergeCounts, perSecond, summarize, type Summary } from './stats.ts';
import type { Worker } from './worker-pool.ts';

export interface PhaseFigures {
  name: string;
  wallMs: number;
  outcomes: Outcomes;
  acks: number;
  /** ok acks per second, first send → last ack. */
  acksPerSecond: number;
  /** Replies of any kind (ok or refused) per second, first send → last reply: the drop storm's claims/s. */
  answeredPerSecond: number;
  ack: Summary;
  /** Longest /healthz answer during the phase (ms); a failed poll counts as its time to fail. */
  healthzMaxMs: number;
  healthzFailures: number;
  lost: number;
  deliveries: number;
  deliveriesPerSecond: number;
  load: PhaseLoad;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const ACK_TIMEOUT_MS = 30_000;

/** /healthz polled one request at a time every 50 ms until stopped; the longest answer. */
function pollHealth(url: string) {
  let stopped = false;
  let max = 0;
  let failures = 0;
  const running = (async () => {
    while (!stopped) {
      const t = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      max = Math.max(max, performance.now() - t);
      await sleep(50);
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return { max, failures };
  };
}

/** A server under test, started by scale-targets.ts. */
export interface RunningTarget {
  url: string;
  pid: number;
  redisPid: number | null;
  stop(): Promise<string[]>;
}

/** Runs one phase on every worker with /healthz polled and the load metered; folds the replies. */
export async function phase(
  name: string,
  workers: Worker[],
  t: RunningTarget,
  command: (w: Worker, k: number) => Promise<ScalePhaseReply>,
): Promise<PhaseFigures> {
  const meter = phaseMeter({ serverPid: t.pid, redisPid: t.redisPid } satisfies Processes);
  const health = pollHealth(t.url);
  const started = performance.now();
  const replies = await Promise.all(workers.map(command));
  const wallMs = performance.now() - started;
  const load = meter(replies.map((r) => r.cpu));
  const h = await health();
  const first = Math.min(...replies.map((r) => r.firstSendAt).filter(Number.isFinite));
  const last = Math.max(...replies.map((r) => r.lastAckAt).filter(Number.isFinite));
  const acks = replies.reduce((s, r) => s + r.acks, 0);
  const deliveries = replies.reduce((s, r) => s + r.deliveries, 0);
  const dFirst = Math.min(...replies.map((r) => r.firstDeliveryAt).filter(Number.isFinite));
  const dLast = Math.max(...replies.map((r) => r.lastDeliveryAt).filter(Number.isFinite));
  return {
    name,
    wallMs,
    outcomes: replies.reduce((acc, r) => mergeCounts(acc, r.outcomes), {} as Outcomes),
    acks,
    acksPerSecond: perSecond(acks, last - first),
    answeredPerSecond: perSecond(
      replies.reduce((n, r) => n + r.answered, 0),
      Math.max(...replies.map((r) => r.lastAnswerAt).filter(Number.isFinite)) - first,
    ),
    ack: summarize(replies.flatMap((r) => r.ackSample)),
    healthzMaxMs: h.max,
    healthzFailures: h.failures,
    lost: replies.reduce((s, r) => s + r.lost, 0),
    deliveries,
    deliveriesPerSecond: deliveries > 0 ? perSecond(deliveries, dLast - dFirst) : NaN,
    load,
  };
}
