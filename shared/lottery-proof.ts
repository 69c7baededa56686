/**
 * The draw anyone can recompute, in its two versions. Shared by the server
 * (which draws), the verifier CLI and the browser verify page, so there is
 * exactly one implementation of each algorithm (docs/PROTOCOL.md states them
 * for independent implementations). Hashing uses Web Crypto, which Node 20
 * and every browser have; the beacon's BLS check (shared/drand.ts) is loaded
 * only when a v2 proof is checked, so pages that never check one stay light.
 *
 * frontrow-lottery-v1 (commit-only: the operator, who holds the seed, must be trusted)
 * 1. entries = [memberId, weight] pairs sorted by memberId (UTF-8 byte order);
 *    entriesHash = hex sha256 of JSON.stringify(entries).
 * 2. per entry: h = HMAC-SHA256(key = seed bytes, message = entriesHash + ":" + memberId);
 *    x = first 8 bytes of h as a big-endian unsigned integer;
 *    u = ((x >> 11) + 0.5) / 2^53;  k = ln(u) / weight.
 * 3. order = entries by k, largest first (ties: smaller memberId first);
 *    winners = the first `winnerCount` of the order.
 *
 * frontrow-lottery-v2 (nobody knows the randomness until the entries are frozen)
 * As v1, except the HMAC key of step 2 is sha256(seed bytes ‖ beacon randomness bytes),
 * where the beacon is the drand round named when the entries froze — the second
 * round after that moment, round(frozenAt) + 2, so not yet emitted — and signed
 * by the chain the proof names (its info hashing to its chain hash). The whole order is
 * published: after the winners come the alternates, in turn.
 */
import { invitesProblem, type InviteProof } from './domain/invite-entries.ts';
import type { DrandChain, DrandRound } from './drand-chain.ts';
import { fromHex, hex } from './hex.ts';

export { fromHex, hex } from './hex.ts';

export const LOTTERY_ALGORITHM = 'frontrow-lottery-v1';
export const LOTTERY_ALGORITHM_V2 = 'frontrow-lottery-v2';

export type LotteryEntryPair = [memberId: string, weight: number];

interface ProofCommon {
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
  /** Invite-to-win (issue 14): the rule, and each entrant's base weight and counted friends; absent: no invite entries. */
  invites?: InviteProof;
}

export interface LotteryProofV1 extends ProofCommon {
  algorithm: typeof LOTTERY_ALGORITHM;
}

export interface LotteryProofV2 extends ProofCommon {
  algorithm: typeof LOTTERY_ALGORITHM_V2;
  /** When the entries froze: the entries hash and the beacon round were published then. */
  frozenAt: number;
  /** 'equal': every entry weighs 1 whatever the member's tier. */
  odds: 'tier' | 'equal';
  beacon: DrandRound & { chain: DrandChain };
  /** Every entrant in draw order: the winners, then the alternates in turn. */
  order: string[];
}

export type LotteryProof = LotteryProofV1 | LotteryProofV2;

const encoder = new TextEncoder();

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

/** v2's HMAC key: sha256(seed bytes ‖ beacon randomness bytes), as hex. */
export async function v2DrawKey(seedHex: string, randomnessHex: string): Promise<string> {
  return sha256Hex(new Uint8Array([...fromHex(seedHex), ...fromHex(randomnessHex)]));
}

/** Steps 2 and 3 over entries already sorted, with their hash: every member id in draw order. */
export async function drawOrder(keyHex: string, sorted: LotteryEntryPair[], entriesHash: string): Promise<string[]> {
  const key = await crypto.subtle.importKey('raw', fromHex(keyHex) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const scored: Array<{ memberId: string; k: number }> = [];
  for (const [memberId, weight] of sorted) {
    const h = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${entriesHash}:${memberId}`)));
    const x = new DataView(h.buffer).getBigUint64(0, false);
    const u = (Number(x >> 11n) + 0.5) / 2 ** 53;
    scored.push({ memberId, k: Math.log(u) / weight });
  }
  scored.sort((a, b) => (b.k !== a.k ? b.k - a.k : compareUtf8(a.memberId, b.memberId)));
  return scored.map((s) => s.memberId);
}

/** v1's winners: the first `winners` of the order keyed by the seed alone. */
export async function pickWinners(seedHex: string, sorted: LotteryEntryPair[], entriesHash: string, winners: number): Promise<string[]> {
  return (await drawOrder(seedHex, sorted, entriesHash)).slice(0, winners);
}

/** The steps a verifier takes, in order; each names what it checked so a page or CLI can explain it. */
export type ProofStepId = 'algorithm' | 'commitment' | 'entries' | 'entriesHash' | 'odds' | 'invites' | 'chain' | 'round' | 'signature' | 'order';
export interface ProofStep {
  id: ProofStepId;
  ok: boolean;
  /** Why it failed (English; pages show their own words per step id). */
  reason?: string;
}

export interface ProofCheck {
  ok: boolean;
  version: 1 | 2 | null;
  steps: ProofStep[];
  /** v2: whether the beacon chain is drand's public quicknet (otherwise whoever runs the chain could steer the draw). */
  publicChain?: boolean;
  /** v2: when the beacon round was emitted, by the chain's clock (epoch ms), once the chain checked out. */
  roundEmittedAt?: number;
}

export type VerifyResult = { ok: true; version: 1 | 2; publicChain?: boolean } | { ok: false; reason: string };

/** Recomputes everything a proof claims; the first mismatch is the reason. */
export async function verifyProof(proof: LotteryProof): Promise<VerifyResult> {
  const check = await checkProof(proof);
  const failed = check.steps.find((s) => !s.ok);
  if (failed || !check.ok || check.version === null) return { ok: false, reason: failed?.reason ?? 'the proof does not hold' };
  return { ok: true, version: check.version, ...(check.publicChain !== undefined ? { publicChain: check.publicChain } : {}) };
}

/** Every step of the check, stopping at the first that fails. */
export async function checkProof(proof: LotteryProof): Promise<ProofCheck> {
  const steps: ProofStep[] = [];
  const version = proof.algorithm === LOTTERY_ALGORITHM ? 1 : proof.algorithm === LOTTERY_ALGORITHM_V2 ? 2 : null;
  const step = (id: ProofStepId, reason: string | null): boolean => {
    steps.push(reason === null ? { id, ok: true } : { id, ok: false, reason });
    return reason === null;
  };
  const done = (extra: Partial<ProofCheck> = {}): ProofCheck => ({ ok: steps.every((s) => s.ok), version, steps, ...extra });
  if (!step('algorithm', version ? null : `unknown algorithm ${String((proof as { algorithm?: unknown }).algorithm)}`)) return done();
  if (!step('commitment', await commitmentProblem(proof))) return done();
  if (!step('entries', entriesProblem(proof.entries))) return done();
  const sorted = proof.entries;
  if (!step('entriesHash', (await entriesHashOf(sorted)) === proof.entriesHash ? null : 'entriesHash does not match the entries')) return done();
  if (proof.invites && !step('invites', invitesProblem(sorted, proof.invites, proof.algorithm === LOTTERY_ALGORITHM_V2 ? proof.odds : 'tier'))) return done();
  if (proof.algorithm === LOTTERY_ALGORITHM) {
    const winners = await pickWinners(proof.seed, sorted, proof.entriesHash, proof.winnerCount);
    step('order', same(winners, proof.winners) ? null : 'winners do not follow from the seed and entries');
    return done();
  }
  // With invite entries, equal odds means every base weight is 1 (the invites step checked it).
  const equalOddsBroken = proof.odds === 'equal' && !proof.invites && !sorted.every(([, w]) => w === 1);
  if (!step('odds', equalOddsBroken ? 'equal odds, but an entry weighs more than 1' : null)) return done();
  // Loaded here, so only a v2 check pays for BLS12-381.
  const { QUICKNET, chainProblem, drawRoundFor, roundProblem, roundTimeMs } = await import('./drand.ts');
  const { chain, ...round } = proof.beacon;
  if (!step('chain', chainProblem(chain))) return done();
  // Worked out here, where the chain code is already loaded, so pages need not import it to show it.
  const facts = { publicChain: chain.hash === QUICKNET.hash, roundEmittedAt: roundTimeMs(chain, round.round) };
  const named = Number.isSafeInteger(proof.frozenAt) ? drawRoundFor(chain, proof.frozenAt) : NaN;
  if (!step('round', round.round === named ? null : `round ${round.round} is not the one named when the entries froze (${named})`)) return done(facts);
  if (!step('signature', roundProblem(chain, round))) return done(facts);
  const order = await drawOrder(await v2DrawKey(proof.seed, round.randomness), sorted, proof.entriesHash);
  const orderOk = same(order, proof.order) && same(order.slice(0, proof.winnerCount), proof.winners);
  step('order', orderOk ? null : 'the order and winners do not follow from the seed, the beacon and the entries');
  return done(facts);
}

async function commitmentProblem(proof: LotteryProof): Promise<string | null> {
  if (typeof proof.seed !== 'string' || !/^[0-9a-f]{64}$/.test(proof.seed)) return 'seed is not 64 hex characters';
  return (await sha256Hex(fromHex(proof.seed))) === proof.commitment ? null : 'seed does not match the commitment';
}

function entriesProblem(entries: LotteryEntryPair[]): string | null {
  if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1]) && e[1] > 0)) {
    return 'every entry is [memberId, positive whole weight]';
  }
  if (new Set(entries.map(([id]) => id)).size !== entries.length) return 'a member entered twice';
  return same(sortEntries(entries), entries) ? null : 'entries are not sorted by memberId';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
