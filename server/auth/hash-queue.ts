/**
 * A bounded line for password hashing. scrypt runs on libuv's thread pool
 * (4 threads by default), which file I/O, DNS lookups and zlib share: a flood
 * of logins that all hash at once fills the pool and slows everyone. So at
 * most `inFlight` hashes run at a time (less than the pool), at most
 * `waiting` more wait their turn in arrival order, and anything beyond is
 * refused at once (UNAVAILABLE, 503, with retryAfterMs) instead of queueing
 * without end.
 */
import { refused } from '../errors.ts';

/** What a refused caller is told to wait before trying again. */
export const BUSY_RETRY_AFTER_MS = 1000;

export class HashQueue {
  private running = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    private readonly inFlight: number,
    private readonly waiting: number,
  ) {
    if (inFlight < 1 || waiting < 0) throw new Error('HashQueue: inFlight >= 1 and waiting >= 0');
  }

  /** Runs `task` when a slot is free; throws UNAVAILABLE at once when the line is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.inFlight) {
      if (this.line.length >= this.waiting) throw refused('auth.busy', undefined, { retryAfterMs: BUSY_RETRY_AFTER_MS });
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), or free it.
      const next = this.line.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** For tests and stats: hashes running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.line.length };
  }
}
