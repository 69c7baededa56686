/**
 * The app's side of the insights worker: one worker thread, started on the
 * first request, requests matched to replies by id, and a crash or an exit
 * fails what was waiting (the next request starts a new worker).
 */
import { Worker } from 'node:worker_threads';
import type { MemberHistory, RepurchaseRanking } from './repurchase-ranking.ts';

export interface InsightsRequest {
  id: number;
  task: 'repurchase';
  now: number;
  limit: number;
  /** MongoDB mode: the histories, read by the app; otherwise the worker reads the SQLite file. */
  histories?: MemberHistory[];
}

export type InsightsReply = { id: number; ok: true; result: RepurchaseRanking } | { id: number; ok: false; error: string };

export class InsightsWorker {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (r: RepurchaseRanking) => void; reject: (e: Error) => void }>();
  private seq = 0;

  constructor(private readonly dataDir: string | null) {}

  repurchase(now: number, limit: number, histories?: MemberHistory[]): Promise<RepurchaseRanking> {
    const worker = this.started();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: InsightsRequest = { id, task: 'repurchase', now, limit, ...(histories ? { histories } : {}) };
      worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./insights-worker.ts', import.meta.url).href, dataDir: this.dataDir },
    });
    worker.unref();
    worker.on('message', (reply: InsightsReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.result);
      else waiter?.reject(new Error(`insights worker: ${reply.error}`));
    });
    const failAll = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`insights worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
