/**
 * Room push gates: a high-frequency room update (presence, leaderboard, stock
 * left, entry count) named `name` for `key` (a show, a drop, a lottery) is
 * pushed at most once per window across ALL processes. The gate is an engine
 * hit counter, shared through Redis (or the SQLite file), so two processes
 * never both push in the same window.
 */
import { pushGateKey } from '../domain/keys.ts';
import type { Engine } from '../engine/engine.ts';

export class PushGate {
  constructor(private readonly engine: Pick<Engine, 'hit'>) {}

  /**
   * True for at most one call per `everyMs` for this name and key, whichever
   * process makes it; atomic in the engine. Not idempotent: the call that
   * passes uses up the window. `now` is the caller's clock (pushes run on the
   * wall clock, not the domain clock).
   */
  async pass(name: string, key: string, everyMs: number, now: number): Promise<boolean> {
    const gate = await this.engine.hit(pushGateKey(name, key), String(now), 1, everyMs, now);
    return gate.allowed;
  }
}
