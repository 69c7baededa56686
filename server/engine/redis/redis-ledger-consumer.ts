/**
 * Copies the Redis outbox streams into the durable store.
 *
 * The scripts append each change to an outbox stream in the same atomic step
 * that makes it (ledger entries and lottery entries to `<prefix>{ledger}`,
 * claim changes to their drop's `<prefix>{d:<dropId>}:outbox`; formats in
 * redis-outbox.ts), so an acknowledged change is in Redis (AOF, fsync always)
 * before the caller hears of it. This consumer reads every outbox through one
 * consumer group shared by every process on this Redis (consumer name =
 * processId), hands each batch to the sink (idempotent), and only then
 * acknowledges and deletes the entries. So:
 *
 * - each stream holds exactly the entries not yet known to be in the sink, and
 *   `flush()` waits until no entry older than "now" is left in any of them;
 * - a crash between reading and acknowledging leaves the entries pending: the
 *   same processId re-reads them on start, and other processes claim them once
 *   the owner is seen dead (`claimFrom`) or has held them too long (`autoclaim`).
 *
 * Drop outboxes: which ones to read is the `outboxes` set (dropIds), filled
 * before each drop is defined. They are read one XREADGROUP per stream, never
 * several keys in one command, because each drop is its own Cluster slot. The
 * loop blocks on the ledger stream; while drop outboxes are listed it blocks
 * only `pollMs` between passes over them (so a claim change reaches the store
 * within ~pollMs; a drop defined while the loop was blocked with none listed
 * is picked up within `blockMs`). A drop that is closed and settled
 * with its outbox empty is retired (`retireSettled`, run by every process's
 * liveness sweep), so finished drops cost nothing.
 */
import type { Redis } from 'ioredis';
import { asDependencyFailure } from '../../dependency-state.ts';
import type { RedisKeys } from './redis-keys.ts';
import { copyToSink, OUTBOX_GROUP, type OutboxSink, type RawEntry } from './redis-outbox.ts';
import type { RunScript } from './redis-scripts.ts';

/** How long one blocking read waits by default (its client's command timeout allows for it). */
export const DEFAULT_BLOCK_MS = 1_000;

/** The consumer group name (kept for callers that knew it as the ledger's). */
export const LEDGER_GROUP = OUTBOX_GROUP;

type Log = (msg: string, ctx?: object) => void;

export interface LedgerConsumerOptions {
  /** Commands and scripts. */
  redis: Redis;
  /** A dedicated connection for the blocking reads. */
  blocking: Redis;
  runScript: RunScript;
  keys: RedisKeys;
  consumer: string;
  sink: OutboxSink;
  log: Log;
  /** How long one blocking read waits before looping (bounds how long stop() takes). */
  blockMs?: number;
  /** While drop outboxes are listed: the longest a claim change waits before it is read. */
  pollMs?: number;
  batchSize?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const noGroup = (err: unknown) => String((err as Error)?.message).includes('NOGROUP');

export class LedgerConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  /** Re-read this consumer's pending entries before new ones (on start and after any failure). */
  private recoverPending = true;
  private readonly blockMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly ledgerStream: string;

  constructor(private readonly o: LedgerConsumerOptions) {
    this.blockMs = o.blockMs ?? DEFAULT_BLOCK_MS;
    this.pollMs = o.pollMs ?? 100;
    this.batchSize = o.batchSize ?? 200;
    this.ledgerStream = o.keys.ledgerStream;
  }

  /** Creates the ledger stream's group (and the stream) when missing; drop outboxes get theirs from dropDefine. */
  async ensureGroup(): Promise<void> {
    try {
      await this.o.redis.call('XGROUP', 'CREATE', this.ledgerStream, OUTBOX_GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.recoverPending = true;
    this.loop = this.run();
  }

  /** Stops reading; entries read but not yet acknowledged stay pending for the next owner. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    // Wakes a blocked XREADGROUP at once instead of waiting for its timeout.
    this.o.blocking.disconnect();
    await this.loop;
  }

  /**
   * Resolves once every entry appended to any outbox before the call (by any
   * process) is in the sink and acknowledged: entries leave a stream only then.
   */
  async flush(): Promise<void> {
    await Promise.all((await this.streams()).map((s) => this.flushStream(s)));
  }

  /**
   * Takes over every entry pending for `consumer` (a process seen dead) in every
   * outbox, copies them, and removes that consumer from the groups.
   */
  async claimFrom(consumer: string): Promise<number> {
    if (consumer === this.o.consumer) return 0;
    let claimed = 0;
    for (const stream of await this.streams()) {
      try {
        claimed += await this.claimStreamFrom(stream, consumer);
      } catch (err) {
        // A drop outbox retired meanwhile has nothing left to take over.
        if (stream === this.ledgerStream || !noGroup(err)) throw err;
      }
    }
    return claimed;
  }

  /** Backstop: takes over entries any consumer has held for longer than `minIdleMs`, in every outbox. */
  async autoclaim(minIdleMs: number): Promise<number> {
    let claimed = 0;
    for (const stream of await this.streams()) {
      let cursor = '0-0';
      try {
        do {
          const reply = (await this.o.redis.call('XAUTOCLAIM', stream, OUTBOX_GROUP, this.o.consumer, minIdleMs, cursor, 'COUNT', this.batchSize)) as [
            string,
            RawEntry[],
            string[]?,
          ];
          cursor = reply[0];
          await this.apply(stream, reply[1], reply[1].map((e) => e[0]));
          claimed += reply[1].length;
        } while (cursor !== '0-0');
      } catch (err) {
        if (stream === this.ledgerStream || !noGroup(err)) throw err;
      }
    }
    return claimed;
  }

  /** Stops reading the outboxes of settled drops (see lua/dropRetire-2.lua). Returns how many. */
  async retireSettled(): Promise<number> {
    let retired = 0;
    for (const dropId of await this.o.redis.smembers(this.o.keys.outboxes)) {
      const d = this.o.keys.drop(dropId);
      if ((await this.o.runScript('dropRetire', [d.state, d.outbox], [])) === 1) {
        await this.o.redis.srem(this.o.keys.outboxes, dropId);
        retired++;
      }
    }
    return retired;
  }

  /** The ledger stream first, then every listed drop outbox. */
  private async streams(): Promise<string[]> {
    const dropIds = await this.o.redis.smembers(this.o.keys.outboxes);
    return [this.ledgerStream, ...dropIds.map((id) => this.o.keys.drop(id).outbox)];
  }

  private async flushStream(stream: string): Promise<void> {
    const last = (await this.o.redis.call('XREVRANGE', stream, '+', '-', 'COUNT', '1')) as RawEntry[];
    const mark = last[0]?.[0];
    if (!mark) return;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      const left = (await this.o.redis.call('XRANGE', stream, '-', mark, 'COUNT', '1')) as RawEntry[];
      if (left.length === 0) return;
      await sleep(wait);
    }
  }

  private async claimStreamFrom(stream: string, consumer: string): Promise<number> {
    let claimed = 0;
    for (;;) {
      const pending = (await this.o.redis.call('XPENDING', stream, OUTBOX_GROUP, '-', '+', this.batchSize, consumer)) as Array<[string, string, number, number]>;
      if (pending.length === 0) break;
      const ids = pending.map((p) => p[0]);
      const entries = (await this.o.redis.call('XCLAIM', stream, OUTBOX_GROUP, this.o.consumer, '0', ...ids)) as RawEntry[];
      // Ids missing from the reply were deleted already (copied by someone); ack them all the same.
      await this.apply(stream, entries, ids);
      claimed += entries.length;
    }
    // Only after its pending list is empty: DELCONSUMER drops whatever is still pending.
    await this.o.redis.call('XGROUP', 'DELCONSUMER', stream, OUTBOX_GROUP, consumer);
    return claimed;
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      try {
        const [ledger, ...drops] = await this.streams();
        if (this.recoverPending) {
          // '0': this consumer's own pending entries (delivered before a crash or a failed copy).
          let n = 0;
          for (const stream of [ledger!, ...drops]) n += await this.readOnce(stream, '0', null);
          if (n === 0) this.recoverPending = false;
        } else {
          let n = 0;
          for (const stream of drops) n += await this.readOnce(stream, '>', null);
          // Block on the ledger only when the drop outboxes had nothing: more may be waiting there.
          await this.readOnce(ledger!, '>', n > 0 ? null : drops.length > 0 ? this.pollMs : this.blockMs);
        }
        backoff = 0;
      } catch (err) {
        if (!this.running) break;
        if (noGroup(err)) {
          // The ledger stream or its group was deleted (resetForTests, or a flushed Redis): recreate it.
          await this.ensureGroup().catch(() => undefined);
        } else if (!asDependencyFailure(err)) {
          // Redis not answering (logged once by the dependency state) or the SQLite store locked: keep trying quietly.
          this.o.log('ledger consumer: read or copy failed, will retry', { error: String((err as Error).message) });
        }
        this.recoverPending = true;
        backoff = Math.min(backoff ? backoff * 2 : 50, 2_000);
        await sleep(backoff);
      }
    }
  }

  /** One XREADGROUP on one stream; copies and acknowledges what it got. Returns the number of entries read. */
  private async readOnce(stream: string, from: '0' | '>', blockMs: number | null): Promise<number> {
    const args: Array<string | number> = ['GROUP', OUTBOX_GROUP, this.o.consumer, 'COUNT', this.batchSize];
    if (blockMs !== null) args.push('BLOCK', blockMs);
    args.push('STREAMS', stream, from);
    let reply: Array<[string, RawEntry[]]> | null;
    try {
      reply = (await this.o.blocking.call('XREADGROUP', ...args)) as Array<[string, RawEntry[]]> | null;
    } catch (err) {
      // A drop outbox retired (or reset) since the list was read: nothing to copy from it.
      if (stream !== this.ledgerStream && noGroup(err)) return 0;
      throw err;
    }
    const entries = reply?.[0]?.[1] ?? [];
    await this.apply(stream, entries, entries.map((e) => e[0]));
    return entries.length;
  }

  /** Sink first, then ack + delete: an entry leaves its stream only once it is durable. */
  private async apply(stream: string, raw: RawEntry[], ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await copyToSink(this.o.sink, raw);
    await this.o.runScript('ledgerAck', [stream], [OUTBOX_GROUP, ...ids]);
  }
}
