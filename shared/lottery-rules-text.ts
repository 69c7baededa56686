/**
 * The official rules of a giveaway, written out from its settings (issue 12)
 * in English and Traditional Chinese: who may enter, how the winners are
 * chosen, the claim window and the alternates. One generator for the room's
 * lottery card, the verify page and the host's preview, so what members read
 * is exactly what the server enforces. Pure.
 */
import type { Lottery } from './perks.ts';

export type RulesLanguage = 'en' | 'zh-TW';

/** What the rules are written from: the lottery as clients see it. */
export type RulesSource = Pick<
  Lottery,
  'winners' | 'minTier' | 'entryCostPoints' | 'requireWatching' | 'settings' | 'drawAlgorithm'
> & { tierName?: string | null };

export interface RulesText {
  whoMayEnter: string[];
  howWinnersAreChosen: string[];
  claiming: string[];
}

export function lotteryRulesText(l: RulesSource, lang: RulesLanguage): RulesText {
  return lang === 'zh-TW' ? zh(l) : en(l);
}

function en(l: RulesSource): RulesText {
  const s = l.settings;
  const tier = l.tierName ?? l.minTier;
  const whoMayEnter = s.freeEntry
    ? ['Free to enter for every member: no purchase necessary, no tier needed, no need to be watching.']
    : [
        l.entryCostPoints > 0 ? `Entering costs ${l.entryCostPoints} points, spent when you enter.` : 'Entering is free.',
        tier ? `Open to ${tier} members and up.` : 'Open to members of every tier.',
        ...(l.requireWatching ? ['You must be watching the show when you enter.'] : []),
      ];
  if (s.minAccountAgeDays > 0) whoMayEnter.push(`Your account must be at least ${plural(s.minAccountAgeDays, 'day')} old.`);
  if (s.excludeRecentWinners > 0) {
    whoMayEnter.push(`Members offered a prize in the seller's last ${plural(s.excludeRecentWinners, 'draw')} cannot enter.`);
  }
  whoMayEnter.push('One entry per member.');
  const howWinnersAreChosen = [
    `${plural(l.winners, 'winner')} ${l.winners === 1 ? 'is' : 'are'} drawn at random when the host closes the entries.`,
    s.odds === 'equal' ? 'Every entry has the same chance of winning.' : "Each entry's chance is weighted by the member's tier.",
    ...(s.inviteEntries
      ? [
          `Invite to win: each friend who joins through your share link and counts as a referral while the lottery is open adds ${s.inviteEntries.perFriend === 1 ? '1 entry' : `${s.inviteEntries.perFriend} entries`}, up to ${s.inviteEntries.maxExtra} more. The published proof lists every entry's friends.`,
        ]
      : []),
    l.drawAlgorithm === 'frontrow-lottery-v2'
      ? 'The draw mixes a secret committed when the lottery opened with a public drand random number that did not exist when entries closed: nobody, not even the seller, can steer it. Anyone can check the draw.'
      : 'The draw follows from a secret committed when the lottery opened; anyone can check it afterwards, but the seller, who holds the secret, must be trusted.',
  ];
  const claiming = [
    `Winners claim their prize in the show's room within ${plural(s.claimWindowHours, 'hour')} of the draw.`,
    l.drawAlgorithm === 'frontrow-lottery-v2'
      ? 'A prize not claimed in time passes to the next alternate in the published draw order, who gets the same time to claim it.'
      : 'A prize not claimed in time is forfeited.',
  ];
  return { whoMayEnter, howWinnersAreChosen, claiming };
}

function zh(l: RulesSource): RulesText {
  const s = l.settings;
  const tier = l.tierName ?? l.minTier;
  const whoMayEnter = s.freeEntry
    ? ['所有會員皆可免費參加：無須購買、不限等級、不必正在觀看。']
    : [
        l.entryCostPoints > 0 ? `參加需花費 ${l.entryCostPoints} 點，於參加時扣除。` : '免費參加。',
        tier ? `限 ${tier} 以上會員參加。` : '所有等級的會員皆可參加。',
        ...(l.requireWatching ? ['參加時須正在觀看直播。'] : []),
      ];
  if (s.minAccountAgeDays > 0) whoMayEnter.push(`帳號須已建立至少 ${s.minAccountAgeDays} 天。`);
  if (s.excludeRecentWinners > 0) whoMayEnter.push(`在賣家最近 ${s.excludeRecentWinners} 次抽獎中獲得獎品資格的會員不得參加。`);
  whoMayEnter.push('每位會員限參加一次。');
  const howWinnersAreChosen = [
    `主持人截止報名時，隨機抽出 ${l.winners} 位得獎者。`,
    s.odds === 'equal' ? '每份報名的中獎機會均等。' : '每份報名的中獎機會依會員等級加權。',
    ...(s.inviteEntries
      ? [`邀請抽獎碼：抽獎開放期間，每位透過你的分享連結加入並計為推薦的朋友，可多得 ${s.inviteEntries.perFriend} 份，最多加 ${s.inviteEntries.maxExtra} 份。公開的證明會列出每份報名的朋友。`]
      : []),
    l.drawAlgorithm === 'frontrow-lottery-v2'
      ? '抽獎結合開放時即已承諾的秘密值，以及報名截止時尚未產生的 drand 公開隨機數：任何人，包括賣家，都無法操控結果。任何人都能驗證抽獎。'
      : '抽獎結果由開放時即已承諾的秘密值決定；事後任何人都能驗證，但持有秘密值的賣家必須被信任。',
  ];
  const claiming = [
    `得獎者須於開獎後 ${s.claimWindowHours} 小時內在直播間領取獎品。`,
    l.drawAlgorithm === 'frontrow-lottery-v2'
      ? '逾期未領取的獎品將依公開的抽獎順序轉給下一位候補，候補者享有相同的領取時間。'
      : '逾期未領取的獎品視同放棄。',
  ];
  return { whoMayEnter, howWinnersAreChosen, claiming };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
