/**
 * drand beacons, checked offline: the chain's identity (its hash over the
 * chain info), round timing, and a round's BLS signature. Shared by the
 * server (which fetches a round to draw with), the verifier CLI and the
 * browser verify page. Pure and synchronous; BLS12-381 comes from
 * @noble/curves (audited, no native code, runs in both places).
 *
 * Only the scheme quicknet uses is accepted: bls-unchained-g1-rfc9380 —
 * signatures on G1 (48 bytes), the public key on G2 (96 bytes), the signed
 * message sha256(round as 8 bytes big-endian), randomness sha256(signature).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, hex } from './hex.ts';
import { DRAND_SCHEME, type DrandChain, type DrandRound } from './drand-chain.ts';

export * from './drand-chain.ts';

/** The hash-to-curve domain tag of bls-unchained-g1-rfc9380 (RFC 9380, G1, "NUL" signatures). */
export const DRAND_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

/** drand's chain hash: sha256(period u32 BE ‖ genesis i64 BE ‖ public key ‖ group hash ‖ beacon id unless "default"). */
export function chainHashOf(c: Omit<DrandChain, 'hash'>): string {
  const head = new Uint8Array(12);
  const view = new DataView(head.buffer);
  view.setUint32(0, c.period);
  view.setBigInt64(4, BigInt(c.genesisTime));
  const id = c.beaconId && c.beaconId !== 'default' ? new TextEncoder().encode(c.beaconId) : new Uint8Array(0);
  return hex(sha256(concat(head, fromHex(c.publicKey), fromHex(c.groupHash), id)));
}

/** Why the chain is not what it claims to be (null: it is): the scheme we verify, well-formed, hashing to its hash. */
export function chainProblem(c: DrandChain): string | null {
  if (c.schemeId !== DRAND_SCHEME) return `beacon scheme ${c.schemeId} is not ${DRAND_SCHEME}`;
  if (!/^[0-9a-f]{192}$/.test(c.publicKey) || !/^[0-9a-f]{64}$/.test(c.groupHash)) return 'the chain public key or group hash is malformed';
  if (!Number.isSafeInteger(c.period) || c.period < 1 || !Number.isSafeInteger(c.genesisTime)) return 'the chain period or genesis is malformed';
  return chainHashOf(c) === c.hash ? null : 'the chain info does not hash to the chain it claims';
}

/** Why the round was not signed by this chain's key (null: it was); the chain is checked first by chainProblem. */
export function roundProblem(c: DrandChain, r: DrandRound): string | null {
  if (!Number.isSafeInteger(r.round) || r.round < 1) return 'the beacon round is not a round number';
  if (typeof r.signature !== 'string' || !/^[0-9a-f]{96}$/.test(r.signature)) return 'the beacon signature is not 48 bytes of hex';
  if (hex(sha256(fromHex(r.signature))) !== r.randomness) return 'the beacon randomness is not the hash of its signature';
  let valid: boolean;
  try {
    const bls = bls12_381.shortSignatures;
    valid = bls.verify(fromHex(r.signature), bls.hash(roundMessage(r.round), DRAND_DST), fromHex(c.publicKey));
  } catch {
    valid = false; // a signature or key that is not a curve point
  }
  return valid ? null : `the beacon signature does not verify for round ${r.round} of chain ${c.hash.slice(0, 12)}…`;
}

/** Both checks: what the server runs on a round it fetched before drawing with it. */
export function verifyRound(c: DrandChain, r: DrandRound): string | null {
  return chainProblem(c) ?? roundProblem(c, r);
}

/** What a round signs: sha256 of its number as 8 bytes big-endian. */
export function roundMessage(round: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(round));
  return sha256(bytes);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
