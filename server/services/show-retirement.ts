/**
 * Ended shows leave the engine's memory (issue 10: Redis memory follows live
 * activity, not history).
 *
 * - When a show ends (the `stream` domain event in the process that ended
 *   it), the engine is told to retire it: its hot state may leave once the
 *   retention (SHOW_RETENTION_SECONDS) is over.
 * - A periodic sweep, in every process, retires any show that ended recently
 *   but was not retired (the process crashed between the end and the
 *   retirement, or Redis did not answer), then purges the retired shows whose
 *   retention is over: their keys, their settled drops and drawn lotteries
 *   (whose final state is in the store), and the idempotency records of their
 *   watch time, chests, likes, comments, shares and lottery entries.
 *
 * Every step is idempotent, so processes sweeping at once, or a sweep
 * interrupted half-way, change nothing. A replay of a purged key cannot pay
 * twice: every event carrying one is refused before the engine (the show is
 * not live: NOT_LIVE; the lottery is closed), which is why only those keys are
 * purged. SqliteEngine keeps its state (on disk), so there this does nothing.
 */
import { lotteryLedgerKeyPrefix, showLedgerKeyPrefixes } from '../domain/keys.ts';
import type { Engine } from '../engine/engine.ts';
import type { PerksEngine } from '../engine/perks-engine.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { Stream } from '../../shared/models.ts';

/** How often each process sweeps (wall clock). */
export const RETIREMENT_SWEEP_MS = 60_000;
/**
 * How far past its retention a show that was never retired is still caught by
 * the sweep; also how long a purged show is remembered as purged (so the
 * catch-up does not purge it again). A process down for longer than this
 * leaves such a show to the Redis-clock expiry of its keys.
 */
export const CATCH_UP_MS = 7 * 86_400_000;
/** Shows purged per sweep: a sweep stays short, the next one takes the rest. */
const PURGES_PER_SWEEP = 20;

export class ShowRetirement {
  private readonly timer = new Periodic(() => this.sweep());
  private readonly onStream = (stream: Stream) => {
    if (stream.status === 'ended') void this.retire(stream);
  };

  constructor(
    private readonly engine: Engine,
    private readonly perks: PerksEngine,
    private readonly store: Store,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly retentionMs: number,
  ) {}

  start(everyMs = RETIREMENT_SWEEP_MS): void {
    this.events.on('stream', this.onStream);
    this.timer.start(everyMs);
  }

  /** Stops listening and sweeping; waits for a sweep in flight, so nothing touches the engine after it closes. */
  async stop(): Promise<void> {
    this.events.off('stream', this.onStream);
    await this.timer.stop();
  }

  /** One pass: catch up on unretired shows, then purge what is due. A failure is logged; the next pass retries. */
  async sweep(): Promise<void> {
    try {
      const now = this.clock();
      const since = now - this.retentionMs - CATCH_UP_MS;
      for (const stream of await this.store.listStreams('ended')) {
        if (stream.endedAt !== null && stream.endedAt >= since) await this.engine.retireShow(stream.id, stream.endedAt, this.retentionMs);
      }
      for (const streamId of await this.engine.showsToPurge(now, PURGES_PER_SWEEP)) await this.purge(streamId, now);
    } catch (err) {
      warnUnlessOutage(this.log, err, {}, 'show retirement sweep failed');
    }
  }

  private async retire(stream: Stream): Promise<void> {
    try {
      await this.engine.retireShow(stream.id, stream.endedAt ?? this.clock(), this.retentionMs);
    } catch (err) {
      // The sweep catches it up.
      warnUnlessOutage(this.log, err, { streamId: stream.id }, 'could not retire an ended show; the sweep will');
    }
  }

  private async purge(streamId: string, now: number): Promise<void> {
    // Every change so far reaches the store before any of it leaves the engine.
    await this.engine.flush();
    const [drops, lotteries] = await Promise.all([this.store.dropsOfStream(streamId), this.store.lotteriesOfStream(streamId)]);
    const kept: string[] = [];
    for (const drop of drops) if (!(await this.perks.forgetDrop(drop.id))) kept.push(drop.id);
    // Only drawn or cancelled lotteries: an open one may still be drawn, and its draw reads the entries here.
    for (const lottery of lotteries) if (!(lottery.status !== 'open' && (await this.perks.forgetLottery(lottery.id)))) kept.push(lottery.id);
    // A lottery's paid entries are refused again by its entries (kept while open) or by its closed status, so their keys can go;
    // so can a cancelled one's refund keys (a retried cancel of a forgotten lottery refunds nothing: LotteryService.closeEntries).
    const prefixes = [...showLedgerKeyPrefixes(streamId), ...lotteries.map((l) => lotteryLedgerKeyPrefix(l.id))];
    await this.engine.purgeShow(streamId, prefixes, now - CATCH_UP_MS);
    const context = { streamId, drops: drops.length, lotteries: lotteries.length, kept };
    if (kept.length > 0 && this.perks.kind === 'redis') this.log.warn(context, 'ended show purged; drops not settled or lotteries not drawn stay in Redis');
    else this.log.info(context, 'ended show purged from the engine');
  }
}
