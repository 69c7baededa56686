/**
 * Drawing a lottery (issue 12). With a beacon (v2): the host's draw freezes
 * the entries and publishes their hash with a drand round that has not been
 * emitted yet; once that round is out, the winners follow from the committed
 * seed mixed with its randomness — so neither the operator (who knows the
 * seed) nor an entrant (who could know the round) can steer them. Without a
 * beacon (LOTTERY_BEACON=none): v1, the seed alone, drawn at once.
 *
 * A frozen draw is finished by whichever comes first: the host drawing again,
 * or this process's sweep once the round is due. Finishing is deterministic
 * (same seed, entries and round → same proof) and stored by compare-and-set,
 * so two processes finishing one draw publish the same winners.
 */
import { withInvites, type InviteProof } from '../../shared/domain/invite-entries.ts';
import type { LotteryInvites } from './lottery-invites.ts';
import { drawRoundFor, roundTimeMs } from '../../shared/drand-chain.ts';
import {
  LOTTERY_ALGORITHM,
  LOTTERY_ALGORITHM_V2,
  drawOrder,
  entriesHashOf,
  sortEntries,
  v2DrawKey,
  type LotteryEntryPair,
  type LotteryProof,
} from '../../shared/lottery-proof.ts';
import type { LotteryEntry, LotteryFreeze, LotteryRecord } from '../../shared/perks.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { PerksEngine } from '../engine/perks-engine.ts';
import { AppError, refused } from '../errors.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { RandomnessBeacon } from './drand-relays.ts';

/** How often each process looks at the draws it is waiting on. */
export const PENDING_DRAW_SWEEP_MS = 1000;

export type Drawn = { record: LotteryRecord; proof: LotteryProof };
/** A draw's outcome: drawn, or frozen and waiting for its round. */
export type DrawOutcome = Drawn | { record: LotteryRecord; proof: null };

export class LotteryDraws {
  /** Frozen draws this process will finish (loaded from the store at start: a restart loses none). */
  private readonly pending = new Set<string>();
  private readonly timer = new Periodic(() => this.sweep());

  constructor(
    private readonly perks: PerksEngine,
    private readonly store: Store,
    private readonly invites: LotteryInvites,
    private readonly beacon: RandomnessBeacon | null,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Tells the rooms: the entries froze (proof null) or the winners are in. */
    private readonly announce: (record: LotteryRecord, proof: LotteryProof | null) => Promise<void>,
  ) {}

  get version(): 1 | 2 {
    return this.beacon ? 2 : 1;
  }

  async start(everyMs = PENDING_DRAW_SWEEP_MS): Promise<void> {
    if (!this.beacon) return;
    for (const r of await this.store.lotteriesDrawing()) this.pending.add(r.id);
    this.timer.start(everyMs);
  }

  stop(): Promise<void> {
    return this.timer.stop();
  }

  /** The host's draw: v1 at once; v2 freezes an open lottery, then finishes it if its round is out. */
  async draw(record: LotteryRecord): Promise<DrawOutcome> {
    if (!this.beacon) return this.drawV1(record);
    const frozen = record.status === 'drawing' ? record : await this.freeze(record);
    // Frozen by this process or another: this one sweeps it too from now on, so a dead process strands nothing.
    this.pending.add(frozen.id);
    try {
      return (await this.finish(frozen)) ?? { record: frozen, proof: null };
    } catch (err) {
      if (err instanceof AppError) throw err;
      // The relays did not answer: the draw stays frozen on its round, and the sweep keeps asking.
      warnUnlessOutage(this.log, err, { lotteryId: frozen.id }, 'the beacon round could not be fetched yet');
      return { record: frozen, proof: null };
    }
  }

  /** Finishes every waiting draw whose round is due; a failure is logged and retried next sweep. */
  async sweep(): Promise<void> {
    for (const id of [...this.pending]) {
      try {
        const found = await this.store.lotteryById(id);
        if (!found || found.record.status !== 'drawing') {
          this.pending.delete(id);
          continue;
        }
        if (found.record.freeze && this.clock() >= found.record.freeze.roundAt) await this.finish(found.record);
      } catch (err) {
        warnUnlessOutage(this.log, err, { lotteryId: id }, 'finishing a lottery draw failed');
      }
    }
  }

  private async drawV1(record: LotteryRecord): Promise<Drawn> {
    const closed = await this.perks.closeLottery(record.id);
    const friends = await this.friendsAsOf(record, closed, this.clock());
    const { sorted, invites } = weighed(record, closed, friends);
    const entriesHash = await entriesHashOf(sorted);
    const order = await drawOrder(record.seed, sorted, entriesHash);
    const proof: LotteryProof = {
      algorithm: LOTTERY_ALGORITHM,
      lotteryId: record.id,
      commitment: record.commitment,
      seed: record.seed,
      winnerCount: record.winners,
      entries: sorted,
      entriesHash,
      winners: order.slice(0, record.winners),
      ...(invites ? { invites } : {}),
    };
    return this.store_(record, proof);
  }

  /** Closes entries and publishes their hash with the round that will draw them: a round not emitted yet. */
  private async freeze(record: LotteryRecord): Promise<LotteryRecord> {
    // Before anything closes: without the chain's info no round can be named, and nothing should change.
    const chain = await this.beacon!.chain().catch((err: unknown) => {
      throw new AppError(ErrorCode.UNAVAILABLE, `no drand relay answered with the beacon chain's info: ${err instanceof Error ? err.message : String(err)}`, 'lotteryId');
    });
    const closed = await this.perks.closeLottery(record.id);
    const frozenAt = this.clock();
    const friends = await this.friendsAsOf(record, closed, frozenAt);
    const { sorted } = weighed(record, closed, friends);
    const round = drawRoundFor(chain, frozenAt);
    const freeze: LotteryFreeze = {
      frozenAt,
      entriesHash: await entriesHashOf(sorted),
      entryCount: sorted.length,
      round,
      roundAt: roundTimeMs(chain, round),
      chain,
      ...(friends ? { invitedFriends: friends } : {}),
    };
    const after = await this.store.freezeLottery(record.id, freeze);
    if (!after) throw refused('lottery.notFound', 'lotteryId');
    if (after.status === 'cancelled') throw refused('lottery.cancelled', 'lotteryId');
    if (after.status === 'drawing') {
      this.pending.add(after.id);
      // Announced by whoever froze it; a second host's draw just waits on the same round.
      if (after.freeze?.frozenAt === frozenAt && after.freeze.entriesHash === freeze.entriesHash) await this.announce(after, null);
    }
    return after;
  }

  /** The proof once the round is out (null: not yet); stored by compare-and-set, so every finisher publishes the first. */
  private async finish(record: LotteryRecord): Promise<Drawn | null> {
    if (record.status === 'drawn') {
      const found = await this.store.lotteryById(record.id);
      return found?.proof ? { record: found.record, proof: found.proof } : null;
    }
    const freeze = record.freeze;
    if (!freeze) throw new Error(`lottery ${record.id}: drawing without a freeze`);
    const beacon = await this.beacon!.round(freeze.round);
    if (!beacon) return null;
    const { sorted, invites } = weighed(record, await this.frozenEntries(record.id), freeze.invitedFriends ?? null);
    const entriesHash = await entriesHashOf(sorted);
    if (entriesHash !== freeze.entriesHash) {
      // Entries are closed before the freeze, so this means a store or engine lost or gained one: never draw on it.
      throw new AppError(ErrorCode.INTERNAL, `lottery ${record.id}: the entries no longer match their frozen hash`);
    }
    const order = await drawOrder(await v2DrawKey(record.seed, beacon.randomness), sorted, entriesHash);
    const proof: LotteryProof = {
      algorithm: LOTTERY_ALGORITHM_V2,
      lotteryId: record.id,
      commitment: record.commitment,
      seed: record.seed,
      winnerCount: record.winners,
      entries: sorted,
      entriesHash,
      frozenAt: freeze.frozenAt,
      odds: record.settings?.odds ?? 'tier',
      beacon: { chain: freeze.chain, ...beacon },
      order,
      winners: order.slice(0, record.winners),
      ...(invites ? { invites } : {}),
    };
    const drawn = await this.store_(record, proof);
    this.pending.delete(record.id);
    return drawn;
  }

  /** Invite-to-win: each entrant's friends whose referral paid from the lottery's creation to `until`; null without invite entries. */
  private async friendsAsOf(record: LotteryRecord, closed: LotteryEntry[], until: number): Promise<Record<string, string[]> | null> {
    if (!record.settings?.inviteEntries) return null;
    return this.invites.friendsOf(closed.map((e) => e.memberId), record.createdAt, until);
  }

  /** The closed entries from the engine, or from the durable copy if the engine forgot them (its show retired). */
  private async frozenEntries(lotteryId: string): Promise<LotteryEntry[]> {
    try {
      return await this.perks.closeLottery(lotteryId);
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) return this.store.lotteryEntries(lotteryId);
      throw err;
    }
  }

  private async store_(record: LotteryRecord, proof: LotteryProof): Promise<Drawn> {
    // Compare-and-set: if two hosts (or processes) draw at once, both publish the first stored proof.
    const stored = await this.store.recordDraw(record.id, proof, this.clock());
    // null: unknown, or a cancel won the race (it closed the entries too).
    if (!stored) throw refused((await this.store.lotteryById(record.id)) ? 'lottery.cancelled' : 'lottery.notFound', 'lotteryId');
    // Every finisher announces: a second announcement of the same winners changes nothing on screen.
    await this.announce(stored.record, stored.proof);
    return stored;
  }
}

/** The entries sorted for the draw, each weighing its base plus its invite entries when the lottery has them (shared/domain/invite-entries.ts). */
function weighed(record: LotteryRecord, closed: LotteryEntry[], friends: Record<string, string[]> | null): { sorted: LotteryEntryPair[]; invites?: InviteProof } {
  const sorted = sortEntries(closed.map((e): LotteryEntryPair => [e.memberId, e.weight]));
  const rule = record.settings?.inviteEntries;
  if (!rule) return { sorted };
  const { entries, invites } = withInvites(sorted, friends ?? {}, rule);
  return { sorted: entries, invites };
}
