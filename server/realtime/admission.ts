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
 * O(1) per event: a counter, and a flag the sampler sets. The event-loop delay
 * is perf_hooks' monitorEventLoopDelay (a libuv timer, not per event), read and
 * reset every SAMPLE_MS; its worst delay in that window decides the next one.
 * The in-flight bound covers every wait behind an event — group commit in
 * embedded mode, Redis round trips in Redis mode — so the commands waiting on
 * a Redis client are bounded by it too.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { refused } from '../errors.ts';
import type { AppError } from '../errors.ts';

export interface AdmissionLimits {
  /** Events admitted and not yet acked, at most (ADMISSION_EVENTS_IN_FLIGHT). */
  eventsInFlight: number;
  /** Refuse while the event loop's worst delay in the last window passed this (ADMISSION_LOOP_DELAY_MS). */
  loopDelayMs: number;
  /** What a refused client is told to wait (ADMISSION_RETRY_AFTER_MS). */
  retryAfterMs: number;
}

/** Why an event was refused: the label of frontrow_admission_refusals_total. */
export type BusyReason = 'events_in_flight' | 'event_loop_delay';

/** The loop-delay window: long enough to hold a few of the monitor's samples, short enough to recover quickly. */
export const SAMPLE_MS = 250;
const RESOLUTION_MS = 10;
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
  private readonly monitor: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly onRefused: (reason: BusyReason) => void = () => undefined,
  ) {}

  /** Starts sampling the event loop (until `stop`). */
  start(): void {
    if (this.timer) return;
    this.monitor.enable();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.monitor.disable();
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
    return refused('server.busy', undefined, { retryAfterMs: this.limits.retryAfterMs, reason: 'server.busy' });
  }

  release(): void {
    this.inFlight--;
  }

  /** For /metrics: events running now, and the loop's worst delay in the last window (ms). */
  figures(): { inFlight: number; loopDelayMs: number } {
    return { inFlight: this.inFlight, loopDelayMs: this.lastDelayMs };
  }

  private sample(): void {
    // The histogram holds the time between the monitor's timer runs, in nanoseconds: its resolution plus the delay.
    this.lastDelayMs = this.monitor.count > 0 ? Math.max(0, this.monitor.max / 1e6 - RESOLUTION_MS) : 0;
    this.monitor.reset();
    this.loopLate = this.lastDelayMs > this.limits.loopDelayMs;
  }
}
