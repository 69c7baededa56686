/**
 * What the verifier CLI says, in English and Traditional Chinese (`--lang zh-TW`).
 * The verdict lines keep their English prefixes (PROOF HOLDS / PROOF FAILS) in
 * both, so scripts can read them; checkProof's reasons stay English.
 */
import type { ProofStepId } from '../../shared/lottery-proof.ts';

export type CliLanguage = 'en' | 'zh-TW';

export interface VerifyWords {
  steps: Record<ProofStepId, string>;
  holds: string;
  fails: string;
  alternates: string;
  beacon: (round: number, chain: string) => string;
  otherChain: string;
  v1: string;
  prize: (n: number, claimed: boolean, memberId: string, role: string) => string;
  winner: string;
  alternate: (n: number) => string;
  prizesHold: string;
  prizesFail: string;
}

export const VERIFY_WORDS: Record<CliLanguage, VerifyWords> = {
  en: {
    steps: {
      algorithm: 'the proof names an algorithm this verifier knows',
      commitment: 'the revealed seed hashes to the commitment published when the lottery opened',
      entries: 'every entry is a member with a positive whole weight, each once, sorted by member id',
      entriesHash: 'the entries hash to the entries hash',
      odds: 'with equal odds, every entry weighs 1',
      chain: "the beacon chain's info (public key, period, genesis, group) hashes to the chain it claims",
      round: 'the beacon round is the one named when the entries froze (the second round after that moment)',
      signature: "the round's randomness is the hash of its signature, and the chain's key signed that round",
      order: 'the winners and alternates follow from the seed, the beacon and the entries',
      invites: "every entry weighs its base plus its invited friends' entries (up to the cap), and no friend counts twice",
    },
    holds: 'PROOF HOLDS',
    fails: 'PROOF FAILS',
    alternates: 'alternates in turn',
    beacon: (round, chain) => `beacon: drand round ${round} of chain ${chain}`,
    otherChain:
      "WARNING: that chain is not drand's public quicknet: the proof holds against its key, but whoever runs that chain could have steered the draw.",
    v1: 'v1 is commit-only: the operator held the seed before the draw and could have added entries to steer it; trust the operator, or ask for v2.',
    prize: (n, claimed, memberId, role) => `prize ${n}: ${claimed ? 'claimed by' : 'offered to'} ${memberId} (${role})`,
    winner: 'winner',
    alternate: (n) => `alternate ${n}`,
    prizesHold: 'ok   every prize holder follows from the draw order and the published claim times',
    prizesFail: 'PRIZES DO NOT FOLLOW FROM THE DRAW',
  },
  'zh-TW': {
    steps: {
      algorithm: '證明使用本驗證工具認得的演算法',
      commitment: '公開的種子經雜湊後，等於抽獎開放時公布的承諾值',
      entries: '每份報名都是一位會員、權重為正整數、各出現一次，並依會員 ID 排序',
      entriesHash: '報名清單的雜湊值與公布的報名雜湊一致',
      odds: '機會均等時，每份報名的權重都是 1',
      chain: 'beacon 鏈的資訊（公鑰、週期、起始時間、群組）經雜湊後等於其宣稱的鏈',
      round: 'beacon 輪次正是報名凍結時指定的那一輪（凍結後的第二輪）',
      signature: '該輪的隨機數是其簽章的雜湊值，且該輪由鏈的公鑰簽署',
      order: '得獎者與候補順序由種子、beacon 與報名清單推導而來',
      invites: '每份報名的權重等於基本權重加上邀請朋友的加碼份數（不超過上限），且沒有朋友被重複計算',
    },
    holds: 'PROOF HOLDS（驗證通過）',
    fails: 'PROOF FAILS（驗證失敗）',
    alternates: '候補順序',
    beacon: (round, chain) => `beacon：drand 鏈 ${chain} 的第 ${round} 輪`,
    otherChain: '警告：這條鏈不是 drand 的公開 quicknet：證明在該鏈的公鑰下成立，但經營該鏈的人可能操控了抽獎。',
    v1: 'v1 僅有承諾：經營者在開獎前就持有種子，可能加入報名來操控結果；只能信任經營者，或要求使用 v2。',
    prize: (n, claimed, memberId, role) => `獎品 ${n}：${claimed ? '已由' : '目前給'} ${memberId}（${role}）${claimed ? '領取' : ''}`,
    winner: '得獎者',
    alternate: (n) => `第 ${n} 位候補`,
    prizesHold: 'ok   每位獎品持有者都符合抽獎順序與公開的領取時間',
    prizesFail: 'PRIZES DO NOT FOLLOW FROM THE DRAW（獎品歸屬不符抽獎結果）',
  },
};

/** `--lang zh-TW` or `--lang=zh-TW` anywhere among the arguments; English otherwise. */
export function languageFrom(args: string[]): { lang: CliLanguage; rest: string[] } {
  const rest: string[] = [];
  let lang: CliLanguage = 'en';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a === '--lang' ? args[++i] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value !== undefined) lang = /^zh/i.test(value) ? 'zh-TW' : 'en';
    else rest.push(a);
  }
  return { lang, rest };
}
