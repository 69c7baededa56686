/**
 * How often a read asked for by pushes goes out. A like storm brings a
 * `points` push per like; each asks for the member's missions again, and
 * GET /api/missions must not follow each one. The gate folds the asks into
 * reads at least `gapMs` apart (trailing: the asks of a burst become one read
 * at its end, or one per gap while it lasts). A read answers an ask at least
 * `settleMs` after it — the server counts an event a moment after pushing its
 * points — and an ask folded into a read that came too soon after it gets one
 * more read, a gap later, so the last like of a storm is always seen.
 * No timers of its own: the store's are given (tests run on a fake clock).
 */
import type { BaseDeps } from '../../common/app-store.ts';

type Timers = Pick<BaseDeps, 'now' | 'setTimeout' | 'clearTimeout'>;

export class RefreshGate {
  private timer: unknown = null;
  private lastRunAt = -Infinity;
  private lastAskAt = -Infinity;

  constructor(
    private readonly run: () => void,
    private readonly timers: Timers,
    private readonly gapMs: number,
    private readonly settleMs: number,
  ) {}

  /**
   * A read soon. `settle` false: nothing the server is still counting (a
   * (re)join), so no wait beyond the gap.
   */
  ask(settle = true): void {
    const now = this.timers.now();
    if (settle) this.lastAskAt = now;
    if (this.timer === null) this.schedule(now, settle ? this.settleMs : 0);
  }

  /** Forgets what was asked (the room left). */
  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(now: number, wait: number): void {
    const at = Math.max(now + wait, this.lastRunAt + this.gapMs);
    this.timer = this.timers.setTimeout(() => this.fire(), at - now);
  }

  private fire(): void {
    const now = this.timers.now();
    this.timer = null;
    this.lastRunAt = now;
    this.run();
    if (now - this.lastAskAt < this.settleMs) this.schedule(now, this.settleMs);
  }
}
