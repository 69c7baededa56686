/**
 * Admission control for socket events (issue 10: graceful under overload).
 * Before an event runs, `handle` asks `admit()`: when this process already has
 * as many events in flight as it may (arrived, not yet acked), or its event
 * loop has been running late by more than the limit, the event is refused at
 * once — UNAVAILABLE, `server.busy`, with `retryAfterMs` — having run nothing.
 * Refusing is far cheaper than doing, so a flood past capacity costs about
 * what a bare Socket.IO server pays per event, and the loop keeps time for
 * pings and /healthz instead of queueing work without bound.
 *
 * O(1) per event: a counter, and a flag a timer sets. The event-loop delay is
 * how late a TICK_MS timer fires (50 callbacks a second, nothing per event);
 * any tick later than the limit marks the loop late at once, and the worst
 * tick of each SAMPLE_MS window decides the next window. (Not perf_hooks'
 * monitorEventLoopDelay: after its reset() it drops the next interval, so the
 * stall that just ended — the one that matters — went unseen.)
 * The in-flight bound covers every wait behind an event — group commit in
 * embedded mode, Redis round trips in Redis mode — so the commands waiting on
 * a Redis client are bounded by it too.
 */
import { refused, type AppError } from '../errors.ts';

export interface AdmissionLimits {
  /** Events admitted and not yet acked, at most (ADMISSION_EVENTS_IN_FLIGHT). */
  eventsInFlight: number;
  /** Refuse while the event loop's worst delay in the last window passed this (ADMISSION_LOOP_DELAY_MS). */
  loopDelayMs: number;
  /** What a refused client is told to wait, at least (ADMISSION_RETRY_AFTER_MS; up to twice it, see retryAfterMs). */
  retryAfterMs: number;
}

/** Why an event was refused: the label of frontrow_admission_refusals_total. */
export type BusyReason = 'events_in_flight' | 'event_loop_delay';

/** The loop-delay window: a dozen ticks, and short enough that admission reopens soon after a stall ends. */
export const SAMPLE_MS = 250;
const TICK_MS = 20;
/**
 * A late loop refuses events only while at least this many are in hand: with
 * fewer, the delay is not their doing (a GC pause, another process on the
 * core, a test runner's own work) and refusing them would mend nothing.
 */
export const LOOP_DELAY_FLOOR = 16;

export class Admission {
  private inFlight = 0;
  private loopLate = false;
  private lastDelayMs = 0;
  private windowWorstMs = 0;
  private windowStart = 0;
  private lastTick = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly onRefused: (reason: BusyReason) => void = () => undefined,
  ) {}

  /** Starts sampling the event loop (until `stop`). */
  start(): void {
    if (this.timer) return;
    this.lastTick = this.windowStart = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * null: the event may run, and `release()` must follow once it is acked.
   * Otherwise the refusal to ack with (nothing was counted).
   */
  admit(): AppError | null {
    const reason: BusyReason | null =
      this.inFlight >= this.limits.eventsInFlight
        ? 'events_in_flight'
        : this.loopLate && this.inFlight >= LOOP_DELAY_FLOOR
          ? 'event_loop_delay'
          : null;
    if (reason === null) {
      this.inFlight++;
      return null;
    }
    this.onRefused(reason);
    // `reason` names the refusal for clients and tests (every UNAVAILABLE says when to retry; only this one says why).
    return refused('server.busy', undefined, { retryAfterMs: this.retryAfterMs(), reason: 'server.busy' });
  }

  /**
   * Between the setting and twice it, at random: refused together, told the same wait, a crowd comes back
   * together and brings the next stall with it (the 5,000-member bench saw that rhythm every retryAfterMs).
   */
  private retryAfterMs(): number {
    return Math.round(this.limits.retryAfterMs * (1 + Math.random()));
  }

  release(): void {
    this.inFlight--;
  }

  /** For /metrics: events running now, and the loop's worst delay in the last full window (ms). */
  figures(): { inFlight: number; loopDelayMs: number } {
    return { inFlight: this.inFlight, loopDelayMs: this.lastDelayMs };
  }

  private tick(): void {
    const now = performance.now();
    const lateMs = Math.max(0, now - this.lastTick - TICK_MS);
    this.lastTick = now;
    this.windowWorstMs = Math.max(this.windowWorstMs, lateMs);
    if (lateMs > this.limits.loopDelayMs) this.loopLate = true;
    if (now - this.windowStart < SAMPLE_MS) return;
    this.lastDelayMs = this.windowWorstMs;
    this.loopLate = this.windowWorstMs > this.limits.loopDelayMs;
    this.windowWorstMs = 0;
    this.windowStart = now;
  }
}
