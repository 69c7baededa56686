/**
 * What a socket is handed when it joins a show (the `stream:join` ack), so
 * that a page refresh, a second tab or a late joiner starts where the others
 * are: the show's recent comments for everyone, and for a member their own
 * state in the show — today's check-in, the like cap, their claims on the
 * show's drops and their lottery entries.
 *
 * Read through the same paths in both modes, and cheap enough for 10,000
 * members joining at once (issue 10's bench), all read in parallel: the
 * check-in comes with the member state the join reads anyway; the like cap is one counter read
 * (Engine.hitCount); claims are one indexed store read of the member's
 * claims (with the engine's word for those still reserved); entries are one
 * engine read per lottery of the show, whose list is read at most once a
 * second per process (and again after a lottery changes on this one); the
 * comments are one read per show per event-loop turn, shared by every socket
 * that joined the room before it started.
 */
import type { CommentEvent, MemberShowState } from '../../shared/events.ts';
import type { MemberState } from '../../shared/models.ts';
import type { LotteryRecord } from '../../shared/perks.ts';
import { windowKey } from '../domain/keys.ts';
import { capState } from '../domain/limits.ts';
import type { ChatHistory } from '../engine/chat-history.ts';
import type { Engine } from '../engine/engine.ts';
import type { PerksEngine } from '../engine/perks-engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { DropService } from './drop-service.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';

/** How many of the member's newest claims are looked through for this show's (GET /api/me/claims reads as many). */
const CLAIMS_READ = 100;
/** How long a process reuses a show's list of lotteries (a lottery made on another process is seen within this). */
const LOTTERY_LIST_MS = 1_000;

export class JoinStateService {
  /** One history read per show at a time, shared by the joins that arrived before it started. */
  private readonly historyReads = new Map<string, Promise<CommentEvent[]>>();
  private readonly lotteryLists = new Map<string, { at: number; list: Promise<LotteryRecord[]> }>();

  constructor(
    private readonly engine: Engine,
    private readonly perks: PerksEngine,
    private readonly store: Store,
    private readonly chat: ChatHistory,
    private readonly drops: DropService,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly clock: Clock,
    events: DomainEvents,
  ) {
    // A lottery made or changed here is seen by the next join here at once; one made on another process within LOTTERY_LIST_MS.
    events.on('lottery', (lottery) => this.lotteryLists.delete(lottery.streamId));
  }

  /**
   * The show's newest comments, oldest first. Call it once the socket is in
   * the show's room: a comment made after the read started reaches it as a
   * push, so together nothing is missed (a screen keeps one of each id).
   */
  recentComments(streamId: string): Promise<CommentEvent[]> {
    let read = this.historyReads.get(streamId);
    if (!read) {
      // Deferred to the next turn, so the joins of this turn share it; it leaves the map as it starts,
      // so a join after that start never gets a read that began before it was in the room.
      read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.historyReads.delete(streamId);
        return this.chat.recent(streamId);
      });
      this.historyReads.set(streamId, read);
    }
    return read;
  }

  /** The member's state (as every member read gives it) and their own state in this show, read at once. */
  async forMember(streamId: string, memberId: string): Promise<{ me: MemberState; mine: MemberShowState }> {
    const rules = await this.rules.get();
    const [me, liked, claims, entries] = await Promise.all([
      this.points.memberState(memberId),
      this.engine.hitCount(windowKey.like(streamId, memberId), 0, this.clock()),
      this.claimsInShow(streamId, memberId),
      this.entriesInShow(streamId, memberId),
    ]);
    const mine: MemberShowState = {
      // The member state's check-in is today's (in the rules' time zone), as the check-in button knows it.
      checkin: { done: me.checkin !== null, streak: me.checkin?.streak ?? 0 },
      likes: capState(liked, rules.like.maxPerStream),
      claims,
      entries,
    };
    return { me, mine };
  }

  private async claimsInShow(streamId: string, memberId: string): Promise<MemberShowState['claims']> {
    const stored = await this.store.claimsOfMember(memberId, CLAIMS_READ);
    // Drop records are cached by the drop service: after a show's first joins this costs no read.
    const shows = await Promise.all(stored.map((c) => this.drops.record(c.dropId).then((d) => d.streamId, () => null)));
    const inShow = stored.filter((_, i) => shows[i] === streamId);
    // The store's copy of a reservation may trail the engine (Redis mode copies claim changes through an
    // outbox): for the ones still reserved there, the engine says whether they were confirmed or lapsed.
    const current = await Promise.all(inShow.map(async (c) => (c.status === 'reserved' ? ((await this.perks.claimById(c.id)) ?? c) : c)));
    // A refreshed page offers "Pay now" again: each claim comes with its checkout link or the seller's instructions.
    return Promise.all(current.map((c) => this.drops.withPayment(c)));
  }

  private async entriesInShow(streamId: string, memberId: string): Promise<MemberShowState['entries']> {
    const lotteries = await this.lotteriesOf(streamId);
    const found = await Promise.all(lotteries.map((l) => this.perks.entryOf(l.id, memberId)));
    return found.flatMap((entry) => (entry ? [{ lotteryId: entry.lotteryId, weight: entry.weight }] : []));
  }

  private lotteriesOf(streamId: string): Promise<LotteryRecord[]> {
    const now = this.clock();
    const known = this.lotteryLists.get(streamId);
    if (known && now - known.at < LOTTERY_LIST_MS && now >= known.at) return known.list;
    const list = this.store.lotteriesOfStream(streamId);
    // A failed read is not kept: the next join reads again.
    list.catch(() => this.lotteryLists.delete(streamId));
    if (this.lotteryLists.size >= 10_000) this.lotteryLists.clear();
    this.lotteryLists.set(streamId, { at: now, list });
    return list;
  }
}
