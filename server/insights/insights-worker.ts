/**
 * The insights worker (issue 15): a thread of its own for the reads and the
 * arithmetic that grow with the seller's history — the repurchase model's
 * histories and training, the KPIs' sweep over the whole ledger — so the
 * app's event loop never waits on them. Embedded and Redis modes: it reads
 * the SQLite file through its own read-only connection. MongoDB mode: the
 * app sends the repurchase histories (Mongo's reads are asynchronous
 * already) and sweeps the KPIs itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InsightsReply, InsightsRequest } from './insights-worker-client.ts';
import { rankRepurchase } from './repurchase-ranking.ts';
import { memberHistories, openReadOnly, sweepKpis } from './sqlite-insight-queries.ts';

const { dataDir } = workerData as { dataDir: string | null };
const db = dataDir ? openReadOnly(dataDir) : null;

function handle(req: InsightsRequest): unknown {
  switch (req.task) {
    case 'repurchase':
      return rankRepurchase(req.histories ?? (db ? memberHistories(db) : []), req.now, req.limit);
    case 'kpis':
      if (!db) throw new Error('no SQLite file to sweep');
      return sweepKpis(db, req.rules, req.from, req.to, req.interval);
  }
}

parentPort!.on('message', (req: InsightsRequest) => {
  let reply: InsightsReply;
  try {
    reply = { id: req.id, ok: true, result: handle(req) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
