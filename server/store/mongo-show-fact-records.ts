/**
 * ShowFactRecords on MongoDB (collections show_members, show_viewers,
 * show_peaks; `_id`s built from their keys). Thin: one bulkWrite per
 * collection per batch, with $inc, $max and $min doing the merging the
 * SQLite upserts do.
 */
import type { OrderFact, ShowWatch } from '../domain/insights/attribution.ts';
import type { MemberHistory } from '../insights/repurchase-ranking.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { Redemption } from '../../shared/rewards.ts';
import type { Rules } from '../../shared/rules.ts';
import { InsightFacts, type RecentShows } from '../domain/insights/insight-facts.ts';
import type { MemberRecordFacts } from '../domain/insights/member-summary.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MongoModels, ShowMemberDoc, ShowViewerDoc } from './mongo-models.ts';
import type { ShowAudience, ShowFactRecords, ShowFactsBatch, ShowMemberRow } from './show-fact-records.ts';

const DAYS_90 = 90 * 86_400_000;

export class MongoShowFactRecords implements ShowFactRecords {
  constructor(private readonly models: () => MongoModels) {}

  async recordShowFacts(batch: ShowFactsBatch): Promise<void> {
    const m = this.models();
    const members = batch.members.map((d) => ({
      updateOne: {
        filter: { _id: `${d.streamId}|${d.memberId}` },
        update: {
          $setOnInsert: { streamId: d.streamId, memberId: d.memberId },
          $max: { watchMs: d.watchMs, lastAt: d.lastAt },
          $min: { firstAt: d.firstAt },
          $inc: { checkins: d.checkins, likes: d.likes, comments: d.comments },
        },
        upsert: true,
      },
    }));
    const viewers = [
      ...batch.viewers.map((v) => ({ key: v.viewerKey, streamId: v.streamId, memberId: v.memberId, at: v.at })),
      ...batch.conversions.map((c) => ({ key: `m:${c.memberId}`, streamId: c.streamId, memberId: c.memberId, at: c.at })),
    ].map((v) => ({
      updateOne: {
        filter: { _id: `${v.streamId}|${v.key}` },
        update: { $setOnInsert: { streamId: v.streamId, memberId: v.memberId, guest: v.memberId === null && v.key.startsWith('g:'), firstAt: v.at, convertedAt: null } },
        upsert: true,
      },
    }));
    const conversions = batch.conversions.map((c) => ({
      updateOne: { filter: { _id: `${c.streamId}|${c.viewerKey}`, guest: true, convertedAt: null }, update: { $set: { convertedAt: c.at } } },
    }));
    const peaks = batch.peaks.map((p) => ({ updateOne: { filter: { _id: p.streamId }, update: { $max: { peak: p.viewers } }, upsert: true } }));
    if (members.length > 0) await m.showMembers.bulkWrite(members, { ordered: false });
    if (viewers.length > 0) await m.showViewers.bulkWrite(viewers, { ordered: false });
    if (conversions.length > 0) await m.showViewers.bulkWrite(conversions, { ordered: false });
    if (peaks.length > 0) await m.showPeaks.bulkWrite(peaks, { ordered: false });
  }

  async showAudience(streamId: string, newFrom: number, newTo: number): Promise<ShowAudience> {
    const m = this.models();
    const viewers = await m.showViewers.find({ streamId }).lean<ShowViewerDoc[]>().exec();
    const memberIds = [...new Set(viewers.flatMap((v) => (v.memberId ? [v.memberId] : [])))];
    const guests = viewers.filter((v) => v.guest);
    const stayedGuests = guests.filter((v) => v.convertedAt === null).length;
    const newMembers = memberIds.length === 0 ? 0 : await m.members.countDocuments({ _id: { $in: memberIds }, createdAt: { $gte: newFrom, $lt: newTo } }).exec();
    const peak = (await m.showPeaks.findById(streamId).lean<{ peak: number }>().exec())?.peak ?? 0;
    return { viewers: memberIds.length + stayedGuests, peak, members: memberIds.length, guests: guests.length, guestsConverted: guests.length - stayedGuests, newMembers };
  }

  async showMembers(streamId: string): Promise<ShowMemberRow[]> {
    const docs = await this.models().showMembers.find({ streamId }).lean<ShowMemberDoc[]>().exec();
    return docs.map(({ _id, ...row }) => row);
  }

  async watchesOf(memberIds: string[], from: number, to: number): Promise<ShowWatch[]> {
    const docs = await this.models().showMembers.find({ memberId: { $in: memberIds }, firstAt: { $gte: from, $lte: to } }).lean<ShowMemberDoc[]>().exec();
    return docs.map(({ memberId, streamId, watchMs, firstAt, lastAt }) => ({ memberId, streamId, watchMs, firstAt, lastAt }));
  }

  async memberHistories(): Promise<MemberHistory[]> {
    const m = this.models();
    const byId = new Map<string, MemberHistory>();
    for await (const doc of m.members.find({}, { displayName: 1 }).lean<{ _id: string; displayName: string }>().cursor()) {
      byId.set(doc._id, { memberId: doc._id, displayName: doc.displayName, orders: [], shows: [] });
    }
    for await (const o of m.orders.find({}, { memberId: 1, paidAt: 1, amountCents: 1 }).lean().cursor()) byId.get(o.memberId)?.orders.push([o.paidAt, o.amountCents]);
    for await (const s of m.showMembers.find({ watchMs: { $gt: 0 } }).lean<ShowMemberDoc>().cursor()) {
      byId.get(s.memberId)?.shows.push([s.firstAt, s.lastAt, s.checkins + s.likes + s.comments]);
    }
    return [...byId.values()];
  }

  /** The KPI rows from the history folded into InsightFacts, yielding to the event loop as the cursors stream. */
  async kpiRows(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    const facts = await this.facts(rules.timezone);
    const redemptions: Array<Pick<Redemption, 'memberId' | 'createdAt' | 'status'>> = [];
    for await (const r of this.models().redemptions.find({}, { memberId: 1, createdAt: 1, status: 1 }).lean().cursor()) {
      redemptions.push({ memberId: r.memberId, createdAt: r.createdAt, status: r.status as Redemption['status'] });
    }
    return facts.kpis(rules, from, to, interval, redemptions);
  }

  /** Every member's summary at `now` from the folded history and the last 90 days' shows. */
  async memberSummaries(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): Promise<MemberSummary[]> {
    const m = this.models();
    const members = await m.members.find({}, { displayName: 1, createdAt: 1 }).lean<Array<{ _id: string; displayName: string; createdAt: number }>>().exec();
    const records = members.map((d): MemberRecordFacts => ({ memberId: d._id, displayName: d.displayName, createdAt: d.createdAt }));
    const facts = await this.facts(rules.timezone);
    const recent = new Map<string, RecentShows>();
    const shows = m.showMembers.find({ watchMs: { $gt: 0 }, firstAt: { $gte: now - DAYS_90, $lte: now } }).lean<ShowMemberDoc>().cursor();
    for await (const s of shows) {
      const r = recent.get(s.memberId) ?? { shows: 0, interactions: 0 };
      recent.set(s.memberId, { shows: r.shows + 1, interactions: r.interactions + s.checkins + s.likes + s.comments });
    }
    return facts.summaries(records, (id) => recent.get(id), rules, now);
  }

  async ledgerSize(): Promise<number> {
    return this.models().ledger.estimatedDocumentCount();
  }

  /** The whole ledger and every order folded into facts, a cursor at a time. */
  private async facts(timeZone: string): Promise<InsightFacts> {
    const m = this.models();
    const facts = new InsightFacts(timeZone);
    let n = 0;
    for await (const e of m.ledger.find({}, { memberId: 1, delta: 1, reason: 1, at: 1 }).lean().cursor()) {
      facts.addEntry({ memberId: e.memberId, delta: e.delta, reason: e.reason, at: e.at });
      if (++n % 5_000 === 0) await new Promise((r) => setImmediate(r));
    }
    for await (const o of m.orders.find({}, { memberId: 1, paidAt: 1, amountCents: 1 }).lean().cursor()) facts.addOrder(o);
    return facts;
  }

  async ordersOf(memberIds: string[], from: number, to: number): Promise<OrderFact[]> {
    const docs = await this.models().orders.find({ memberId: { $in: memberIds }, paidAt: { $gte: from, $lte: to } }).lean().exec();
    return docs.map((d) => ({ orderId: d._id, memberId: d.memberId, amountCents: d.amountCents, paidAt: d.paidAt }));
  }
}
