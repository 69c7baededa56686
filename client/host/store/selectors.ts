/**
 * Named selectors. Those returning a new array are meant for `useShallow`;
 * the rest return references held by the store, so components re-render only
 * when what they read changed.
 */
import type { Stream } from '../../../shared/models.ts';
import type { Claim, Drop, Lottery } from '../../../shared/perks.ts';
import type { Rules, Tier } from '../../../shared/rules.ts';
import { localizedTiers } from '../../common/tier-names.ts';
import { blockedWordsText, getAtPath, toDraft, type TierDraft } from '../logic/rules-draft.ts';
import type { HostState } from './index.ts';
import { EMPTY_AUDIENCE, type Audience } from './reducers.ts';

const NO_TIERS: Tier[] = [];
const NO_TIER_DRAFTS: TierDraft[] = [];
const NO_CLAIMS: Claim[] = [];

export const selectLocale = (s: HostState) => s.locale;
export const selectView = (s: HostState) => s.view;
export const selectClockOffset = (s: HostState) => s.clockOffset;
export const selectLinks = (s: HostState) => s.links;
export const selectNotices = (s: HostState) => s.notices;

export const selectSignedIn = (s: HostState): boolean => s.token !== null;
export const selectLoginPending = (s: HostState) => s.loginPending;
export const selectLoginProblem = (s: HostState) => s.loginProblem;

export const selectStreams = (s: HostState) => s.streams;
export const selectShowsLoaded = (s: HostState) => s.showsLoaded;
/** 'start' or 'end' while that change of the show is in flight */
export const selectShowBusy = (streamId: string) => (s: HostState) => s.busyShowIds[streamId];

/** The show on air: the live one started last. */
export function selectOnAir(s: HostState): Stream | null {
  let best: Stream | null = null;
  for (const stream of s.streams) {
    if (stream.status === 'live' && (best === null || (stream.startedAt ?? 0) > (best.startedAt ?? 0))) best = stream;
  }
  return best;
}

/** The show the panels are about: the one the host picked, else the one on air, else the next scheduled. */
export function selectFocusedShow(s: HostState): Stream | null {
  if (s.focusedShowId) {
    const picked = s.streams.find((x) => x.id === s.focusedShowId);
    if (picked) return picked;
  }
  return selectOnAir(s) ?? s.streams.find((x) => x.status === 'scheduled') ?? null;
}

/** The show whose /live room the dashboard sits in (ended shows have no room). */
export function selectRoomShowId(s: HostState): string | null {
  const show = selectFocusedShow(s);
  return show && show.status !== 'ended' ? show.id : null;
}

export const selectLiveCount = (s: HostState): number => s.streams.filter((x) => x.status === 'live').length;

/** Slow mode of the show, seconds (0 = off). */
export const selectSlowModeOf = (streamId: string) => (s: HostState) => s.slowMode[streamId] ?? 0;
export const selectIsBanned = (memberId: string) => (s: HostState) => s.bannedIds[memberId] === true;
/** A moderation call about this comment, member or show is in flight. */
export const selectModerationBusy = (key: string) => (s: HostState) => s.moderationBusy[key] === true;

export const selectAudienceOf =
  (streamId: string | null) =>
  (s: HostState): Audience =>
    (streamId && s.audience[streamId]) || EMPTY_AUDIENCE;

/** Newest first. Use with useShallow. */
export const selectDropsOf =
  (streamId: string | null) =>
  (s: HostState): Drop[] =>
    Object.values(s.perks.drops)
      .filter((d) => d.streamId === streamId)
      .sort((a, b) => b.createdAt - a.createdAt);

/** Newest first. Use with useShallow. */
export const selectLotteriesOf =
  (streamId: string | null) =>
  (s: HostState): Lottery[] =>
    Object.values(s.perks.lotteries)
      .filter((l) => l.streamId === streamId)
      .sort((a, b) => b.createdAt - a.createdAt);

/** A drop the dashboard has read, of any show (undefined: not read). */
export const selectDropById = (dropId: string) => (s: HostState): Drop | undefined => s.perks.drops[dropId];

/** Every lottery the dashboard has read, of any show, by id (held by the store: no useShallow needed). */
export const selectKnownLotteries = (s: HostState) => s.perks.lotteries;

export const selectConfirmationsOf =
  (dropId: string) =>
  (s: HostState): Claim[] =>
    s.perks.confirmations[dropId] ?? NO_CLAIMS;

/** Have the show's drops and lotteries been read (no show: nothing to read)? */
export const selectPerksLoaded = (streamId: string | null) => (s: HostState) => (streamId ? !!s.perksLoadedFor[streamId] : true);
export const selectPerkBusy = (id: string) => (s: HostState) => !!s.busyPerkIds[id];

/** With names for the reader's language (common/tier-names.ts), memoised per rules and locale. */
export const selectTiers = (s: HostState): Tier[] => (s.rules ? localizedTiers(s.rules.tiers, s.locale) : NO_TIERS);
export const selectRulesDraft = (s: HostState) => s.rulesDraft;
export const selectDraftTiers = (s: HostState) => s.rulesDraft?.tiers ?? NO_TIER_DRAFTS;
/** One field of the rules draft, as its input shows it. */
export const selectDraftValue = (path: string) => (s: HostState) => String(getAtPath(s.rulesDraft, path) ?? '');
/** The blocked words being edited, one per line. */
export const selectBlockedWordsText = (s: HostState) => blockedWordsText(s.rulesDraft);
export const selectRulesStatus = (s: HostState) => s.rulesStatus;
export const selectRulesProblems = (s: HostState) => s.rulesProblems;
export const selectRulesProblem = (path: string) => (s: HostState) => s.rulesProblems[path];

export const selectOverlayTokens = (s: HostState) => s.overlayTokens;
export const selectOverlayBusy = (s: HostState) => s.overlayBusy;
/** The drop pinned to the show's overlay: null when none, undefined until read. */
export const selectPinnedDropOf = (streamId: string | null) => (s: HostState) => (streamId ? s.pinnedDrops[streamId] : null);

export const selectProofOf = (lotteryId: string) => (s: HostState) => s.proofs[lotteryId] ?? null;

/** Has the host changed the rules since they were loaded or saved? */
let savedJson: { rules: Rules; json: string } | null = null;
export function selectRulesDirty(s: HostState): boolean {
  if (!s.rules || !s.rulesDraft) return false;
  if (savedJson?.rules !== s.rules) savedJson = { rules: s.rules, json: JSON.stringify(toDraft(s.rules)) };
  return JSON.stringify(s.rulesDraft) !== savedJson.json;
}
