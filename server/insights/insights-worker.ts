/**
 * The insights worker (issue 15): a thread of its own for the reads and the
 * arithmetic that grow with the seller's history or a show's audience — the
 * repurchase model's histories and training, the facts the KPIs and the
 * member list read (insight-facts.ts, kept up to date here), a show's
 * report's audience (audience-report.ts) — so the app's event loop never
 * waits on them. Embedded and Redis modes: it reads the SQLite file through
 * its own read-only connection. MongoDB mode: the app sends the repurchase
 * histories and the summaries (Mongo's reads are asynchronous already) and
 * computes the KPIs itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InsightsReply, InsightsRequest } from './insights-worker-client.ts';
import { rankRepurchase } from './repurchase-ranking.ts';
import { memberPage, membersCsv } from '../domain/insights/member-list.ts';
import { memberHistories, openReadOnly } from './sqlite-insight-queries.ts';
import { SqliteInsightFeed } from './sqlite-insight-feed.ts';
import { audienceReport } from './audience-report.ts';
import { SqliteShowFactRecords } from '../store/sqlite-show-fact-records.ts';

const { dataDir } = workerData as { dataDir: string | null };
const db = dataDir ? openReadOnly(dataDir) : null;
/** The facts live as long as the worker; between answers they follow the file, so an answer only folds in the last seconds. */
const feed = db ? new SqliteInsightFeed(db) : null;
/** The store's own show-fact reads, on this connection (their write statements are prepared, never run). */
const showReads = db ? new SqliteShowFactRecords(db) : null;
const FOLLOW_MS = 5_000;
const follow = () => {
  try {
    feed?.follow();
  } catch {
    // A busy or briefly unreadable file: the next answer catches up and reports what fails then.
  }
};
if (feed) setInterval(follow, FOLLOW_MS).unref();

function handle(req: InsightsRequest): unknown {
  switch (req.task) {
    case 'showReport':
      if (!showReads) throw new Error('no SQLite file to read');
      return audienceReport(showReads, req.input);
    case 'repurchase':
      return rankRepurchase(req.histories ?? (db ? memberHistories(db) : []), req.now, req.limit);
    case 'warm':
      return feed?.warm(req.timeZone) ?? null;
    case 'kpis':
      if (!feed) throw new Error('no SQLite file to read');
      return feed.kpis(req.rules, req.from, req.to, req.interval);
    case 'members': {
      const summaries = req.summaries ?? feed?.summaries(req.rules, req.now) ?? [];
      const page = memberPage(summaries, req.filter, req.sort, req.csv ? 0 : req.offset, req.csv ? Number.MAX_SAFE_INTEGER : req.limit, req.now);
      return req.csv ? membersCsv(page.members) : page;
    }
    case 'segmentMembers': {
      const summaries = req.summaries ?? feed?.summaries(req.rules, req.now) ?? [];
      return Object.fromEntries(req.segments.map((s) => [s.id, memberPage(summaries, s.filter, 'name', 0, Number.MAX_SAFE_INTEGER, req.now).members.map((m) => m.memberId)]));
    }
  }
}

parentPort!.on('message', async (req: InsightsRequest) => {
  let reply: InsightsReply;
  try {
    reply = { id: req.id, ok: true, result: await handle(req) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
