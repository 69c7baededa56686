/**
 * frontrow-lottery-v1 against an independent reading of the published
 * algorithm (node:crypto and BigInt instead of Web Crypto), tamper detection,
 * UTF-8 ordering, and win frequencies over a fixed list of seeds.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  LOTTERY_ALGORITHM,
  entriesHashOf,
  pickWinners,
  sha256Hex,
  sortEntries,
  verifyProof,
  type LotteryEntryPair,
  type LotteryProof,
} from '../../shared/lottery-proof.ts';

const seedFor = (label: string) => createHash('sha256').update(label).digest('hex');

/** The algorithm as docs/PROTOCOL.md states it, written separately. */
function referenceWinners(seedHex: string, entries: LotteryEntryPair[], winners: number): string[] {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a[0], 'utf8'), Buffer.from(b[0], 'utf8')));
  const hash = createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
  const keyed = sorted.map(([memberId, weight]) => {
    const h = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(`${hash}:${memberId}`).digest();
    const x = h.readBigUInt64BE(0);
    const u = (Number(x >> 11n) + 0.5) / 2 ** 53;
    return { memberId, k: Math.log(u) / weight };
  });
  keyed.sort((a, b) => b.k - a.k || Buffer.compare(Buffer.from(a.memberId), Buffer.from(b.memberId)));
  return keyed.slice(0, winners).map((e) => e.memberId);
}

async function proofOf(seed: string, entries: LotteryEntryPair[], winnerCount: number): Promise<LotteryProof> {
  const sorted = sortEntries(entries);
  const entriesHash = await entriesHashOf(sorted);
  return {
    algorithm: LOTTERY_ALGORITHM,
    lotteryId: 'lot-1',
    commitment: await sha256Hex(Buffer.from(seed, 'hex')),
    seed,
    winnerCount,
    entries: sorted,
    entriesHash,
    winners: await pickWinners(seed, sorted, entriesHash, winnerCount),
  };
}

const crowd: LotteryEntryPair[] = Array.from({ length: 60 }, (_, i) => [`member-${(i * 7919) % 1000}`, 1 + (i % 4)]);

describe('frontrow-lottery-v1', () => {
  it('agrees with an independent implementation of the published algorithm', async () => {
    for (let i = 0; i < 20; i++) {
      const seed = seedFor(`agree-${i}`);
      const proof = await proofOf(seed, crowd, 5);
      expect(proof.winners).toEqual(referenceWinners(seed, crowd, 5));
    }
  });

  it('sorts member ids by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF71 (EF BD B1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    const sorted = sortEntries([['\u{1F600}', 1], ['\uFF71', 1], ['a', 1]]);
    expect(sorted.map(([id]) => id)).toEqual(['a', '\uFF71', '\u{1F600}']);
  });

  it('verifies an honest proof, and draws fewer winners than asked when fewer entered', async () => {
    const proof = await proofOf(seedFor('honest'), crowd.slice(0, 3), 5);
    expect(proof.winners).toHaveLength(3);
    expect(await verifyProof(proof)).toEqual({ ok: true, version: 1 });
  });

  it.each([
    ['a different seed', (p: LotteryProof) => ({ ...p, seed: seedFor('other') }), /commitment/],
    ['a seed and commitment both swapped', async (p: LotteryProof) => {
      const seed = seedFor('swapped');
      return { ...p, seed, commitment: await sha256Hex(Buffer.from(seed, 'hex')) };
    }, /winners/],
    ['an entry removed', (p: LotteryProof) => ({ ...p, entries: p.entries.slice(1) }), /entriesHash/],
    ['a weight raised', (p: LotteryProof) => ({ ...p, entries: p.entries.map(([id, w], i) => [id, i === 0 ? w + 3 : w] as LotteryEntryPair) }), /entriesHash/],
    ['a weight raised with a recomputed hash', async (p: LotteryProof) => {
      const entries = p.entries.map(([id, w]) => [id, id === p.winners[1] ? w + 50 : w] as LotteryEntryPair);
      return { ...p, entries, entriesHash: await entriesHashOf(entries) };
    }, /winners/],
    ['the winners reordered', (p: LotteryProof) => ({ ...p, winners: [...p.winners].reverse() }), /winners/],
    ['entries out of order', (p: LotteryProof) => ({ ...p, entries: [...p.entries].reverse() }), /sorted/],
    ['a member entered twice', (p: LotteryProof) => ({ ...p, entries: [...p.entries, p.entries[0]!] }), /twice/],
  ])('rejects a proof with %s', async (_label, tamper, reason) => {
    const honest = await proofOf(seedFor('tamper'), crowd, 3);
    const result = await verifyProof(await tamper(honest));
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toMatch(reason);
  });

  it('wins in proportion to weight over a fixed list of 3,000 seeds (chi-square, df 2)', async () => {
    const entries: LotteryEntryPair[] = [['bronze-fan', 1], ['silver-fan', 2], ['gold-fan', 4]];
    const wins = new Map<string, number>(entries.map(([id]) => [id, 0]));
    const sorted = sortEntries(entries);
    const hash = await entriesHashOf(sorted);
    const draws = 3000;
    for (let i = 0; i < draws; i++) {
      const [winner] = await pickWinners(seedFor(`stat-${i}`), sorted, hash, 1);
      wins.set(winner!, wins.get(winner!)! + 1);
    }
    const total = 7;
    const chiSquare = entries.reduce((acc, [id, w]) => {
      const expected = (draws * w) / total;
      return acc + (wins.get(id)! - expected) ** 2 / expected;
    }, 0);
    // 13.82 is the 0.999 quantile of chi-square with 2 degrees of freedom; the seeds are fixed, so this never flakes.
    expect(chiSquare).toBeLessThan(13.82);
    expect(wins.get('gold-fan')!).toBeGreaterThan(wins.get('silver-fan')!);
    expect(wins.get('silver-fan')!).toBeGreaterThan(wins.get('bronze-fan')!);
  });
});
