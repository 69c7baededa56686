/**
 * Every ioredis client of the server is made here, so all of them fail fast
 * the same way and report into the dependency state (dependency-state.ts):
 *
 * - stalls: a connection that has commands waiting and receives nothing for
 *   `commandTimeoutMs` (REDIS_COMMAND_TIMEOUT_MS) is declared stalled
 *   (`dropWhenSilent`, ioredis' `socketTimeout` with one change, see there):
 *   dropped, its commands rejected, reconnected. A stalled
 *   Redis (SIGSTOP, a dead peer the kernel has not noticed) costs a caller
 *   that long. This is the timeout that answers within a second, and not a
 *   per-command one of the same length: a command queued behind a burst of
 *   others (2,000 claims at once on a loaded machine) waits longer than that
 *   while replies keep flowing, and refusing it would refuse a healthy Redis
 *   (and, since it still runs, tell a member UNAVAILABLE for a claim they got);
 * - every command also has a hard cap, `commandTimeout`, of
 *   COMMAND_CAP_FACTOR times that (5 s by default): no caller ever waits longer;
 * - no offline queue: while the connection is down a command is rejected at
 *   once instead of waiting, in an unbounded queue, for a reconnect. Such a
 *   command was never sent (UNAVAILABLE: nothing was done), nor does a
 *   read-only one change anything however it fails; any other command that
 *   fails after it was sent (a timeout, a drop) may have run, and is marked
 *   so (OUTCOME_UNKNOWN), see dependency-state.ts asDependencyFailure;
 * - commands in flight when the connection drops are rejected, not resent on
 *   reconnect (`maxRetriesPerRequest: 0`, no auto-resend): their callers were
 *   told OUTCOME_UNKNOWN, so they must not run again on their own;
 * - reconnects forever with a capped back-off, so everything resumes without
 *   a restart.
 *
 * Kinds: `command` (everything above), `blocking` (XREADGROUP BLOCK: both
 * limits grow by the longest block), `subscriber` (the Socket.IO adapter's: it
 * only ever sends its SUBSCRIBE commands (and QUIT), which must queue until the
 * first connect and which ioredis repeats after a reconnect, so it keeps its
 * queue and has no per-command cap; a stall still drops its connection).
 */
import { exists, hasFlag } from '@ioredis/commands';
import { Redis, type RedisOptions } from 'ioredis';
import { isRedisOutage, markMayHaveRun, type DependencyState } from './dependency-state.ts';

export interface RedisClientSettings {
  commandTimeoutMs: number;
  /** Where the client reports its health; tests that build an engine alone may leave it out. */
  dependencies?: DependencyState;
  /** Told how long each Lua script run on the client took, by script name (/metrics); see `timedScripts`. */
  timeScript?: ScriptTimer;
}

export type ScriptTimer = (name: string, seconds: number) => void;

/** The script timer of each client made here (the scripts are run elsewhere: engine/redis/redis-scripts.ts). */
const scriptTimers = new WeakMap<Redis, ScriptTimer>();

/**
 * `run` (a runner of named scripts on `client`), timed: from the call to the
 * reply or failure, reported to the client's `timeScript`. No timer: `run` as is.
 */
export function timedScripts<N extends string, A extends unknown[]>(
  client: Redis,
  run: (name: N, ...rest: A) => Promise<unknown>,
): (name: N, ...rest: A) => Promise<unknown> {
  const observe = scriptTimers.get(client);
  if (!observe) return run;
  return (name, ...rest) => {
    const startedAt = performance.now();
    const reply = run(name, ...rest);
    const done = () => observe(name, (performance.now() - startedAt) / 1000);
    reply.then(done, done);
    return reply;
  };
}

export type RedisClientKind = { kind: 'command' } | { kind: 'blocking'; longestBlockMs: number } | { kind: 'subscriber' };

/** A single command may take this many times REDIS_COMMAND_TIMEOUT_MS while its connection is alive. */
export const COMMAND_CAP_FACTOR = 10;

/** Reconnect after 50, 100, 200 … ms, never more than this apart. */
export const RECONNECT_CAP_MS = 1_000;

const DEPENDENCY = 'redis';

export function redisOptions(settings: RedisClientSettings, kind: RedisClientKind): RedisOptions {
  const timeoutMs = settings.commandTimeoutMs;
  const base: RedisOptions = {
    lazyConnect: true,
    connectTimeout: Math.max(1_000, timeoutMs * 2),
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times - 1, 10), RECONNECT_CAP_MS),
  };
  // The subscriber's SUBSCRIBEs wait for a connection however long it takes (a stall still drops it, and its QUIT).
  if (kind.kind === 'subscriber') return { ...base, maxRetriesPerRequest: null };
  return {
    ...base,
    commandTimeout: blockMsOf(kind) + timeoutMs * COMMAND_CAP_FACTOR,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
  };
}

const blockMsOf = (kind: RedisClientKind) => (kind.kind === 'blocking' ? kind.longestBlockMs : 0);

/**
 * Drops the connection when it has commands waiting and has received nothing
 * for `silentMs`. This is ioredis' `socketTimeout`, except for when the verdict
 * is taken. Timers run before the event loop reads sockets, and one turn of a
 * loaded process can hold the loop for longer than `silentMs` (a broadcast to
 * 10,000 sockets) while the reply it waits for arrives and sits unread. So a
 * silence is only believed after a poll phase that began after it: the first
 * look (setImmediate, after this turn's reads) notes what was last heard, the
 * second (the next turn's check phase, after its reads) drops the connection
 * only if nothing was read in between — anything Redis had sent by then was.
 * Returns what to call after each command is sent.
 */
function dropWhenSilent(client: Redis, silentMs: number): () => void {
  let lastHeard = 0;
  let timer: NodeJS.Timeout | undefined;
  client.on('connect', () => {
    lastHeard = performance.now();
    client.stream.on('data', () => (lastHeard = performance.now()));
  });
  /** Re-arms for the rest of the silence window; true when the window has already passed. */
  const silentLongEnough = (): boolean => {
    const silentFor = performance.now() - lastHeard;
    if (silentFor >= silentMs) return true;
    timer = setTimeout(check, silentMs - silentFor).unref();
    return false;
  };
  const confirm = (heardAtFirstLook: number) => {
    if (client.commandQueue.length === 0) return;
    if (lastHeard !== heardAtFirstLook) {
      // A reply was read since the first look: not silent after all.
      if (!timer && silentLongEnough()) setImmediate(firstLook);
      return;
    }
    client.stream.destroy(new Error(`Socket timeout: nothing from Redis in ${Math.round(performance.now() - lastHeard)} ms with commands waiting`));
  };
  const firstLook = () => {
    if (client.commandQueue.length === 0 || !silentLongEnough()) return;
    const heard = lastHeard;
    // Queued from a check phase, this runs in the next turn's check phase: after that turn has read its sockets.
    setImmediate(() => confirm(heard));
  };
  const check = () => {
    timer = undefined;
    setImmediate(firstLook);
  };
  return () => {
    if (timer || client.commandQueue.length === 0) return;
    // Nothing was waiting before this command: its silence starts now.
    if (client.commandQueue.length === 1) lastHeard = performance.now();
    timer = setTimeout(check, silentMs).unref();
  };
}

/**
 * A command Redis flags read-only (GET, HGETALL, ZSCORE…; a script never is, EVALSHA may write). A name the
 * table does not know (a container command such as XGROUP) counts as a write: the safe side.
 */
const readsOnly = (name: string) => exists(name) && hasFlag(name, 'readonly');

/** A new client (not connected yet: call `connect()`), reporting into `settings.dependencies`. */
export function createRedisClient(url: string, settings: RedisClientSettings, kind: RedisClientKind): Redis {
  const client = new Redis(url, redisOptions(settings, kind));
  const sent = dropWhenSilent(client, blockMsOf(kind) + settings.commandTimeoutMs);
  const deps = settings.dependencies;
  if (settings.timeScript) scriptTimers.set(client, settings.timeScript);
  deps?.register(DEPENDENCY, client);
  // Without an error listener ioredis would crash the process on a failed reconnect; the state logs the outage once.
  client.on('error', (err: Error) => deps?.down(DEPENDENCY, client, err.message));
  client.on('ready', () => deps?.up(DEPENDENCY, client));
  client.on('end', () => deps?.unregister(DEPENDENCY, client));
  // ioredis has no hook for a command's outcome, so sendCommand (every command, script and pipeline
  // passes through it) is wrapped: a reply marks the client up, an outage failure down. The handlers
  // also keep a command nobody awaits (the adapter's PUBLISH) from crashing the process when it fails.
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    const epoch = deps?.epoch(DEPENDENCY, client);
    // A failure of a command that goes out and may write means "it may have run" (OUTCOME_UNKNOWN) rather than
    // "nothing was done" (UNAVAILABLE; dependency-state.ts asDependencyFailure). Not ready: ioredis refuses the
    // command at once, unsent, having no offline queue (the handshake's own commands go out before ready; they
    // are nobody's request). A read-only command changes nothing however it ends.
    const mayWrite = client.status === 'ready' && !readsOnly(args[0].name);
    const reply = send(...args) as Promise<unknown>; // always the command's promise (ioredis types it unknown)
    // Registered before the caller's own handlers (ioredis hands out this promise or one derived from it), so the
    // mark is there when they look. A connection drop fails every command in flight with one shared error: one
    // write among them marks it, and then the reads that share it are told OUTCOME_UNKNOWN too (the safe side).
    if (mayWrite) reply.catch(markMayHaveRun);
    sent();
    // A reply counts only once the client is ready: the handshake's replies come while commands are still refused.
    const answered = () => client.status === 'ready' && deps?.up(DEPENDENCY, client);
    reply.then(answered, (err: unknown) => {
      if (isRedisOutage(err)) deps?.down(DEPENDENCY, client, (err as Error).message, epoch);
      else answered(); // Redis answered, with an error: it is there
    });
    return reply;
  }) as Redis['sendCommand'];
  return client;
}
