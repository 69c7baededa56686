/**
 * `npm run verify:lottery -- <proof.json | url> [--lang zh-TW]`: recomputes a Front Row
 * lottery draw from its published proof and says whether it holds.
 * Accepts a bare proof or the API's `{ proof }`. Exit 0: holds; 1: does not; 2: could not read it.
 */
import { readFile } from 'node:fs/promises';
import { handoverProblem } from '../../shared/domain/prize-handover.ts';
import { checkProof, type LotteryProof } from '../../shared/lottery-proof.ts';
import type { Lottery } from '../../shared/perks.ts';
import { VERIFY_WORDS, languageFrom, type VerifyWords } from './verify-words.ts';

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
  const v2 = ['frozenAt', 'odds', 'beacon', 'order'] as const;
  const needed = candidate && typeof candidate === 'object' && candidate.algorithm === 'frontrow-lottery-v2' ? [...fields, ...v2] : fields;
  const missing = needed.filter((f) => !(candidate && typeof candidate === 'object' && f in candidate));
  if (missing.length > 0) throw new Error(`not a lottery proof (missing ${missing.join(', ')})`);
  if (!Array.isArray(candidate.entries) || !Array.isArray(candidate.winners)) throw new Error('entries and winners must be arrays');
  if (candidate.algorithm === 'frontrow-lottery-v2' && (!Array.isArray(candidate.order) || typeof candidate.beacon !== 'object' || !candidate.beacon?.chain)) {
    throw new Error('a v2 proof needs order (an array) and beacon (with its chain)');
  }
  return candidate;
}

/**
 * Given the proof's URL, also reads the lottery beside it and confirms each
 * prize's holder follows from the draw order and the published claim times
 * (a winner who did not claim in time passes it to the next alternate).
 * undefined: nothing to check (a file, or not drawn); false: it does not follow.
 */
async function checkHandover(source: string, proof: LotteryProof, words: VerifyWords): Promise<boolean | undefined> {
  const lotteryUrl = /^https?:\/\/.+\/proof$/i.test(source) ? source.replace(/\/proof$/i, '') : null;
  if (!lotteryUrl) return undefined;
  const { lottery } = (await load(lotteryUrl)) as { lottery: Lottery };
  if (!lottery?.prizes) return undefined;
  const order = proof.algorithm === 'frontrow-lottery-v2' ? proof.order : proof.winners;
  const published = { ...lottery, claimWindowHours: lottery.settings.claimWindowHours };
  // As of the moment the server showed them: a window that closed since is the next reader's to check.
  const problem = handoverProblem(order, proof.winnerCount, published, lottery.prizesAt ?? Date.now());
  for (const p of lottery.prizes) {
    const who = p.rank < proof.winnerCount ? words.winner : words.alternate(p.rank - proof.winnerCount + 1);
    console.log(words.prize(p.slot + 1, p.status === 'claimed', p.memberId, who));
  }
  if (problem) {
    console.log(`${words.prizesFail}: ${problem}`);
    return false;
  }
  console.log(words.prizesHold);
  return true;
}

async function main(): Promise<number> {
  const { lang, rest } = languageFrom(process.argv.slice(2));
  const words = VERIFY_WORDS[lang];
  const source = rest[0];
  if (!source) {
    console.error('usage: npm run verify:lottery -- <proof.json | url> [--lang zh-TW]');
    return 2;
  }
  let proof: LotteryProof;
  try {
    proof = asProof(await load(source));
  } catch (err) {
    console.error(`cannot read the proof: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const check = await checkProof(proof);
  for (const step of check.steps) console.log(`${step.ok ? 'ok  ' : 'FAIL'} ${words.steps[step.id]}${step.ok ? '' : `: ${step.reason}`}`);
  const failed = check.steps.find((s) => !s.ok);
  if (!check.ok || failed) {
    console.log(`${words.fails}: ${failed?.reason ?? 'the proof does not hold'}`);
    return 1;
  }
  console.log(`${words.holds}: ${proof.algorithm}, lottery ${proof.lotteryId ?? '?'}, ${proof.entries.length} entries, winners ${proof.winners.join(', ') || '(none)'}`);
  const handover = await checkHandover(source, proof, words);
  if (handover === false) return 1;
  if (proof.algorithm === 'frontrow-lottery-v2') {
    const alternates = proof.order.slice(proof.winnerCount);
    console.log(`${words.alternates}: ${alternates.slice(0, 10).join(', ') || '(none)'}${alternates.length > 10 ? ` … (${alternates.length} in all)` : ''}`);
    console.log(words.beacon(proof.beacon.round, proof.beacon.chain.hash));
    if (!check.publicChain) {
      console.log(words.otherChain);
    }
  } else {
    console.log(words.v1);
  }
  return 0;
}

main().then((code) => process.exit(code));
