/**
 * frontrow-lottery-v2 against an independent reading of docs/PROTOCOL.md
 * (node:crypto and BigInt for the draw; the BLS pairing equation written out
 * instead of the library's verify), drand's own published test vector, and
 * tampering with each thing a proof commits to: seed, entries, round,
 * signature, chain key, order.
 */
import { createHash, createHmac } from 'node:crypto';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import { QUICKNET, chainHashOf, drawRoundFor, roundTimeMs, verifyRound, type DrandChain, type DrandRound } from '../../shared/drand.ts';
import {
  LOTTERY_ALGORITHM_V2,
  checkProof,
  drawOrder,
  entriesHashOf,
  sortEntries,
  v2DrawKey,
  verifyProof,
  type LotteryEntryPair,
  type LotteryProofV2,
} from '../../shared/lottery-proof.ts';
import { startFakeDrand } from '../support/fake-drand.ts';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** The draw as PROTOCOL.md states v2, written separately: key = sha256(seed ‖ randomness), then v1's scoring over every entry. */
function referenceOrder(seedHex: string, randomnessHex: string, entries: LotteryEntryPair[]): string[] {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a[0], 'utf8'), Buffer.from(b[0], 'utf8')));
  const entriesHash = sha(JSON.stringify(sorted)).toString('hex');
  const key = sha(Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(randomnessHex, 'hex')]));
  return sorted
    .map(([memberId, weight]) => {
      const x = createHmac('sha256', key).update(`${entriesHash}:${memberId}`).digest().readBigUInt64BE(0);
      return { memberId, k: Math.log((Number(x >> 11n) + 0.5) / 2 ** 53) / weight };
    })
    .sort((a, b) => b.k - a.k || Buffer.compare(Buffer.from(a.memberId), Buffer.from(b.memberId)))
    .map((s) => s.memberId);
}

/** The BLS check as the pairing equation e(signature, G2) = e(H(sha256(round)), publicKey), not through shortSignatures.verify. */
function referenceSignatureHolds(chain: DrandChain, r: DrandRound): boolean {
  const message = sha(Buffer.from(BigInt(r.round).toString(16).padStart(16, '0'), 'hex'));
  const hm = bls12_381.G1.hashToCurve(message, { DST: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_' });
  const signature = bls12_381.G1.Point.fromHex(r.signature);
  const publicKey = bls12_381.G2.Point.fromHex(chain.publicKey);
  const left = bls12_381.pairing(signature, bls12_381.G2.Point.BASE);
  const right = bls12_381.pairing(hm as typeof signature, publicKey);
  return bls12_381.fields.Fp12.eql(left, right) && sha(Buffer.from(r.signature, 'hex')).toString('hex') === r.randomness;
}

async function aProof(): Promise<{ proof: LotteryProofV2; sign: (n: number) => DrandRound; chain: DrandChain }> {
  const now = Date.parse('2026-11-26T08:00:00Z');
  const relay = await startFakeDrand(() => now);
  await relay.close(); // only its chain and signer are needed here
  const seed = sha('v2 seed').toString('hex');
  const entries = sortEntries(Array.from({ length: 30 }, (_, i): LotteryEntryPair => [`member-${i}`, 1 + (i % 4)]));
  const entriesHash = await entriesHashOf(entries);
  const frozenAt = now - 1500;
  const beacon = relay.sign(drawRoundFor(relay.chain, frozenAt));
  const order = await drawOrder(await v2DrawKey(seed, beacon.randomness), entries, entriesHash);
  const proof: LotteryProofV2 = {
    algorithm: LOTTERY_ALGORITHM_V2,
    lotteryId: 'l1',
    commitment: sha(Buffer.from(seed, 'hex')).toString('hex'),
    seed,
    winnerCount: 3,
    entries,
    entriesHash,
    frozenAt,
    odds: 'tier',
    beacon: { chain: relay.chain, ...beacon },
    order,
    winners: order.slice(0, 3),
  };
  return { proof, sign: relay.sign, chain: relay.chain };
}

describe('drand beacons', () => {
  it("recomputes drand's chain hashes: quicknet's, and the walkthrough chain of drand's published test vector", () => {
    expect(chainHashOf(QUICKNET)).toBe(QUICKNET.hash);
    const walkthrough = {
      publicKey:
        '81d320f220ee9c79e60e19dedc838c31e3ab919b15481e9feb52f643628c4f6a13fdc52129493875a818109d767272ca0541cbcdcea9335f2870d781b39b845ba8cbd44fdfe4967781cf72ca5917fc9398bcf97ca0548ed5a709016c4b1ff0f3',
      period: 3,
      genesisTime: 1687506816,
      groupHash: '02d678e93908888871b70e3f015b396a8c082bc1493ae5479f8743cb5d972b54',
      schemeId: 'bls-unchained-g1-rfc9380',
      beaconId: 'walkthrough',
    };
    const chain = { ...walkthrough, hash: 'af8b6fc95693b058a3a59efe586eb31c2c352fe00cf40c62a427d87c34f7a235' };
    expect(chainHashOf(walkthrough)).toBe(chain.hash);
    // Round 38 of that chain, as drand publishes it in its client's tests.
    const round = {
      round: 38,
      randomness: 'b2fc21325a24904a6a9e81a6c63f65f6cec3f0b2400df3f4a56b214770e9ccca',
      signature: '95c93585c513ebbcb4777ff15599b3140e5ec0295faa0e483f3deadd88fa6d43f0d3703e3a4ce106e8fd6c6987f32126',
    };
    expect(verifyRound(chain, round)).toBeNull();
    expect(verifyRound(chain, { ...round, round: 39 })).toMatch(/does not verify/);
    expect(verifyRound({ ...chain, beaconId: 'other' }, round)).toMatch(/does not hash/);
  });

  it('names the second round after the freeze, which is emitted after it', () => {
    const frozenAt = Date.parse('2026-11-26T08:00:00.500Z');
    const round = drawRoundFor(QUICKNET, frozenAt);
    expect(roundTimeMs(QUICKNET, round)).toBeGreaterThan(frozenAt + QUICKNET.period * 1000 - 1);
    expect(roundTimeMs(QUICKNET, round - 2)).toBeLessThanOrEqual(frozenAt);
  });
});

describe('frontrow-lottery-v2 proofs', () => {
  it('recompute in an independent implementation: commitment, entries hash, beacon signature, winners and alternates', async () => {
    const { proof } = await aProof();
    expect(sha(Buffer.from(proof.seed, 'hex')).toString('hex')).toBe(proof.commitment);
    expect(sha(JSON.stringify(proof.entries)).toString('hex')).toBe(proof.entriesHash);
    expect(referenceSignatureHolds(proof.beacon.chain, proof.beacon)).toBe(true);
    const order = referenceOrder(proof.seed, proof.beacon.randomness, proof.entries);
    expect(proof.order).toEqual(order);
    expect(proof.winners).toEqual(order.slice(0, 3));
    expect(new Set(order)).toEqual(new Set(proof.entries.map(([id]) => id)));
    expect(await verifyProof(proof)).toEqual({ ok: true, version: 2, publicChain: false });
  });

  it('depends on the beacon: the next round orders the same entries differently', async () => {
    const { proof, sign } = await aProof();
    const next = sign(proof.beacon.round + 1);
    expect(referenceOrder(proof.seed, next.randomness, proof.entries)).not.toEqual(proof.order);
  });

  const tampers: Array<[string, (p: LotteryProofV2, sign: (n: number) => DrandRound) => LotteryProofV2, string]> = [
    ['the seed', (p) => ({ ...p, seed: sha('another seed').toString('hex') }), 'commitment'],
    ['the seed and its commitment together', (p) => {
      const seed = sha('another seed').toString('hex');
      return { ...p, seed, commitment: sha(Buffer.from(seed, 'hex')).toString('hex') };
    }, 'order'],
    ['an entry', (p) => ({ ...p, entries: p.entries.map(([id, w], i): LotteryEntryPair => [id, i === 3 ? w + 1 : w]) }), 'entriesHash'],
    ['the round (a signed later round)', (p, sign) => ({ ...p, beacon: { ...p.beacon, ...sign(p.beacon.round + 1) } }), 'round'],
    ['the freeze time', (p) => ({ ...p, frozenAt: p.frozenAt - 60_000 }), 'round'],
    ['the signature', (p, sign) => ({ ...p, beacon: { ...p.beacon, signature: sign(p.beacon.round + 5).signature } }), 'signature'],
    ['the randomness', (p) => ({ ...p, beacon: { ...p.beacon, randomness: sha('x').toString('hex') } }), 'signature'],
    ['the chain key', (p) => ({ ...p, beacon: { ...p.beacon, chain: { ...p.beacon.chain, publicKey: QUICKNET.publicKey } } }), 'chain'],
    ['the order', (p) => ({ ...p, order: [p.order[1]!, p.order[0]!, ...p.order.slice(2)] }), 'order'],
    ['the winners', (p) => ({ ...p, winners: [p.order[3]!, ...p.winners.slice(1)] }), 'order'],
    ['the odds (claimed equal, weighted entries)', (p) => ({ ...p, odds: 'equal' }), 'odds'],
  ];
  for (const [what, tamper, step] of tampers) {
    it(`fails when ${what} is changed, at the ${step} step`, async () => {
      const { proof, sign } = await aProof();
      const check = await checkProof(tamper(proof, sign));
      expect(check.ok).toBe(false);
      expect(check.steps.find((s) => !s.ok)?.id).toBe(step);
    });
  }
});
