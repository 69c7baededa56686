/**
 * drand chains and their clock, without any cryptography, so code that only
 * names a chain or a round (the server choosing one, a page showing one)
 * does not load BLS12-381. Checking signatures is shared/drand.ts.
 */

export const DRAND_SCHEME = 'bls-unchained-g1-rfc9380';

/** What identifies a chain; drand's `/info` as we keep it. Times in seconds, as drand gives them. */
export interface DrandChain {
  /** hex sha256 over the fields below (drand's chain hash) */
  hash: string;
  publicKey: string;
  period: number;
  genesisTime: number;
  groupHash: string;
  schemeId: string;
  beaconId: string;
}

export interface DrandRound {
  round: number;
  randomness: string;
  signature: string;
}

/** The League of Entropy's public quicknet chain: 3 s rounds since 2023-08-23. */
export const QUICKNET: DrandChain = {
  hash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  period: 3,
  genesisTime: 1692803367,
  groupHash: 'f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e',
  schemeId: DRAND_SCHEME,
  beaconId: 'quicknet',
};

/** The round current at `ms` (0 before genesis). */
export function roundAt(c: DrandChain, ms: number): number {
  const elapsed = ms / 1000 - c.genesisTime;
  return elapsed < 0 ? 0 : Math.floor(elapsed / c.period) + 1;
}

/** When a round is emitted, in epoch milliseconds. */
export function roundTimeMs(c: DrandChain, round: number): number {
  return (c.genesisTime + (round - 1) * c.period) * 1000;
}


/** A v2 draw's round: the second after the freeze, so it is not emitted yet even if the server's clock runs a little fast. */
export const DRAW_ROUND_AFTER_FREEZE = 2;

export function drawRoundFor(c: DrandChain, frozenAtMs: number): number {
  return roundAt(c, frozenAtMs) + DRAW_ROUND_AFTER_FREEZE;
}
