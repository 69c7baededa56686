/**
 * Who holds a realtime budget (domain/budget.ts), in the process that holds
 * the sockets. A member's budgets belong to the member, not to one connection:
 * all their sockets here spend from the same buckets, and the buckets outlive
 * a disconnect — otherwise a flooder cut for its strikes would reconnect and
 * find everything full again (the room-flood bench saw 265 reconnects in 5 s
 * do exactly that). A member cut off is refused at the door for CUT_OFF_MS
 * (`admittedIn`). A guest has no account to hold a budget, so a guest's budget is
 * its connection's (guest connections per address are capped instead).
 *
 * Entries nobody has used for IDLE_MS are dropped: by then every bucket has
 * refilled, so forgetting one changes nothing.
 */
import { budgetBucket, eventBudget, STRIKES, takeToken, type Bucket } from '../domain/budget.ts';
import type { Clock } from '../services/clock.ts';

export interface Spent {
  retryAfterMs: number;
  /** The holder is out of strikes: the connection is cut. */
  cut: boolean;
}

/** One holder's budgets: a bucket per event kind (heartbeats: per show) and one of strikes. */
export interface EventMeter {
  /** Spends a token for `event` (parsed `payload`): null when it may run, else the refusal. */
  spend(event: string, payload: unknown): Promise<Spent | null>;
}

interface Holder {
  buckets: Map<string, Bucket>;
  strikes: Bucket | undefined;
  /** Cut off: no new connection before this time. */
  barredUntil: number;
  usedAt: number;
}

const IDLE_MS = 10 * 60_000;
/** How long a member cut off for overspending stays out. */
export const CUT_OFF_MS = 5_000;

export interface EventMeters {
  /** The meter of a member (shared by all their connections here) or of one guest connection. */
  meter(holder: { memberId: string } | { connectionId: string }): EventMeter;
  /** 0 when the member may connect; else how long until they may (they were cut off). */
  admittedIn(memberId: string): number;
  /** A guest connection has gone: its budget goes with it. */
  forgetConnection(connectionId: string): void;
}

export function createEventMeters(clock: Clock, heartbeatSeconds: () => Promise<number>, scale: number): EventMeters {
  const holders = new Map<string, Holder>();
  let sweptAt = clock();

  const sweep = (now: number) => {
    if (now - sweptAt < IDLE_MS) return;
    sweptAt = now;
    for (const [key, h] of holders) if (now - h.usedAt >= IDLE_MS && now >= h.barredUntil) holders.delete(key);
  };
  const holderOf = (key: string, now: number): Holder => {
    let h = holders.get(key);
    if (!h) holders.set(key, (h = { buckets: new Map(), strikes: undefined, barredUntil: 0, usedAt: now }));
    return h;
  };
  const keyOf = (holder: { memberId: string } | { connectionId: string }) =>
    'memberId' in holder ? `m:${holder.memberId}` : `c:${holder.connectionId}`;

  return {
    meter(holder) {
      const key = keyOf(holder);
      return {
        async spend(event, payload) {
          const spec = eventBudget(event, event === 'watch:heartbeat' ? await heartbeatSeconds() : 0, scale);
          if (!spec) return null;
          const now = clock();
          sweep(now);
          const h = holderOf(key, now);
          h.usedAt = Math.max(h.usedAt, now);
          const bucket = budgetBucket(event, payload);
          const decision = takeToken(h.buckets.get(bucket), spec, now);
          h.buckets.set(bucket, decision.bucket);
          if (decision.allowed) return null;
          const strike = takeToken(h.strikes, STRIKES, now);
          h.strikes = strike.bucket;
          if (!strike.allowed) h.barredUntil = now + CUT_OFF_MS;
          return { retryAfterMs: decision.retryAfterMs, cut: !strike.allowed };
        },
      };
    },
    admittedIn(memberId) {
      const h = holders.get(`m:${memberId}`);
      return h ? Math.max(0, h.barredUntil - clock()) : 0;
    },
    forgetConnection(connectionId) {
      holders.delete(`c:${connectionId}`);
    },
  };
}
