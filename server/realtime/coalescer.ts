/**
 * Coalesces high-frequency room updates (presence, leaderboards, stock left,
 * entry counts): a key (a show, a drop, a lottery) marked dirty is pushed at
 * most once per `everyMs` across ALL processes — the PushGate service lets
 * one push per window through, whichever process asks. A key that loses the
 * gate stays dirty and is tried again on the next tick.
 */
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { Clock } from '../services/clock.ts';
import type { PushGate } from '../services/push-gate.ts';

export class Coalescer {
  private readonly dirty = new Set<string>();
  private readonly ticker = new Periodic(() => this.tick());

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly gate: PushGate,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly push: (key: string) => Promise<void>,
  ) {}

  start(tickMs = 200): void {
    this.ticker.start(tickMs);
  }

  /** Stops ticking and waits for a tick in flight, so nothing is pushed after the adapter closes. */
  stop(): Promise<void> {
    return this.ticker.stop();
  }

  mark(key: string): void {
    this.dirty.add(key);
  }

  private async tick(): Promise<void> {
    for (const key of [...this.dirty]) {
      try {
        const now = this.clock();
        if (!(await this.gate.pass(this.name, key, this.everyMs, now))) continue;
        this.dirty.delete(key);
        await this.push(key);
      } catch (err) {
        warnUnlessOutage(this.log, err, { key, coalescer: this.name }, 'room push failed');
      }
    }
  }
}
