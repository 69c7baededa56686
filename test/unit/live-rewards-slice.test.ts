/**
 * Redeeming in the viewer room (client/live/store/rewards-slice.ts) with a
 * fake server: one requestId per intended redemption, kept until it
 * succeeds, so a retry after a lost answer is the same redemption; a refusal
 * is kept in words for the card; the `redemption` push settles My rewards.
 */
import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ApiError } from '../../client/common/api.ts';
import { createRewardsSlice } from '../../client/live/store/rewards-slice.ts';
import type { Redemption, RewardView } from '../../shared/rewards.ts';

const redemption = (over: Partial<Redemption> = {}): Redemption => ({
  id: 'rd1',
  rewardId: 'rw1',
  memberId: 'm1',
  requestId: 'req-1',
  pricePoints: 100,
  ledgerKey: 'reward:rw1:m1:req-1',
  code: 'SAVE-1',
  status: 'fulfilled',
  period: null,
  createdAt: 10,
  updatedAt: 10,
  ...over,
});

function room(redeem: (token: string, rewardId: string, requestId: string) => Promise<{ redemption: Redemption; balance: number }>) {
  let ids = 0;
  const api = {
    redeem: vi.fn(redeem),
    rewards: vi.fn(async (): Promise<{ rewards: RewardView[] }> => ({ rewards: [] })),
    myRedemptions: vi.fn(async () => ({ redemptions: [] as Redemption[] })),
  };
  const deps = { api, newRequestId: () => `req-${++ids}` };
  // Only the rewards slice and what it reads of the others.
  const store = createStore<any>()((...a) => ({
    token: 'tok',
    me: null,
    openAuth: vi.fn(),
    applyBalance: vi.fn(),
    sessionRefused: vi.fn(),
    ...(createRewardsSlice as any)(deps)(...a),
  }));
  return { api, s: () => store.getState(), store };
}

describe('redeeming a reward', () => {
  it('retries a lost answer with the same requestId, and starts a new intent after success', async () => {
    let calls = 0;
    const { api, s } = room(async (_t, _r, requestId) => {
      if (++calls === 1) throw new TypeError('Failed to fetch');
      return { redemption: redemption({ requestId }), balance: 400 };
    });
    await s().redeemReward('rw1');
    expect(s().redeemErrors.rw1).toMatchObject({ code: 'OFFLINE' });
    expect(s().redeemRequests.rw1).toBe('req-1');
    await s().redeemReward('rw1');
    expect(api.redeem.mock.calls.map((c) => c[2])).toEqual(['req-1', 'req-1']);
    expect(s().redeemErrors.rw1).toBeUndefined();
    expect(s().redeemRequests.rw1).toBeUndefined();
    expect(s().redemptions).toHaveLength(1);
    expect(s().redeemedHere.rw1).toBe('rd1');
    expect(s().applyBalance).toHaveBeenCalledWith(400);
    await s().redeemReward('rw1');
    expect(api.redeem.mock.calls[2]![2]).toBe('req-2');
  });

  it('ignores a second tap while the first is in flight', async () => {
    let answer!: (v: { redemption: Redemption; balance: number }) => void;
    const { api, s } = room(() => new Promise((resolve) => (answer = resolve)));
    const first = s().redeemReward('rw1');
    await s().redeemReward('rw1');
    expect(api.redeem).toHaveBeenCalledTimes(1);
    expect(s().redeemBusy.rw1).toBe(true);
    answer({ redemption: redemption(), balance: 0 });
    await first;
    expect(s().redeemBusy.rw1).toBeUndefined();
  });

  it('keeps a refusal for the card, keeps the intent, and reads the catalogue again', async () => {
    const { api, s } = room(async () => {
      throw new ApiError(409, { code: 'SOLD_OUT', message: 'no code left', field: 'rewardId' });
    });
    await s().redeemReward('rw1');
    expect(s().redeemErrors.rw1).toMatchObject({ code: 'SOLD_OUT' });
    expect(s().redeemRequests.rw1).toBe('req-1');
    expect(api.rewards).toHaveBeenCalled();
  });

  it('asks a guest to join instead', async () => {
    const { api, s, store } = room(async () => ({ redemption: redemption(), balance: 0 }));
    store.setState({ token: null });
    await s().redeemReward('rw1');
    expect(api.redeem).not.toHaveBeenCalled();
    expect(s().openAuth).toHaveBeenCalledWith('signup');
  });

  it('a push settles My rewards, and one for a lost answer ends that intent', async () => {
    const { s } = room(async () => {
      throw new TypeError('Failed to fetch');
    });
    await s().redeemReward('rw1');
    const pending = redemption({ code: null, status: 'pending', requestId: 'req-1' });
    s().applyRedemption(pending);
    expect(s().redemptions).toEqual([pending]);
    expect(s().redeemRequests.rw1).toBeUndefined(); // it went through: the next tap is a new redemption
    expect(s().redeemErrors.rw1).toBeUndefined();
    const fulfilled = { ...pending, status: 'fulfilled' as const, updatedAt: 99 };
    s().applyRedemption(fulfilled);
    expect(s().redemptions).toEqual([fulfilled]);
  });

  it('reads the catalogue once more, not once per ask, when asked while reading', async () => {
    const { api, s } = room(async () => ({ redemption: redemption(), balance: 0 }));
    let release!: () => void;
    api.rewards.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ rewards: [] }))));
    const first = s().loadRewards();
    void s().loadRewards();
    void s().loadRewards();
    release();
    await first;
    expect(api.rewards).toHaveBeenCalledTimes(2);
  });
});
