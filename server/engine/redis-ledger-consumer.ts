/**
 * Copies the ledger outbox stream into the durable store.
 *
 * The award and spend scripts append each new entry to `<prefix>{ledger}` in
 * the same atomic step that moves the balance, so an acknowledged change is in
 * Redis (AOF, fsync always) before the caller hears of it. This consumer reads
 * the stream through one consumer group shared by every process on this Redis
 * (consumer name = processId), hands each batch to `LedgerSink.appendLedger`
 * (idempotent by key), and only then acknowledges and deletes the entries. So:
 *
 * - the stream holds exactly the entries not yet known to be in the sink, and
 *   `flush()` waits until no entry older than "now" is left in it;
 * - a crash between reading and acknowledging leaves the entries pending: the
 *   same processId re-reads them on start, and other processes claim them once
 *   the owner is seen dead (`claimFrom`) or has held them too long (`autoclaim`).
 *   Copying an entry twice is harmless because the sink ignores known keys.
 */
import type { Redis } from 'ioredis';
import type { LedgerEntry } from '../../shared/models.ts';
import type { LedgerSink } from './engine.ts';
import type { RunScript } from './redis-scripts.ts';

export const LEDGER_GROUP = 'ledger-sink';

type RawEntry = [id: string, fields: string[] | null];
type Log = (msg: string, ctx?: object) => void;

export interface LedgerConsumerOptions {
  /** Commands and scripts. */
  redis: Redis;
  /** A dedicated connection for the blocking reads. */
  blocking: Redis;
  runScript: RunScript;
  stream: string;
  consumer: string;
  sink: LedgerSink;
  log: Log;
  /** How long one blocking read waits before looping (bounds how long stop() takes). */
  blockMs?: number;
  batchSize?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LedgerConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  /** Re-read this consumer's pending entries before new ones (on start and after any failure). */
  private recoverPending = true;
  private readonly blockMs: number;
  private readonly batchSize: number;

  constructor(private readonly o: LedgerConsumerOptions) {
    this.blockMs = o.blockMs ?? 1_000;
    this.batchSize = o.batchSize ?? 200;
  }

  /** Creates the group (and the stream) when missing; the group starts at the first entry. */
  async ensureGroup(): Promise<void> {
    try {
      await this.o.redis.call('XGROUP', 'CREATE', this.o.stream, LEDGER_GROUP, '0', 'MKSTREAM');
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
   * Resolves once every entry appended to the stream before the call (by any
   * process) is in the sink and acknowledged: entries leave the stream only then.
   */
  async flush(): Promise<void> {
    const last = (await this.o.redis.call('XREVRANGE', this.o.stream, '+', '-', 'COUNT', '1')) as RawEntry[];
    const mark = last[0]?.[0];
    if (!mark) return;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      const left = (await this.o.redis.call('XRANGE', this.o.stream, '-', mark, 'COUNT', '1')) as RawEntry[];
      if (left.length === 0) return;
      await sleep(wait);
    }
  }

  /**
   * Takes over every entry pending for `consumer` (a process seen dead), copies
   * them, and removes that consumer from the group.
   */
  async claimFrom(consumer: string): Promise<number> {
    if (consumer === this.o.consumer) return 0;
    let claimed = 0;
    for (;;) {
      const pending = (await this.o.redis.call('XPENDING', this.o.stream, LEDGER_GROUP, '-', '+', this.batchSize, consumer)) as Array<[string, string, number, number]>;
      if (pending.length === 0) break;
      const ids = pending.map((p) => p[0]);
      const entries = (await this.o.redis.call('XCLAIM', this.o.stream, LEDGER_GROUP, this.o.consumer, '0', ...ids)) as RawEntry[];
      // Ids missing from the reply were deleted already (copied by someone); ack them all the same.
      await this.apply(entries, ids);
      claimed += entries.length;
    }
    // Only after its pending list is empty: DELCONSUMER drops whatever is still pending.
    await this.o.redis.call('XGROUP', 'DELCONSUMER', this.o.stream, LEDGER_GROUP, consumer);
    return claimed;
  }

  /** Backstop: takes over entries any consumer has held for longer than `minIdleMs`. */
  async autoclaim(minIdleMs: number): Promise<number> {
    let claimed = 0;
    let cursor = '0-0';
    do {
      const reply = (await this.o.redis.call('XAUTOCLAIM', this.o.stream, LEDGER_GROUP, this.o.consumer, minIdleMs, cursor, 'COUNT', this.batchSize)) as [string, RawEntry[], string[]?];
      cursor = reply[0];
      await this.apply(reply[1], reply[1].map((e) => e[0]));
      claimed += reply[1].length;
    } while (cursor !== '0-0');
    return claimed;
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      try {
        if (this.recoverPending) {
          // '0': this consumer's own pending entries (delivered before a crash or a failed copy).
          const n = await this.readOnce('0', null);
          if (n === 0) this.recoverPending = false;
        } else {
          await this.readOnce('>', this.blockMs);
        }
        backoff = 0;
      } catch (err) {
        if (!this.running) break;
        const message = String((err as Error).message);
        if (message.includes('NOGROUP')) {
          // The stream or group was deleted (resetForTests, or a flushed Redis): recreate it.
          await this.ensureGroup().catch(() => undefined);
        } else {
          this.o.log('ledger consumer: read or copy failed, will retry', { error: message });
        }
        this.recoverPending = true;
        backoff = Math.min(backoff ? backoff * 2 : 50, 2_000);
        await sleep(backoff);
      }
    }
  }

  /** One XREADGROUP; copies and acknowledges what it got. Returns the number of entries read. */
  private async readOnce(from: '0' | '>', blockMs: number | null): Promise<number> {
    const args: Array<string | number> = ['GROUP', LEDGER_GROUP, this.o.consumer, 'COUNT', this.batchSize];
    if (blockMs !== null) args.push('BLOCK', blockMs);
    args.push('STREAMS', this.o.stream, from);
    const reply = (await this.o.blocking.call('XREADGROUP', ...args)) as Array<[string, RawEntry[]]> | null;
    const entries = reply?.[0]?.[1] ?? [];
    await this.apply(entries, entries.map((e) => e[0]));
    return entries.length;
  }

  /** Sink first, then ack + delete: an entry leaves the stream only once it is durable. */
  private async apply(raw: RawEntry[], ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const entries: LedgerEntry[] = [];
    for (const [, fields] of raw) {
      // A null body: the entry was deleted after another consumer copied it.
      const i = fields ? fields.indexOf('entry') : -1;
      if (fields && i >= 0 && i + 1 < fields.length) entries.push(JSON.parse(fields[i + 1]!) as LedgerEntry);
    }
    if (entries.length > 0) await this.o.sink.appendLedger(entries);
    await this.o.runScript('ledgerAck', [this.o.stream], [LEDGER_GROUP, ...ids]);
  }
}
