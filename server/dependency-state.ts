/**
 * Whether the outside parts this process needs (Redis today) answer, as their
 * clients report it, and what that means for callers.
 *
 * Each client reports into the state (server/redis-client.ts does it for every
 * ioredis client): down on a connection error or a command that timed out or
 * could not be sent, up on `ready` or any reply. A dependency is down while any
 * of its clients is down, so a client still reconnecting after the others came
 * back does not flap it. The log says so once per outage: one warn when the
 * dependency goes down, one info when it is back; the failures in between are
 * silent (every caller gets UNAVAILABLE or OUTCOME_UNKNOWN instead, see
 * asDependencyFailure). `/readyz` reads `unavailable()`.
 */
import { ErrorCode } from '../shared/error-codes.ts';
import { AppError, refused } from './errors.ts';
import type { Logger } from './logger.ts';

/** How long a caller told UNAVAILABLE should wait before trying again (HTTP Retry-After, socket retryAfterMs). */
export const UNAVAILABLE_RETRY_AFTER_MS = 1_000;

/** One reporting client; `comebacks` counts its returns, so a failure of a command sent before the last one is not news. */
interface Reporter {
  up: boolean;
  comebacks: number;
}

export class DependencyState {
  private readonly reporters = new Map<string, Map<object, Reporter>>();
  private readonly downSince = new Map<string, number>();

  constructor(private readonly log?: Pick<Logger, 'warn' | 'info'>) {}

  /** Registers a client of `dependency`; it counts as up until it reports otherwise. */
  register(dependency: string, client: object): void {
    let clients = this.reporters.get(dependency);
    if (!clients) this.reporters.set(dependency, (clients = new Map()));
    clients.set(client, { up: true, comebacks: 0 });
  }

  /** A client closed for good (quit, shutdown): it no longer decides anything. */
  unregister(dependency: string, client: object): void {
    const clients = this.reporters.get(dependency);
    clients?.delete(client);
    // The last client gone (shutdown): nothing to report on, and nothing came back.
    if (clients?.size === 0) this.downSince.delete(dependency);
    else this.settle(dependency, '');
  }

  /** The client's comeback count now: pass it back to `down` for a command sent now. */
  epoch(dependency: string, client: object): number {
    return this.reporters.get(dependency)?.get(client)?.comebacks ?? 0;
  }

  /** The client answered (a reply, or its connection is ready). */
  up(dependency: string, client: object): void {
    const r = this.reporters.get(dependency)?.get(client);
    if (!r || r.up) return;
    r.up = true;
    r.comebacks++;
    this.settle(dependency, '');
  }

  /**
   * The client failed: a connection error, a timed-out or unsendable command.
   * `epoch`: the client's epoch when the failed command was sent; a command
   * sent before the client last came back says nothing about now.
   */
  down(dependency: string, client: object, reason: string, epoch?: number): void {
    const r = this.reporters.get(dependency)?.get(client);
    if (!r || !r.up || (epoch !== undefined && epoch !== r.comebacks)) return;
    r.up = false;
    this.settle(dependency, reason);
  }

  isUp(dependency: string): boolean {
    return !this.downSince.has(dependency);
  }

  /** The dependencies that are down now (empty: all up). */
  unavailable(): string[] {
    return [...this.downSince.keys()];
  }

  allUp(): boolean {
    return this.downSince.size === 0;
  }

  /** Logs only the transitions of the whole dependency: one warn down, one info back. */
  private settle(dependency: string, reason: string): void {
    const anyDown = [...(this.reporters.get(dependency)?.values() ?? [])].some((r) => !r.up);
    const since = this.downSince.get(dependency);
    if (anyDown && since === undefined) {
      this.downSince.set(dependency, Date.now());
      this.log?.warn({ dependency, reason }, `${dependency} unavailable: answering UNAVAILABLE until it is back`);
    } else if (!anyDown && since !== undefined) {
      this.downSince.delete(dependency);
      this.log?.info({ dependency, downMs: Date.now() - since }, `${dependency} is back`);
    }
  }
}

/** ioredis failures that mean "Redis did not answer", as opposed to an answer that is an error (ReplyError). */
const REDIS_OUTAGE_MESSAGES = [
  'Command timed out',
  "Stream isn't writeable",
  'Connection is closed',
  'Reached the max retries per request',
  'Socket timeout',
];

export function isRedisOutage(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return REDIS_OUTAGE_MESSAGES.some((m) => err.message.startsWith(m));
}

/**
 * Redis failures that may come after Redis ran the command: a command that
 * may write, sent, then timed out or lost with its connection.
 * server/redis-client.ts marks them. An outage failure not marked changed
 * nothing: the command was never written to the connection (it was down, and
 * there is no offline queue), or it only reads.
 */
const mayHaveRunFailures = new WeakSet<object>();

export function markMayHaveRun(err: unknown): void {
  if (typeof err === 'object' && err !== null) mayHaveRunFailures.add(err);
}

/**
 * What the caller of a failed dependency is told, instead of INTERNAL:
 * - UNAVAILABLE (`dependency.unavailable`, retryAfterMs): nothing was done —
 *   a Redis command refused before it was sent or one that only reads, or already an UNAVAILABLE
 *   refusal (the SQLite lock held too long, admission);
 * - OUTCOME_UNKNOWN (`dependency.outcomeUnknown`, retryAfterMs): Redis stopped
 *   answering after a command was sent, so it may have run. Telling that
 *   caller UNAVAILABLE would say "nothing happened" of work that did (the
 *   10,000-member soak found balances above what members were told).
 * Null for anything else. The edges log nothing for these: the state above
 * logs the outage once.
 */
export function asDependencyFailure(err: unknown): AppError | null {
  if (err instanceof AppError) return err.code === ErrorCode.UNAVAILABLE || err.code === ErrorCode.OUTCOME_UNKNOWN ? err : null;
  if (!isRedisOutage(err)) return null;
  const key = mayHaveRunFailures.has(err as object) ? 'dependency.outcomeUnknown' : 'dependency.unavailable';
  return refused(key, undefined, { retryAfterMs: UNAVAILABLE_RETRY_AFTER_MS });
}

/** For background tasks (pushes, sweeps): a dependency outage is already logged once by the state; anything else is worth a line. */
export function warnUnlessOutage(log: Pick<Logger, 'warn'>, err: unknown, context: object, message: string): void {
  if (asDependencyFailure(err)) return;
  log.warn({ err, ...context }, message);
}
