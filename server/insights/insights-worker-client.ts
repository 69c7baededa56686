/**
 * The app's side of the insights worker: one worker thread, started on the
 * first request, requests matched to replies by id, and a crash or an exit
 * fails what was waiting (the next request starts a new worker).
 */
import { Worker } from 'node:worker_threads';
import type { KpiRow, ShowReport } from '../../shared/insights.ts';
import type { ReportInput } from './audience-report.ts';
import type { Rules } from '../../shared/rules.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MemberHistory, RepurchaseRanking } from './repurchase-ranking.ts';
import type { SegmentFilter } from '../../shared/insights.ts';
import type { MemberPage, MemberSort } from '../domain/insights/member-list.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';

export type InsightsTask =
  | {
      task: 'repurchase';
      now: number;
      limit: number;
      /** MongoDB mode: the histories, read by the app; otherwise the worker reads the SQLite file. */
      histories?: MemberHistory[];
    }
  | { task: 'warm'; timeZone: string }
  | { task: 'showReport'; input: ReportInput }
  | { task: 'kpis'; rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>; from: string; to: string; interval: KpiInterval }
  | {
      task: 'members';
      rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>;
      now: number;
      filter: SegmentFilter;
      sort: MemberSort;
      offset: number;
      limit: number;
      csv: boolean;
      /** MongoDB mode: the summaries, read by the app. */
      summaries?: MemberSummary[];
    }
  | {
      task: 'segmentMembers';
      rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>;
      now: number;
      segments: Array<{ id: string; filter: SegmentFilter }>;
      summaries?: MemberSummary[];
    };

export type InsightsRequest = InsightsTask & { id: number };

export type InsightsReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export class InsightsWorker {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private seq = 0;

  constructor(private readonly dataDir: string | null) {}

  repurchase(now: number, limit: number, histories?: MemberHistory[]): Promise<RepurchaseRanking> {
    return this.run({ task: 'repurchase', now, limit, ...(histories ? { histories } : {}) }) as Promise<RepurchaseRanking>;
  }

  /** A show's report, its audience read on the worker's connection (audience-report.ts). */
  showReport(input: ReportInput): Promise<ShowReport> {
    return this.run({ task: 'showReport', input }) as Promise<ShowReport>;
  }

  /** Builds the facts from the SQLite file now (at boot), so the first answer does not wait for them. */
  warm(timeZone: string): Promise<void> {
    return this.run({ task: 'warm', timeZone }) as Promise<void>;
  }

  /** The SQLite file's KPI rows (MongoDB mode computes them in the app: insight-service.ts). */
  kpis(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    return this.run({ task: 'kpis', rules, from, to, interval }) as Promise<KpiRow[]>;
  }

  /** A page of the member list, or (csv) every matching row as CSV. */
  members(task: Omit<Extract<InsightsTask, { task: 'members' }>, 'task'>): Promise<MemberPage | string> {
    return this.run({ task: 'members', ...task }) as Promise<MemberPage | string>;
  }

  /** Each segment's members now, by segment id. */
  segmentMembers(task: Omit<Extract<InsightsTask, { task: 'segmentMembers' }>, 'task'>): Promise<Record<string, string[]>> {
    return this.run({ task: 'segmentMembers', ...task }) as Promise<Record<string, string[]>>;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private run(task: InsightsTask): Promise<unknown> {
    const worker = this.started();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...task, id } satisfies InsightsRequest);
    });
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
