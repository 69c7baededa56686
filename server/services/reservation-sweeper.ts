/**
 * Returns the stock of lapsed drop reservations, periodically, in every
 * process (the engine's expiry is atomic and idempotent, so processes racing
 * on one drop return each unit once). Started and stopped by app.ts; the
 * stock changes go out as domain events, which realtime relays to the rooms.
 */
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { Clock } from './clock.ts';
import type { DropService } from './drop-service.ts';
import type { StreamService } from './stream-service.ts';

/** How often each process sweeps. */
export const EXPIRY_SWEEP_MS = 2000;
/** The longest reservation a drop may have (CreateDropBody.reservationSeconds ≤ 86,400). */
const MAX_RESERVATION_MS = 86_400_000;

export class ReservationSweeper {
  private readonly timer = new Periodic(() => this.sweep());

  constructor(
    private readonly streams: StreamService,
    private readonly drops: DropService,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Sweeps every `everyMs` of wall-clock time; a sweep still running is not started twice. */
  start(everyMs = EXPIRY_SWEEP_MS): void {
    this.timer.start(everyMs);
  }

  /** Stops sweeping and waits for a sweep in flight, so nothing touches the engine after it closes. */
  stop(): Promise<void> {
    return this.timer.stop();
  }

  /** One pass over the shows that can hold reservations; a failure is logged and retried next time. */
  async sweep(): Promise<void> {
    try {
      for (const streamId of await this.showsWithReservations()) await this.drops.expireReservations(streamId);
    } catch (err) {
      warnUnlessOutage(this.log, err, {}, 'reservation sweep failed');
    }
  }

  /** Live shows, and shows that ended recently enough to hold a reservation (they last at most a day). */
  private async showsWithReservations(): Promise<string[]> {
    const since = this.clock() - MAX_RESERVATION_MS;
    const [live, ended] = await Promise.all([this.streams.list('live'), this.streams.list('ended')]);
    return [...live, ...ended.filter((x) => (x.endedAt ?? 0) >= since)].map((x) => x.id);
  }
}
