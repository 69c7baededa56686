/**
 * `npm run verify:lottery -- <proof.json | url>`: recomputes a Front Row
 * lottery draw from its published proof and says whether it holds.
 * Accepts a bare proof or the API's `{ proof }`. Exit 0: holds; 1: does not; 2: could not read it.
 */
import { readFile } from 'node:fs/promises';
import { verifyProof, type LotteryProof } from '../../shared/lottery-proof.ts';

async function load(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`GET ${source}: HTTP ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

function asProof(value: unknown): LotteryProof {
  const candidate = (value && typeof value === 'object' && 'proof' in value ? (value as { proof: unknown }).proof : value) as LotteryProof;
  const fields = ['algorithm', 'commitment', 'seed', 'winnerCount', 'entries', 'entriesHash', 'winners'] as const;
  const missing = fields.filter((f) => !(candidate && typeof candidate === 'object' && f in candidate));
  if (missing.length > 0) throw new Error(`not a lottery proof (missing ${missing.join(', ')})`);
  if (!Array.isArray(candidate.entries) || !Array.isArray(candidate.winners)) throw new Error('entries and winners must be arrays');
  return candidate;
}

async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: npm run verify:lottery -- <proof.json | url>');
    return 2;
  }
  let proof: LotteryProof;
  try {
    proof = asProof(await load(source));
  } catch (err) {
    console.error(`cannot read the proof: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const result = await verifyProof(proof);
  if (result.ok) {
    console.log(`PROOF HOLDS: lottery ${proof.lotteryId ?? '?'}, ${proof.entries.length} entries, winners ${proof.winners.join(', ') || '(none)'}`);
    return 0;
  }
  console.log(`PROOF FAILS: ${result.reason}`);
  return 1;
}

main().then((code) => process.exit(code));
