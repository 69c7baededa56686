/**
 * The insights worker (issue 15): a thread of its own for the reads and the
 * arithmetic that grow with the seller's history — the SQL over every
 * member's orders and shows, the model's training — so the app's event loop
 * never waits on them. Embedded and Redis modes: it reads the SQLite file
 * through its own read-only connection. MongoDB mode: the app sends the
 * histories (Mongo's reads are asynchronous already).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InsightsRequest, InsightsReply } from './insights-worker-client.ts';
import { rankRepurchase } from './repurchase-ranking.ts';
import { memberHistories, openReadOnly } from './sqlite-insight-queries.ts';

const { dataDir } = workerData as { dataDir: string | null };
const db = dataDir ? openReadOnly(dataDir) : null;

parentPort!.on('message', (req: InsightsRequest) => {
  let reply: InsightsReply;
  try {
    const histories = req.histories ?? (db ? memberHistories(db) : []);
    reply = { id: req.id, ok: true, result: rankRepurchase(histories, req.now, req.limit) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
