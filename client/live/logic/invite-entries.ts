/**
 * Invite-to-win on a lottery card (issue 14): what each friend who joins
 * through the member's share link adds to their entries, and the cap
 * (shared/domain/invite-entries.ts decides the weight; this only says it).
 */
import type { InviteEntries } from '../../../shared/domain/invite-entries.ts';
import type { LotterySettings } from '../../../shared/perks.ts';
import { formatNumber } from '../../common/format.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import type { LiveDictionary } from '../i18n.ts';

/** "Invite friends: +2 entries each (up to 10)"; null when the lottery gives nothing for invites. */
export function inviteLine(t: Translate<LiveDictionary>, settings: Pick<LotterySettings, 'inviteEntries'>, locale: Locale): string | null {
  const rule: InviteEntries | null | undefined = settings.inviteEntries;
  if (!rule) return null;
  return t('lottery.invite', { count: rule.perFriend, max: formatNumber(rule.maxExtra, locale) });
}
