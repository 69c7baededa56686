/**
 * What the Redis outbox streams carry, and how a batch of them reaches the
 * durable store.
 *
 * Every stream entry has an `entry` field (JSON) and may have a `kind`:
 * - no kind: a LedgerEntry (award-7, spend-3 and lotteryEnter-5's spend; the
 *   format the ledger stream had from the start, so entries written before an
 *   upgrade still read the same);
 * - 'claim': a Claim as it is after a change (new, expired or confirmed);
 * - 'lottery-entry': a LotteryEntry;
 * - 'redemption': a Redemption as it is after a change (made, fulfilled, rejected).
 *
 * The ledger stream `<prefix>{ledger}` carries ledger entries and lottery
 * entries; each drop's `<prefix>{d:<dropId>}:outbox` carries its claims
 * (redis-keys.ts says why they are separate). Every sink method is idempotent,
 * so a batch copied twice (a consumer died before acknowledging) is harmless.
 */
import type { Claim, LotteryEntry } from '../../../shared/perks.ts';
import type { LedgerEntry } from '../../../shared/models.ts';
import type { Redemption } from '../../../shared/rewards.ts';
import type { LedgerSink, PerksSink } from '../../store/sinks.ts';

/** The consumer group every process reads every outbox stream through. */
export const OUTBOX_GROUP = 'ledger-sink';

export type OutboxSink = LedgerSink & PerksSink;

/** One stream entry as XREADGROUP / XCLAIM return it; null fields: deleted meanwhile. */
export type RawEntry = [id: string, fields: string[] | null];

export type OutboxKind = 'ledger' | 'claim' | 'lottery-entry' | 'redemption';

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/**
 * Hands a batch to the sink: ledger entries, then claims (only the last state
 * of each claim in the batch: the stream is in the order the drop's scripts
 * ran), then lottery entries. Throws, so that nothing gets acknowledged, when
 * the sink fails or an entry has a kind this version does not know (a newer
 * process wrote it; the backstop autoclaim will hand it to one that knows).
 */
export async function copyToSink(sink: OutboxSink, raw: RawEntry[]): Promise<void> {
  const ledger: LedgerEntry[] = [];
  const claims = new Map<string, Claim>();
  const entries: LotteryEntry[] = [];
  const redemptions = new Map<string, Redemption>();
  for (const [id, fields] of raw) {
    const json = fields ? field(fields, 'entry') : undefined;
    if (json === undefined) continue;
    const kind = field(fields!, 'kind') ?? 'ledger';
    if (kind === 'ledger') ledger.push(JSON.parse(json) as LedgerEntry);
    else if (kind === 'claim') {
      const claim = JSON.parse(json) as Claim;
      claims.set(claim.id, claim);
    } else if (kind === 'lottery-entry') entries.push(JSON.parse(json) as LotteryEntry);
    else if (kind === 'redemption') {
      // The last state of each in the batch: the stream is in the order the scripts ran.
      const r = JSON.parse(json) as Redemption;
      redemptions.set(r.id, r);
    } else throw new Error(`outbox entry ${id} has unknown kind ${kind}`);
  }
  if (ledger.length > 0) await sink.appendLedger(ledger);
  if (claims.size > 0) await sink.upsertClaims([...claims.values()]);
  if (entries.length > 0) await sink.appendLotteryEntries(entries);
  if (redemptions.size > 0) await sink.upsertRedemptions([...redemptions.values()]);
}
