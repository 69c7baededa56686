/**
 * frontrow-lottery-v1: the draw anyone can recompute. Shared by the server
 * (which draws), the verifier CLI and the browser verify page, so there is
 * exactly one implementation of the algorithm. Uses only Web Crypto, which
 * Node 20 and every browser have.
 *
 * 1. entries = [memberId, weight] pairs sorted by memberId (UTF-8 byte order);
 *    entriesHash = hex sha256 of JSON.stringify(entries).
 * 2. per entry: h = HMAC-SHA256(key = seed bytes, message = entriesHash + ":" + memberId);
 *    x = first 8 bytes of h as a big-endian unsigned integer;
 *    u = ((x >> 11) + 0.5) / 2^53;  k = ln(u) / weight.
 * 3. winners = the `winners` entries with the largest k (ties: smaller memberId first), in that order.
 */
export const LOTTERY_ALGORITHM = 'frontrow-lottery-v1';

export type LotteryEntryPair = [memberId: string, weight: number];

export interface LotteryProof {
  algorithm: typeof LOTTERY_ALGORITHM;
  lotteryId: string;
  /** hex sha256 of the 32 seed bytes, published when the lottery was created */
  commitment: string;
  /** the 32 seed bytes as 64 hex characters, published after the draw */
  seed: string;
  /** how many winners the lottery draws (fewer win when fewer entered) */
  winnerCount: number;
  entries: LotteryEntryPair[];
  entriesHash: string;
  /** member ids in winning order */
  winners: string[];
}

const encoder = new TextEncoder();

export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) throw new Error('not lowercase hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** Byte-wise comparison of UTF-8 encodings (JS string comparison is UTF-16 order, which differs). */
export function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function sortEntries(entries: LotteryEntryPair[]): LotteryEntryPair[] {
  return [...entries].sort((a, b) => compareUtf8(a[0], b[0]));
}

export async function entriesHashOf(sorted: LotteryEntryPair[]): Promise<string> {
  return sha256Hex(JSON.stringify(sorted));
}

/** Steps 2 and 3 over entries already sorted, with their hash. */
export async function pickWinners(seedHex: string, sorted: LotteryEntryPair[], entriesHash: string, winners: number): Promise<string[]> {
  const key = await crypto.subtle.importKey('raw', fromHex(seedHex) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const scored: Array<{ memberId: string; k: number }> = [];
  for (const [memberId, weight] of sorted) {
    const h = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${entriesHash}:${memberId}`)));
    const x = new DataView(h.buffer).getBigUint64(0, false);
    const u = (Number(x >> 11n) + 0.5) / 2 ** 53;
    scored.push({ memberId, k: Math.log(u) / weight });
  }
  scored.sort((a, b) => (b.k !== a.k ? b.k - a.k : compareUtf8(a.memberId, b.memberId)));
  return scored.slice(0, winners).map((s) => s.memberId);
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Recomputes everything a proof claims; the first mismatch is the reason. */
export async function verifyProof(proof: LotteryProof): Promise<VerifyResult> {
  if (proof.algorithm !== LOTTERY_ALGORITHM) return { ok: false, reason: `unknown algorithm ${String(proof.algorithm)}` };
  if (!/^[0-9a-f]{64}$/.test(proof.seed)) return { ok: false, reason: 'seed is not 64 hex characters' };
  if ((await sha256Hex(fromHex(proof.seed))) !== proof.commitment) return { ok: false, reason: 'seed does not match the commitment' };
  if (!proof.entries.every(([id, w]) => typeof id === 'string' && Number.isInteger(w) && w > 0)) {
    return { ok: false, reason: 'every entry is [memberId, positive whole weight]' };
  }
  if (new Set(proof.entries.map(([id]) => id)).size !== proof.entries.length) return { ok: false, reason: 'a member entered twice' };
  const sorted = sortEntries(proof.entries);
  if (JSON.stringify(sorted) !== JSON.stringify(proof.entries)) return { ok: false, reason: 'entries are not sorted by memberId' };
  if ((await entriesHashOf(sorted)) !== proof.entriesHash) return { ok: false, reason: 'entriesHash does not match the entries' };
  const winners = await pickWinners(proof.seed, sorted, proof.entriesHash, proof.winnerCount);
  if (JSON.stringify(winners) !== JSON.stringify(proof.winners)) return { ok: false, reason: 'winners do not follow from the seed and entries' };
  return { ok: true };
}
