/**
 * The rewards store as the host runs it (issue 13): the catalogue (every
 * reward, archived ones too), creating and editing rewards, uploading pool
 * codes, and the redemption queue — read per status, kept current by the
 * /host `redemption` push, settled by fulfil or reject, exported as CSV.
 */
import { CreateRewardBody, PatchRewardBody, type Redemption, type RedemptionStatus, type RewardView } from '../../../shared/rewards.ts';
import type { CodesAdded } from '../api.ts';
import { saveTextFile } from '../logic/download.ts';
import { problemOf } from '../logic/problems.ts';
import { redemptionsCsv } from '../logic/redemptions.ts';
import { chunked, tooLongCodes, MAX_CODE_LENGTH } from '../logic/reward-codes.ts';
import type { RewardInput, RewardPatch } from '../logic/reward-form.ts';
import { OK, authed, failed, sendParsed } from './call.ts';
import type { Slice } from './index.ts';
import { EMPTY_QUEUE, applyRedemptionPush, type RedemptionQueue } from './rewards-reducers.ts';
import type { Outcome } from './types.ts';

/** An upload's outcome: what the chunks sent so far did, and whether every chunk went. */
export type CodesUpload = { outcome: Outcome; result: CodesAdded | null };

export interface RewardsSlice {
  /** newest first */
  rewards: RewardView[];
  rewardsStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** reward ids with an edit in flight */
  rewardBusy: Record<string, true>;
  redemptionQueue: RedemptionQueue;
  /** redemption ids being fulfilled or rejected */
  redemptionBusy: Record<string, true>;
  loadRewards(): Promise<void>;
  createReward(input: RewardInput): Promise<Outcome>;
  patchReward(id: string, patch: RewardPatch): Promise<Outcome>;
  /** Sends the codes in chunks the server takes, one after the other; stops at the first refusal. */
  uploadRewardCodes(id: string, codes: string[]): Promise<CodesUpload>;
  /** Reads the queue for `status` (default: the status shown). */
  loadRedemptions(status?: RedemptionStatus): Promise<void>;
  fulfilRedemption(id: string): Promise<void>;
  rejectRedemption(id: string): Promise<void>;
  downloadRedemptionsCsv(): void;
  receiveRedemption(redemption: Redemption): void;
  /** After a reconnection: re-read what this dashboard had open (pushes may have been missed). */
  resyncRewards(): void;
}

const newestFirst = (rewards: RewardView[]) => [...rewards].sort((a, b) => b.createdAt - a.createdAt);
const without = (map: Record<string, true>, id: string) => {
  const { [id]: _, ...rest } = map;
  return rest;
};

/** How long pushed redemptions are gathered before the catalogue's counts are read again. */
const REFRESH_DELAY_MS = 1000;

export const createRewardsSlice: Slice<RewardsSlice> = (deps) => (set, get) => {
  const rewardBusy = (id: string, on: boolean) => set((s) => ({ rewardBusy: on ? { ...s.rewardBusy, [id]: true as const } : without(s.rewardBusy, id) }));
  const redemptionBusy = (id: string, on: boolean) =>
    set((s) => ({ redemptionBusy: on ? { ...s.redemptionBusy, [id]: true as const } : without(s.redemptionBusy, id) }));
  const putReward = (reward: RewardView) => set((s) => ({ rewards: newestFirst([reward, ...s.rewards.filter((r) => r.id !== reward.id)]) }));

  // Pushes that arrive while the queue is being read are applied again to what the read returns,
  // so a redemption made between the server's answer and its arrival is not lost.
  const loadsInFlight = new Set<Redemption[]>();

  // A redemption changes what is left; a burst of them re-reads the catalogue once.
  let refreshTimer: unknown = null;
  const refreshRewardsSoon = () => {
    if (refreshTimer !== null || get().rewardsStatus !== 'ready') return;
    refreshTimer = deps.setTimeout(() => {
      refreshTimer = null;
      void get().loadRewards();
    }, REFRESH_DELAY_MS);
  };

  return {
    rewards: [],
    rewardsStatus: 'idle',
    rewardBusy: {},
    redemptionQueue: EMPTY_QUEUE,
    redemptionBusy: {},

    async loadRewards() {
      if (get().rewardsStatus !== 'ready') set({ rewardsStatus: 'loading' });
      try {
        const { rewards } = await authed(get, (t) => deps.api.listRewards(t));
        set({ rewards: newestFirst(rewards), rewardsStatus: 'ready' });
      } catch (err) {
        set({ rewardsStatus: 'error' });
        get().notify('error', problemOf(err), 'rewards-load');
      }
    },

    createReward(input) {
      return sendParsed(get, CreateRewardBody, input, (t, body) => deps.api.createReward(t, body), ({ reward }) => {
        putReward(reward);
        get().notify('success', { key: 'rewards.created', params: { title: reward.title } });
      });
    },

    async patchReward(id, patch) {
      rewardBusy(id, true);
      const outcome = await sendParsed(get, PatchRewardBody, patch, (t, body) => deps.api.patchReward(t, id, body), ({ reward }) => {
        putReward(reward);
        const key = patch.archived === true ? 'rewards.archivedNotice' : patch.archived === false ? 'rewards.restoredNotice' : 'rewards.savedNotice';
        get().notify('success', { key, params: { title: reward.title } });
      });
      rewardBusy(id, false);
      return outcome;
    },

    async uploadRewardCodes(id, codes) {
      if (codes.length === 0) return { outcome: { ok: false, problem: { key: 'codes.none' }, fields: { codes: { key: 'codes.none' } } }, result: null };
      const long = tooLongCodes(codes);
      if (long.length > 0) {
        const problem = { key: 'codes.tooLong' as const, params: { count: long.length, max: MAX_CODE_LENGTH, code: long[0]!.slice(0, 20) } };
        return { outcome: { ok: false, problem, fields: { codes: problem } }, result: null };
      }
      rewardBusy(id, true);
      const total: CodesAdded = { added: 0, duplicates: 0, unused: 0 };
      let chunksSent = 0;
      try {
        for (const chunk of chunked(codes)) {
          const step = await authed(get, (t) => deps.api.addRewardCodes(t, id, chunk));
          total.added += step.added;
          total.duplicates += step.duplicates;
          total.unused = step.unused;
          chunksSent++;
        }
        return { outcome: OK, result: total };
      } catch (err) {
        return { outcome: failed(err), result: chunksSent > 0 ? total : null };
      } finally {
        rewardBusy(id, false);
        void get().loadRewards(); // the pool's unused codes are what is left
      }
    },

    async loadRedemptions(status = get().redemptionQueue.status) {
      set((s) => ({
        redemptionQueue: status === s.redemptionQueue.status ? { ...s.redemptionQueue, state: 'loading' } : { status, state: 'loading', rows: [] },
      }));
      const pushed: Redemption[] = [];
      loadsInFlight.add(pushed);
      try {
        const { redemptions } = await authed(get, (t) => deps.api.listRedemptions(t, status));
        if (get().redemptionQueue.status !== status) return; // the host picked another status meanwhile
        let queue: RedemptionQueue = { status, state: 'ready', rows: redemptions };
        for (const redemption of pushed) queue = applyRedemptionPush(queue, redemption);
        set({ redemptionQueue: queue });
      } catch (err) {
        if (get().redemptionQueue.status === status) set((s) => ({ redemptionQueue: { ...s.redemptionQueue, state: 'error' } }));
        get().notify('error', problemOf(err), 'redemptions-load');
      } finally {
        loadsInFlight.delete(pushed);
      }
    },

    async fulfilRedemption(id) {
      redemptionBusy(id, true);
      try {
        const { redemption } = await authed(get, (t) => deps.api.fulfilRedemption(t, id));
        get().receiveRedemption(redemption);
        get().notify('success', { key: 'redemptions.fulfilledNotice', params: { title: rewardTitle(get().rewards, redemption.rewardId) } });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        redemptionBusy(id, false);
      }
    },

    async rejectRedemption(id) {
      redemptionBusy(id, true);
      try {
        const { redemption } = await authed(get, (t) => deps.api.rejectRedemption(t, id));
        get().receiveRedemption(redemption);
        get().notify('success', {
          key: 'redemptions.rejectedNotice',
          params: { title: rewardTitle(get().rewards, redemption.rewardId), points: redemption.pricePoints },
        });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        redemptionBusy(id, false);
      }
    },

    downloadRedemptionsCsv() {
      const { rows, status } = get().redemptionQueue;
      const titles = new Map(get().rewards.map((r) => [r.id, r.title]));
      const day = new Date(deps.now()).toISOString().slice(0, 10);
      saveTextFile(`redemptions-${status}-${day}.csv`, redemptionsCsv(rows, (id) => titles.get(id) ?? null), 'text/csv;charset=utf-8');
    },

    receiveRedemption(redemption) {
      for (const pushed of loadsInFlight) pushed.push(redemption);
      const queue = get().redemptionQueue;
      if (queue.state === 'ready') {
        const next = applyRedemptionPush(queue, redemption);
        if (next !== queue) set({ redemptionQueue: next });
      }
      refreshRewardsSoon();
    },

    resyncRewards() {
      if (get().rewardsStatus === 'ready') void get().loadRewards();
      if (get().redemptionQueue.state !== 'idle') void get().loadRedemptions();
    },
  };
};

/** The reward's title for a notice; its id when the catalogue does not have it (yet). */
function rewardTitle(rewards: readonly RewardView[], rewardId: string): string {
  return rewards.find((r) => r.id === rewardId)?.title ?? rewardId;
}
