/**
 * Progress steps (domain/missions.ts) on their way to the MissionsEngine, for
 * missions and achievements alike: everything submitted while the previous
 * batch was on its way goes as the next batch (one transaction, one
 * pipeline), so a like storm costs a few batches, not a write per like. Each
 * step carries what to do with the stages it reached. Past MAX_WAITING_STEPS
 * waiting, steps are dropped with a warning: progress is worth less than the
 * event loop.
 */
import type { ProgressStep } from '../domain/missions.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { MissionsEngine } from '../engine/missions-engine.ts';
import type { Logger } from '../logger.ts';

export const MAX_WAITING_STEPS = 20_000;

export interface QueuedStep {
  step: ProgressStep;
  /** Called once per stage (1-based) this step reached, in order. */
  reached(stage: number): Promise<void>;
}

export class ProgressBatcher {
  private waiting: QueuedStep[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly engine: MissionsEngine,
    private readonly log: Logger,
  ) {}

  submit(steps: QueuedStep[]): void {
    if (steps.length === 0) return;
    if (this.waiting.length + steps.length > MAX_WAITING_STEPS) {
      this.log.warn({ waiting: this.waiting.length }, 'progress backlog full: steps dropped');
      return;
    }
    this.waiting.push(...steps);
    this.flushing ??= this.flush();
  }

  /** Everything submitted so far is counted (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.flushing || this.waiting.length > 0) await (this.flushing ?? (this.flushing = this.flush()));
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          const outcomes = await this.engine.progress(batch.map((q) => q.step));
          for (const [i, outcome] of outcomes.entries()) {
            for (const stage of outcome.reached) await batch[i]!.reached(stage);
          }
        } catch (err) {
          warnUnlessOutage(this.log, err, { steps: batch.length }, 'progress batch failed');
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
