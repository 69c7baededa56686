/**
 * The audience's part of a show's report (issue 15): the reads that grow
 * with the show's audience — its viewers, its members' watching, their
 * orders and their other shows for attribution — and the report computed
 * from them (domain/insights/show-report.ts). Written once for both places
 * it runs: the insights worker on its own connection to the SQLite file
 * (so a show of 60,000 members never holds the app's event loop), and the
 * app itself with MongoDB, whose reads are asynchronous already.
 */
import type { ShowReport } from '../../shared/insights.ts';
import type { AttributionRule } from '../domain/insights/attribution.ts';
import { showReport, type ShowFacts } from '../domain/insights/show-report.ts';
import type { ShowFactRecords } from '../store/show-fact-records.ts';

export type AudienceReads = Pick<ShowFactRecords, 'showAudience' | 'showMembers' | 'ordersOf' | 'watchesOf'>;

/** What the report needs besides its audience, read by the app: the show, the rule, its drops and lottery entries, the previous show's report. */
export interface ReportInput {
  stream: { id: string; start: number; end: number };
  rule: AttributionRule;
  drops: ShowFacts['drops'];
  lotteryEntries: number;
  previous: ShowReport | null;
}

export async function audienceReport(reads: AudienceReads, input: ReportInput): Promise<ShowReport> {
  const { stream, rule } = input;
  const windowMs = rule.windowHours * 3_600_000;
  const [audience, members] = await Promise.all([reads.showAudience(stream.id, stream.start, stream.end + 1), reads.showMembers(stream.id)]);
  const memberIds = members.map((m) => m.memberId);
  const [orders, watches] = await Promise.all([
    reads.ordersOf(memberIds, stream.start, stream.end + windowMs),
    reads.watchesOf(memberIds, stream.start - windowMs, stream.end + windowMs),
  ]);
  const facts: ShowFacts = {
    streamId: stream.id,
    viewersTotal: audience.viewers,
    viewersPeak: audience.peak,
    members: audience.members,
    newMembers: audience.newMembers,
    guests: audience.guests,
    guestsConverted: audience.guestsConverted,
    watch: members,
    checkins: sum(members.map((m) => m.checkins)),
    likes: sum(members.map((m) => m.likes)),
    comments: sum(members.map((m) => m.comments)),
    drops: input.drops,
    lotteryEntries: input.lotteryEntries,
  };
  return showReport(facts, { orders, watches }, rule, input.previous);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
