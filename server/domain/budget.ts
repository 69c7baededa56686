/**
 * Realtime budgets: how often one member (or one guest connection) may send
 * one kind of event, and when one that keeps overspending is cut off. Pure
 * rules over a token bucket (time passed in); the realtime edge holds the
 * buckets (realtime/event-meters.ts: a member's are shared by all their
 * sockets in the process and outlive a reconnect; a guest's are its
 * connection's).
 *
 * A bucket holds up to `burst` tokens and gains one every `everyMs`; an event
 * takes one. With none left the event is refused (RATE_LIMITED, with how long
 * until the next token) and does nothing. Each refusal takes a token from the
 * connection's strike bucket; when that one is empty the connection is cut.
 *
 * Time is the server's clock (services/clock.ts), as for every rule: the
 * heartbeat budget is stated in the rules' heartbeatSeconds and guards the
 * same clock watch time accrues on, so a test that moves the clock moves the
 * budgets with it (a frozen clock refills nothing).
 */

export interface BudgetSpec {
  /** Tokens a quiet connection has saved up: events it may send at once. */
  burst: number;
  /** One token more every everyMs (the sustained rate). */
  everyMs: number;
}

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

export interface BudgetDecision {
  allowed: boolean;
  /** The bucket after the call (take it whether allowed or not). */
  bucket: Bucket;
  /** Refused: how long until a token is there again; allowed: 0. */
  retryAfterMs: number;
}

/**
 * Takes one token from the bucket (a fresh one when absent: full). Time that
 * runs backwards adds nothing and takes nothing away.
 */
export function takeToken(bucket: Bucket | undefined, spec: BudgetSpec, nowMs: number): BudgetDecision {
  const elapsed = bucket ? Math.max(0, nowMs - bucket.at) : 0;
  const tokens = bucket ? Math.min(spec.burst, bucket.tokens + elapsed / spec.everyMs) : spec.burst;
  const at = bucket ? Math.max(bucket.at, nowMs) : nowMs;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at }, retryAfterMs: 0 };
  return { allowed: false, bucket: { tokens, at }, retryAfterMs: Math.max(1, Math.ceil((1 - tokens) * spec.everyMs - 1e-6)) }; // (1e-6: float dust)
}

/** The event kinds of /live that spend points or engine work, and their budgets. Others are not metered. */
export type MeteredEvent =
  | 'watch:heartbeat'
  | 'watch:chest'
  | 'interact'
  | 'share:link'
  | 'drop:claim'
  | 'lottery:enter'
  | 'lottery:claim'
  | 'stream:join'
  | 'stream:leave'
  | 'session:upgrade';

/**
 * Default budgets, generous enough for an honest client: a beat at most every
 * heartbeatSeconds / 2 on average (a burst of 3 covers a page coming back into
 * view, a retry, a second show); interactions and claims a few per second.
 * `scale` (SOCKET_BUDGET_SCALE, default 1) multiplies every rate and burst:
 * load harnesses that fire as fast as they can raise it; it never lowers one.
 */
export function eventBudget(event: string, heartbeatSeconds: number, scale = 1): BudgetSpec | null {
  const base =
    event === 'watch:heartbeat'
      ? { burst: 3, everyMs: (heartbeatSeconds * 1000) / 2 }
      : Object.hasOwn(BASE_BUDGETS, event)
        ? BASE_BUDGETS[event as MeteredEvent]
        : undefined;
  if (!base) return null;
  return { burst: base.burst * scale, everyMs: base.everyMs / scale };
}

/**
 * Which bucket an event spends from. Heartbeats have one per show: a viewer
 * with two shows open beats each every heartbeatSeconds, honestly (one show at
 * a time earns, domain/watch.ts claimWatchClock). Every other kind has one
 * bucket per holder (member or guest connection).
 */
export function budgetBucket(event: string, payload: unknown): string {
  if (event !== 'watch:heartbeat') return event;
  const streamId = (payload as { streamId?: unknown } | null)?.streamId;
  return typeof streamId === 'string' ? `${event}@${streamId}` : event;
}

const BASE_BUDGETS: Partial<Record<MeteredEvent, BudgetSpec>> = {
  'watch:chest': { burst: 5, everyMs: 500 },
  interact: { burst: 20, everyMs: 200 },
  'share:link': { burst: 5, everyMs: 500 },
  'drop:claim': { burst: 10, everyMs: 333 },
  'lottery:enter': { burst: 5, everyMs: 500 },
  'lottery:claim': { burst: 5, everyMs: 500 },
  'stream:join': { burst: 10, everyMs: 500 },
  'stream:leave': { burst: 10, everyMs: 500 },
  'session:upgrade': { burst: 20, everyMs: 1000 },
};

/**
 * Refusals a connection may collect before it is cut: 30 at once, then one
 * more per second. A client that backs off when told never gets near it; a
 * flood empties it within a fraction of a second.
 */
export const STRIKES: BudgetSpec = { burst: 30, everyMs: 1000 };

/** Guest connections per address: the connection just counted in is admitted while the count stays within the cap. */
export function guestAdmitted(connectionsWithThisOne: number, cap: number): boolean {
  return connectionsWithThisOne <= cap;
}
