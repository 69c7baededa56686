/**
 * A task run every `everyMs` of wall-clock time, never twice at once: a run
 * that outlasts the period skips the ticks it overlaps instead of piling up.
 * stop() waits for the run in flight, so shutdown can close what the task
 * uses right after. The timer never keeps the process alive.
 */
export class Periodic {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly task: () => Promise<void>) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.task().finally(() => (this.running = null));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
