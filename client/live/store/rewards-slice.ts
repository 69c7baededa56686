/**
 * The rewards store (issue 13): the catalogue, this member's redemptions and
 * the redemptions in flight. Redeeming is HTTP (POST /api/rewards/:id/redeem);
 * the `redemption` push settles one made here or in another tab.
 */
import type { Redemption, RewardView } from '../../../shared/rewards.ts';
import { ApiError } from '../../common/api.ts';
import type { Birthday } from '../api.ts';
import { mergeRedemption, mergeRedemptionsRead } from '../logic/rewards.ts';
import type { Slice } from './index.ts';
import { asMember, readForViewer } from './member-call.ts';
import type { AppErrorInfo } from './types.ts';

export interface RewardsSlice {
  rewards: RewardView[];
  /** this member's redemptions, newest first */
  redemptions: Redemption[];
  /** one requestId per intended redemption, kept until it succeeds (retries reuse it) */
  redeemRequests: Record<string, string>;
  redeemBusy: Record<string, boolean>;
  redeemErrors: Record<string, AppErrorInfo | undefined>;
  /** per reward, the redemption just made from this page (its card says so) */
  redeemedHere: Record<string, string>;
  /** the member's birthday for the yearly gift (null: not given); `birthdayLoaded` once read for this session */
  birthday: Birthday | null;
  birthdayLoaded: boolean;
  birthdaySaving: boolean;
  /** the server's refusal of the last save (CONFLICT: changed within a year), or OFFLINE */
  birthdayError: (AppErrorInfo & { field?: string }) | null;
  /** GET /api/rewards, with the token when there is one; reads asked for meanwhile run once after it */
  loadRewards: () => Promise<void>;
  loadRedemptions: () => Promise<void>;
  /** GET /api/me/birthday (members only) */
  loadBirthday: () => Promise<void>;
  /** PUT /api/me/birthday; true when saved (a refusal is kept in `birthdayError`) */
  saveBirthday: (month: number, day: number) => Promise<boolean>;
  clearBirthdayError: () => void;
  /** the catalogue and, for a member, their redemptions and birthday */
  refreshRewards: () => Promise<void>;
  /** a redemption made or settled (reply or `redemption` push): My rewards updates, the catalogue is read again */
  applyRedemption: (redemption: Redemption) => void;
  /**
   * Redeems one reward. A second tap while the first is in flight does
   * nothing; the requestId is kept until a redemption succeeds, so a retry
   * after a lost answer is the same redemption on the server, never a second.
   */
  redeemReward: (rewardId: string) => Promise<void>;
  resetRewards: () => void;
}

const without = <T,>(record: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = record;
  return rest;
};

/** The server's refusal, or OFFLINE when no answer came (the request may still have gone through). */
function refusalOf(err: unknown): AppErrorInfo & { field?: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  return { code: 'OFFLINE', message: err instanceof Error ? err.message : String(err) };
}

export const createRewardsSlice: Slice<RewardsSlice> = (deps) => (set, get) => {
  // One catalogue read at a time: a redemption's reply and its push both ask for one, and an older answer must never land last.
  const readCatalogue = readForViewer(get, (token) => deps.api.rewards(token), ({ rewards }) => set({ rewards }));

  return {
    rewards: [],
    redemptions: [],
    redeemRequests: {},
    redeemBusy: {},
    redeemErrors: {},
    redeemedHere: {},
    birthday: null,
    birthdayLoaded: false,
    birthdaySaving: false,
    birthdayError: null,

    loadRewards: readCatalogue,

    async loadRedemptions() {
      const read = await asMember(get, (t) => deps.api.myRedemptions(t));
      if (read) set((s) => ({ redemptions: mergeRedemptionsRead(s.redemptions, read.redemptions) }));
    },

    async refreshRewards() {
      await Promise.all([get().loadRewards(), get().loadRedemptions(), get().loadBirthday()]);
    },

    async loadBirthday() {
      const token = get().token;
      const read = await asMember(get, (t) => deps.api.birthday(t));
      if (read && get().token === token) set({ birthday: read.birthday, birthdayLoaded: true });
    },

    async saveBirthday(month, day) {
      const token = get().token;
      if (!token) {
        get().openAuth('signup');
        return false;
      }
      if (get().birthdaySaving) return false;
      set({ birthdaySaving: true, birthdayError: null });
      try {
        const { birthday } = await deps.api.setBirthday(token, { month, day });
        if (get().token === token) set({ birthday, birthdayLoaded: true, birthdaySaving: false });
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401 && get().token === token) {
          set({ birthdaySaving: false });
          get().sessionRefused();
          return false;
        }
        set({ birthdaySaving: false, birthdayError: refusalOf(err) });
        // Refused as a change: the date on the server may be newer than the one shown (set in another tab).
        if (err instanceof ApiError && err.code === 'CONFLICT') void get().loadBirthday();
        return false;
      }
    },

    clearBirthdayError: () => set({ birthdayError: null }),

    applyRedemption(redemption) {
      if (get().me && get().me?.member.id !== redemption.memberId) return;
      set((s) => {
        // A push of a redemption whose reply was lost: that intent succeeded, the next tap is a new one.
        const heldFor = s.redeemRequests[redemption.rewardId] === redemption.requestId && !s.redeemBusy[redemption.rewardId];
        return {
          redemptions: mergeRedemption(s.redemptions, redemption),
          ...(heldFor
            ? { redeemRequests: without(s.redeemRequests, redemption.rewardId), redeemErrors: without(s.redeemErrors, redemption.rewardId) }
            : {}),
        };
      });
      // What is left and the member's own counts changed.
      void get().loadRewards();
      // And what expires next (a spend takes the oldest points first): GET /api/me again, never in the way of the redemption shown.
      void Promise.resolve()
        .then(() => get().loadMe())
        .catch(() => undefined);
    },

    resetRewards: () =>
      set({
        redemptions: [],
        redeemRequests: {},
        redeemBusy: {},
        redeemErrors: {},
        redeemedHere: {},
        birthday: null,
        birthdayLoaded: false,
        birthdaySaving: false,
        birthdayError: null,
      }),

    async redeemReward(rewardId) {
      const token = get().token;
      if (!token) return get().openAuth('signup');
      const s = get();
      if (s.redeemBusy[rewardId]) return;
      const requestId = s.redeemRequests[rewardId] ?? deps.newRequestId();
      set((x) => ({
        redeemRequests: { ...x.redeemRequests, [rewardId]: requestId },
        redeemBusy: { ...x.redeemBusy, [rewardId]: true },
        redeemErrors: without(x.redeemErrors, rewardId),
        redeemedHere: without(x.redeemedHere, rewardId),
      }));
      try {
        const { redemption, balance } = await deps.api.redeem(token, rewardId, requestId);
        set((x) => ({
          redeemRequests: without(x.redeemRequests, rewardId),
          redeemBusy: without(x.redeemBusy, rewardId),
          redeemedHere: { ...x.redeemedHere, [rewardId]: redemption.id },
        }));
        get().applyBalance(balance);
        get().applyRedemption(redemption);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401 && get().token === token) return get().sessionRefused();
        set((x) => ({ redeemBusy: without(x.redeemBusy, rewardId), redeemErrors: { ...x.redeemErrors, [rewardId]: refusalOf(err) } }));
        // A refusal means the catalogue was stale (sold out, limit used elsewhere): show it as it is now.
        if (err instanceof ApiError) void get().loadRewards();
      }
    },
  };
};
