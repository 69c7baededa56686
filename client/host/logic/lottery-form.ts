/**
 * The lottery composer's form, as typed, to what the server and the rules
 * text take. Numbers stay text until submit (half-typed values are never
 * clobbered); a free-entry lottery cannot carry a cost, a tier or a watching
 * requirement, so the form clears them and the body leaves them out; invite
 * entries go only while their box is ticked (else null: none). Pure.
 */
import type { Locale } from '../../common/i18n.ts';
import type { InviteEntries } from '../../../shared/domain/invite-entries.ts';
import { DEFAULT_LOTTERY_SETTINGS, type Lottery, type LotterySettings } from '../../../shared/perks.ts';
import type { RulesLanguage, RulesSource } from '../../../shared/lottery-rules-text.ts';
import type { LotteryInput } from '../api.ts';
import { fromLocalInput, numberFrom } from './form-values.ts';

export interface LotteryForm {
  title: string;
  prize: string;
  winners: string;
  /** '' = every tier */
  minTier: string;
  entryCostPoints: string;
  requireWatching: boolean;
  /** `<input type="datetime-local">` value; '' = open until the draw */
  closesAt: string;
  odds: LotterySettings['odds'];
  freeEntry: boolean;
  excludeRecentWinners: string;
  minAccountAgeDays: string;
  claimWindowHours: string;
  /** Invite to win: extra entries for friends who join through the entrant's link */
  invite: boolean;
  /** entries added per friend (1–10) */
  invitePerFriend: string;
  /** at most this many extra entries (1–100) */
  inviteMaxExtra: string;
}

export const BLANK_LOTTERY_FORM: LotteryForm = {
  title: '',
  prize: '',
  winners: '1',
  minTier: '',
  entryCostPoints: '0',
  requireWatching: true,
  closesAt: '',
  odds: DEFAULT_LOTTERY_SETTINGS.odds,
  freeEntry: DEFAULT_LOTTERY_SETTINGS.freeEntry,
  excludeRecentWinners: String(DEFAULT_LOTTERY_SETTINGS.excludeRecentWinners),
  minAccountAgeDays: String(DEFAULT_LOTTERY_SETTINGS.minAccountAgeDays),
  claimWindowHours: String(DEFAULT_LOTTERY_SETTINGS.claimWindowHours),
  invite: false,
  invitePerFriend: '1',
  inviteMaxExtra: '10',
};

/** The fields a free-entry lottery may not set: the composer disables them while free entry is on. */
export const FREE_ENTRY_CLEARS = ['entryCostPoints', 'minTier', 'requireWatching'] as const;

/**
 * Free entry on: nothing to pay, no tier, no watching. Off again: those
 * fields go back to a new lottery's defaults rather than to what was typed
 * before, so nothing hidden while disabled comes back unseen.
 */
export function withFreeEntry(form: LotteryForm, freeEntry: boolean): LotteryForm {
  const cleared = { entryCostPoints: BLANK_LOTTERY_FORM.entryCostPoints, minTier: BLANK_LOTTERY_FORM.minTier };
  return { ...form, ...cleared, freeEntry, requireWatching: !freeEntry };
}

/**
 * The create-lottery body. Blank numbers are left out (the server's
 * defaults apply), junk becomes NaN so the schema names the field. With free
 * entry, cost, tier and watching are not sent at all: the server then sets
 * requireWatching false itself.
 */
export function lotteryBodyFrom(form: LotteryForm): LotteryInput {
  const entryConditions = form.freeEntry
    ? {}
    : { minTier: form.minTier || undefined, entryCostPoints: numberFrom(form.entryCostPoints), requireWatching: form.requireWatching };
  return {
    title: form.title,
    prize: form.prize,
    winners: numberFrom(form.winners) as number,
    closesAt: fromLocalInput(form.closesAt),
    odds: form.odds,
    freeEntry: form.freeEntry,
    excludeRecentWinners: numberFrom(form.excludeRecentWinners),
    minAccountAgeDays: numberFrom(form.minAccountAgeDays),
    claimWindowHours: numberFrom(form.claimWindowHours),
    inviteEntries: form.invite ? { perFriend: numberFrom(form.invitePerFriend) as number, maxExtra: numberFrom(form.inviteMaxExtra) as number } : null,
    ...entryConditions,
  };
}

/**
 * What the rules preview is written from, while the host types: a number
 * that is blank or not (yet) a valid whole number reads as the value the
 * server would use by default, so the preview never says "NaN hours".
 */
export function rulesSourceFrom(form: LotteryForm, drawAlgorithm: Lottery['drawAlgorithm'], tierName: string | null): RulesSource {
  return {
    winners: wholeOr(form.winners, 1, 1),
    minTier: form.freeEntry ? null : form.minTier || null,
    tierName: form.freeEntry ? null : tierName,
    entryCostPoints: form.freeEntry ? 0 : wholeOr(form.entryCostPoints, 0, 0),
    requireWatching: !form.freeEntry && form.requireWatching,
    drawAlgorithm,
    settings: {
      odds: form.odds,
      freeEntry: form.freeEntry,
      excludeRecentWinners: wholeOr(form.excludeRecentWinners, DEFAULT_LOTTERY_SETTINGS.excludeRecentWinners, 0),
      minAccountAgeDays: wholeOr(form.minAccountAgeDays, DEFAULT_LOTTERY_SETTINGS.minAccountAgeDays, 0),
      claimWindowHours: wholeOr(form.claimWindowHours, DEFAULT_LOTTERY_SETTINGS.claimWindowHours, 1),
      inviteEntries: inviteEntriesShown(form),
    },
  };
}

/** Invite entries as the preview says them while the host types: none while unticked, a blank or half-typed number as the form's default. */
export function inviteEntriesShown(form: LotteryForm): InviteEntries | null {
  if (!form.invite) return null;
  return {
    perFriend: wholeOr(form.invitePerFriend, Number(BLANK_LOTTERY_FORM.invitePerFriend), 1),
    maxExtra: wholeOr(form.inviteMaxExtra, Number(BLANK_LOTTERY_FORM.inviteMaxExtra), 1),
  };
}

function wholeOr(text: string, fallback: number, min: number): number {
  const n = numberFrom(text);
  return n !== undefined && Number.isInteger(n) && n >= min ? n : fallback;
}

const RULES_LANGUAGE: Record<Locale, RulesLanguage> = { en: 'en', 'zh-TW': 'zh-TW' };

/** The rules text's language for the dashboard's; a record so a new locale must say which it reads. */
export function rulesLanguageOf(locale: Locale): RulesLanguage {
  return RULES_LANGUAGE[locale];
}

/**
 * How the next lottery will be drawn. The server says so only on a lottery
 * (it depends on its LOTTERY_BEACON), so the newest one the dashboard knows
 * speaks for it; with none yet, the production default (drand, v2).
 */
export function expectedDrawAlgorithm(known: readonly Pick<Lottery, 'drawAlgorithm' | 'createdAt'>[]): Lottery['drawAlgorithm'] {
  let newest: Pick<Lottery, 'drawAlgorithm' | 'createdAt'> | null = null;
  for (const l of known) if (!newest || l.createdAt > newest.createdAt) newest = l;
  return newest?.drawAlgorithm ?? 'frontrow-lottery-v2';
}
