/**
 * Named selectors: components read the store's state only through these (and
 * call its actions through `useActions()`). Each returns
 * a value straight from the state or a primitive, so it is stable between
 * renders (zustand compares with Object.is); derived lists are built in
 * components with useMemo.
 */
import { watchPointsFor } from '../../../shared/domain/watch-rewards.ts';
import { localizedTier, withLocalizedMemberTiers, withLocalizedTiers } from '../../common/tier-names.ts';
import type { LiveState } from './index.ts';

export const selectLocale = (s: LiveState) => s.locale;
export const selectOffset = (s: LiveState) => s.offsetMs;
export const selectToken = (s: LiveState) => s.token;
// Tier names for the reader's language (common/tier-names.ts), memoised: the same object while nothing changed.
export const selectMe = (s: LiveState) => withLocalizedMemberTiers(s.me, s.locale);
export const selectIsMember = (s: LiveState) => s.token !== null && s.me !== null;
export const selectIsSignedIn = (s: LiveState) => s.token !== null;
export const selectMyId = (s: LiveState) => s.me?.member.id ?? null;
export const selectBalance = (s: LiveState) => s.me?.balance ?? null;
export const selectTier = (s: LiveState) => localizedTier(s.me?.tier ?? null, s.locale);
export const selectTierId = (s: LiveState) => s.me?.tier.id ?? null;
/** the tier after the member's, as the server says (null at the top, or a guest) */
export const selectNextTier = (s: LiveState) => localizedTier(s.me?.nextTier ?? null, s.locale);
export const selectSuperFan = (s: LiveState) => s.me?.superFan ?? false;
export const selectRules = (s: LiveState) => withLocalizedTiers(s.rules, s.locale);

export const selectStream = (s: LiveState) => s.stream;
export const selectStreamId = (s: LiveState) => s.streamId;
export const selectRoomStatus = (s: LiveState) => s.roomStatus;
export const selectConnection = (s: LiveState) => s.connection;
export const selectIsLive = (s: LiveState) => s.stream?.status === 'live';
export const selectViewers = (s: LiveState) => s.presence.viewers;
export const selectMembers = (s: LiveState) => s.presence.members;
export const selectFeed = (s: LiveState) => s.feed;
export const selectSlowModeSeconds = (s: LiveState) => s.slowModeSeconds;
export const selectLeaderboard = (s: LiveState) => s.leaderboard;
export const selectLedger = (s: LiveState) => s.ledger;

export const selectWatch = (s: LiveState) => s.watch;
export const selectChestReady = (s: LiveState) => s.watch.chestReady && s.token !== null;
export const selectChestBusy = (s: LiveState) => s.chestBusy;
export const selectCheckin = (s: LiveState) => s.checkin;
export const selectLikesCapped = (s: LiveState) => s.likesCapped;
export const selectGuestCreditedSeconds = (s: LiveState) => s.watch.guestCreditedSeconds;
/** Base-rate points a guest would have earned for the watch time this page verified. */
export const selectGuestWouldHaveEarned = (s: LiveState) =>
  s.rules ? watchPointsFor(s.watch.guestCreditedSeconds * 1000, s.rules.watch) : 0;

export const selectDrops = (s: LiveState) => s.drops;
export const selectLotteries = (s: LiveState) => s.lotteries;
export const selectClaims = (s: LiveState) => s.claims;
export const selectClaimBusy = (dropId: string) => (s: LiveState) => s.claimBusy[dropId] === true;
export const selectClaimError = (dropId: string) => (s: LiveState) => s.claimErrors[dropId];
export const selectEnteredWeight = (lotteryId: string) => (s: LiveState) => s.entered[lotteryId];
export const selectEnterBusy = (lotteryId: string) => (s: LiveState) => s.enterBusy[lotteryId] === true;
export const selectEnterError = (lotteryId: string) => (s: LiveState) => s.enterErrors[lotteryId];
export const selectPrizeBusy = (lotteryId: string) => (s: LiveState) => s.prizeBusy[lotteryId] === true;
export const selectPrizeError = (lotteryId: string) => (s: LiveState) => s.prizeErrors[lotteryId];

export const selectRewards = (s: LiveState) => s.rewards;
export const selectRedemptions = (s: LiveState) => s.redemptions;
/** the member's next points to expire (GET /api/me), null when nothing expires */
export const selectExpiring = (s: LiveState) => (s.token !== null ? s.expiring : null);
export const selectBirthday = (s: LiveState) => s.birthday;
export const selectBirthdayLoaded = (s: LiveState) => s.birthdayLoaded;
export const selectBirthdaySaving = (s: LiveState) => s.birthdaySaving;
export const selectBirthdayError = (s: LiveState) => s.birthdayError;
/** points the rules give in the birthday month (0: none, or a reward only) */
export const selectBirthdayPoints = (s: LiveState) => s.rules?.birthday.points ?? 0;
export const selectRedeemBusy = (rewardId: string) => (s: LiveState) => s.redeemBusy[rewardId] === true;
export const selectRedeemError = (rewardId: string) => (s: LiveState) => s.redeemErrors[rewardId];
/** the redemption just made from this page for a reward, if any */
export const selectRedeemedHere = (rewardId: string) => (s: LiveState) => {
  const id = s.redeemedHere[rewardId];
  return id === undefined ? undefined : s.redemptions.find((r) => r.id === id);
};

export const selectMissions = (s: LiveState) => s.missions;
export const selectGoals = (s: LiveState) => s.goals;
/** the member's own badges, oldest first (a guest: none) */
export const selectBadges = (s: LiveState) => s.badges;

export const selectToasts = (s: LiveState) => s.toasts;
export const selectAuthMode = (s: LiveState) => s.auth;
