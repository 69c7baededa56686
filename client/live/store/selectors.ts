/**
 * Named selectors: components read the store only through these. Each returns
 * a value straight from the state or a primitive, so it is stable between
 * renders (zustand compares with Object.is); derived lists are built in
 * components with useMemo.
 */
import { wouldHaveEarned } from '../logic/earnings.ts';
import type { LiveStore } from './index.ts';

export const selectLocale = (s: LiveStore) => s.locale;
export const selectOffset = (s: LiveStore) => s.offsetMs;
export const selectToken = (s: LiveStore) => s.token;
export const selectMe = (s: LiveStore) => s.me;
export const selectIsMember = (s: LiveStore) => s.token !== null && s.me !== null;
export const selectIsSignedIn = (s: LiveStore) => s.token !== null;
export const selectMyId = (s: LiveStore) => s.me?.member.id ?? null;
export const selectBalance = (s: LiveStore) => s.me?.balance ?? null;
export const selectTier = (s: LiveStore) => s.me?.tier ?? null;
export const selectTierId = (s: LiveStore) => s.me?.tier.id ?? null;
export const selectSuperFan = (s: LiveStore) => s.me?.superFan ?? false;
export const selectRules = (s: LiveStore) => s.rules;

export const selectStream = (s: LiveStore) => s.stream;
export const selectStreamId = (s: LiveStore) => s.streamId;
export const selectRoomStatus = (s: LiveStore) => s.roomStatus;
export const selectConnection = (s: LiveStore) => s.connection;
export const selectIsLive = (s: LiveStore) => s.stream?.status === 'live';
export const selectViewers = (s: LiveStore) => s.presence.viewers;
export const selectMembers = (s: LiveStore) => s.presence.members;
export const selectFeed = (s: LiveStore) => s.feed;
export const selectLeaderboard = (s: LiveStore) => s.leaderboard;
export const selectLedger = (s: LiveStore) => s.ledger;

export const selectWatch = (s: LiveStore) => s.watch;
export const selectChestReady = (s: LiveStore) => s.watch.chestReady && s.token !== null;
export const selectChestBusy = (s: LiveStore) => s.chestBusy;
export const selectCheckin = (s: LiveStore) => s.checkin;
export const selectLikesCapped = (s: LiveStore) => s.likesCapped;
export const selectGuestCreditedSeconds = (s: LiveStore) => s.watch.guestCreditedSeconds;
/** Base-rate points a guest would have earned for the watch time this page verified. */
export const selectGuestWouldHaveEarned = (s: LiveStore) =>
  s.rules ? wouldHaveEarned(s.watch.guestCreditedSeconds, s.rules.watch) : 0;

export const selectDrops = (s: LiveStore) => s.drops;
export const selectLotteries = (s: LiveStore) => s.lotteries;
export const selectClaims = (s: LiveStore) => s.claims;
export const selectClaimBusy = (dropId: string) => (s: LiveStore) => s.claimBusy[dropId] === true;
export const selectClaimError = (dropId: string) => (s: LiveStore) => s.claimErrors[dropId];
export const selectEnteredWeight = (lotteryId: string) => (s: LiveStore) => s.entered[lotteryId];
export const selectEnterBusy = (lotteryId: string) => (s: LiveStore) => s.enterBusy[lotteryId] === true;
export const selectEnterError = (lotteryId: string) => (s: LiveStore) => s.enterErrors[lotteryId];

export const selectToasts = (s: LiveStore) => s.toasts;
export const selectAuthMode = (s: LiveStore) => s.auth;

// actions (stable references)
export const selectOpenAuth = (s: LiveStore) => s.openAuth;
export const selectCloseAuth = (s: LiveStore) => s.closeAuth;
export const selectSetLocale = (s: LiveStore) => s.setLocale;
export const selectSetPlaying = (s: LiveStore) => s.setPlaying;
export const selectDismissToast = (s: LiveStore) => s.dismissToast;
