/**
 * ShowFactRecords on MongoDB (collections show_members, show_viewers,
 * show_peaks; `_id`s built from their keys). Thin: one bulkWrite per
 * collection per batch, with $inc, $max and $min doing the merging the
 * SQLite upserts do.
 */
import type { OrderFact, ShowWatch } from '../domain/insights/attribution.ts';
import type { MemberHistory } from '../insights/repurchase-ranking.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Redemption } from '../../shared/rewards.ts';
import type { Rules } from '../../shared/rules.ts';
import { KpiSweep } from '../domain/insights/kpi-sweep.ts';
import { summarize, type MemberRecordFacts } from '../domain/insights/member-summary.ts';
import { groupByMemberAsync, ledgerRunsAsync, mapped } from '../insights/by-member.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MongoModels, ShowMemberDoc, ShowViewerDoc } from './mongo-models.ts';
import type { ShowAudience, ShowFactRecords, ShowFactsBatch, ShowMemberRow } from './show-fact-records.ts';

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

  /** One pass over the ledger in member order, yielding to the event loop between members. */
  async kpiRows(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    const m = this.models();
    const orders = await this.ordersByMember();
    const redemptions = await groupByMemberAsync(
      mapped(m.redemptions.find({}, { memberId: 1, createdAt: 1, status: 1 }).lean().cursor(), (r) => ({ memberId: r.memberId, createdAt: r.createdAt, status: r.status as Redemption['status'] })),
    );
    const sweep = new KpiSweep(rules, from, to, interval);
    const seen = new Set<string>();
    for await (const [memberId, entries] of ledgerRunsAsync(this.ledgerByMember())) {
      sweep.addMember(entries, orders.get(memberId) ?? [], redemptions.get(memberId) ?? []);
      seen.add(memberId);
      await new Promise((r) => setImmediate(r));
    }
    for (const [memberId, list] of orders) if (!seen.has(memberId)) sweep.addMember([], list, redemptions.get(memberId) ?? []);
    return sweep.rows();
  }

  /** One pass over the ledger in member order, yielding to the event loop between members. */
  async memberSummaries(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): Promise<MemberSummary[]> {
    const m = this.models();
    const members = await m.members.find({}, { displayName: 1, createdAt: 1 }).lean<Array<{ _id: string; displayName: string; createdAt: number }>>().exec();
    const byId = new Map(members.map((d): [string, MemberRecordFacts] => [d._id, { memberId: d._id, displayName: d.displayName, createdAt: d.createdAt }]));
    const orders = await this.ordersByMember();
    const shows = await groupByMemberAsync(
      mapped(m.showMembers.find({ watchMs: { $gt: 0 } }).lean<ShowMemberDoc>().cursor(), (s) => ({ memberId: s.memberId, firstAt: s.firstAt, interactions: s.checkins + s.likes + s.comments })),
    );
    const summary = (member: MemberRecordFacts, entries: LedgerEntry[]) => summarize(member, entries, orders.get(member.memberId) ?? [], shows.get(member.memberId) ?? [], rules, now);
    const summaries = new Map<string, MemberSummary>();
    for await (const [memberId, entries] of ledgerRunsAsync(this.ledgerByMember())) {
      const member = byId.get(memberId);
      if (member) summaries.set(memberId, summary(member, entries));
      await new Promise((r) => setImmediate(r));
    }
    return [...byId.values()].map((member) => summaries.get(member.memberId) ?? summary(member, []));
  }

  private ordersByMember(): Promise<Map<string, OrderFact[]>> {
    const cursor = this.models().orders.find({}, { memberId: 1, paidAt: 1, amountCents: 1 }).lean().cursor();
    return groupByMemberAsync(mapped(cursor, (o) => ({ orderId: o._id, memberId: o.memberId, amountCents: o.amountCents, paidAt: o.paidAt })));
  }

  private ledgerByMember(): AsyncIterable<LedgerEntry> {
    const cursor = this.models().ledger.find({}).sort({ memberId: 1, at: 1, _id: 1 }).lean().cursor();
    return mapped(cursor, (e) => ({ id: e._id, key: e.key, memberId: e.memberId, delta: e.delta, reason: e.reason, streamId: e.streamId ?? null, at: e.at }));
  }

  async ordersOf(memberIds: string[], from: number, to: number): Promise<OrderFact[]> {
    const docs = await this.models().orders.find({ memberId: { $in: memberIds }, paidAt: { $gte: from, $lte: to } }).lean().exec();
    return docs.map((d) => ({ orderId: d._id, memberId: d.memberId, amountCents: d.amountCents, paidAt: d.paidAt }));
  }
}
