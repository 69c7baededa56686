/**
 * The dashboard's rewards store (client/host/store/rewards-slice.ts and its
 * reducers): the redemption queue follows the /host push (joins, settles,
 * leaves; a push during a read is not lost), codes go up in chunks whose
 * counts add up, and a form refused by the shared schema sends nothing.
 */
import { describe, expect, it } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import type { CodesAdded, hostApi } from '../../client/host/api.ts';
import { createStore } from '../../client/host/store/index.ts';
import { EMPTY_QUEUE, applyRedemptionPush, type RedemptionQueue } from '../../client/host/store/rewards-reducers.ts';
import type { Redemption } from '../../shared/rewards.ts';

const redemption = (id: string, over: Partial<Redemption> = {}): Redemption => ({
  id,
  rewardId: 'w-1',
  memberId: `m-${id}`,
  requestId: `q-${id}`,
  pricePoints: 100,
  ledgerKey: `reward:w-1:m-${id}:q-${id}`,
  code: null,
  status: 'pending',
  period: null,
  createdAt: 1000,
  updatedAt: 1000,
  ...over,
});
const ready = (rows: Redemption[], status: RedemptionQueue['status'] = 'pending'): RedemptionQueue => ({ status, state: 'ready', rows });
const ids = (q: RedemptionQueue) => q.rows.map((r) => r.id);

describe('the redemption queue under pushes', () => {
  it('a new pending redemption joins in time order', () => {
    const q = ready([redemption('a', { createdAt: 1 }), redemption('c', { createdAt: 3 })]);
    expect(ids(applyRedemptionPush(q, redemption('b', { createdAt: 2 })))).toEqual(['a', 'b', 'c']);
  });

  it('a settled one leaves the pending queue and joins the fulfilled one', () => {
    const fulfilled = redemption('a', { status: 'fulfilled', updatedAt: 2000 });
    expect(ids(applyRedemptionPush(ready([redemption('a')]), fulfilled))).toEqual([]);
    expect(applyRedemptionPush(ready([], 'fulfilled'), fulfilled).rows).toEqual([fulfilled]);
  });

  it('pushes about other statuses leave it as it is; a late copy never undoes a newer one', () => {
    const q = ready([redemption('a', { updatedAt: 5000 })]);
    expect(applyRedemptionPush(q, redemption('z', { status: 'rejected' }))).toBe(q);
    expect(applyRedemptionPush(q, redemption('a', { updatedAt: 10 }))).toBe(q);
    expect(applyRedemptionPush(EMPTY_QUEUE, redemption('a'))).toEqual({ ...EMPTY_QUEUE, rows: [redemption('a')] });
  });
});

function storeWith(api: Partial<typeof hostApi>) {
  const storage = { read: <T,>(key: string, fallback: T) => (key === 'frontrow.host.token' ? ('host-token' as T) : fallback), write: () => undefined };
  return createStore({ ...browserTimers, locale: 'en', api: api as typeof hostApi, storage });
}

describe('the rewards slice', () => {
  it('a redemption pushed while the queue is being read is in the list once it arrives', async () => {
    let answer!: (v: { redemptions: Redemption[] }) => void;
    const store = storeWith({ listRedemptions: () => new Promise((resolve) => (answer = resolve)) });
    const loading = store.getState().loadRedemptions('pending');
    store.getState().receiveRedemption(redemption('late', { createdAt: 2000 }));
    answer({ redemptions: [redemption('early')] });
    await loading;
    expect(ids(store.getState().redemptionQueue)).toEqual(['early', 'late']);
  });

  it('uploads codes in chunks of 5,000 and adds up what each did', async () => {
    const sent: number[] = [];
    const store = storeWith({
      addRewardCodes: async (_t: string, _id: string, codes: string[]): Promise<CodesAdded> => {
        sent.push(codes.length);
        return { added: codes.length - 1, duplicates: 1, unused: 100 + sent.length };
      },
      listRewards: async () => ({ rewards: [] }),
    });
    const codes = Array.from({ length: 10_500 }, (_, i) => `C${i}`);
    const upload = await store.getState().uploadRewardCodes('w-1', codes);
    expect(sent).toEqual([5000, 5000, 500]);
    expect(upload).toEqual({ outcome: { ok: true }, result: { added: 10_497, duplicates: 3, unused: 103 } });
    expect(store.getState().rewardBusy).toEqual({});
  });

  it('a code too long for the server is named and nothing is sent', async () => {
    let calls = 0;
    const store = storeWith({ addRewardCodes: async () => ((calls++, { added: 0, duplicates: 0, unused: 0 })) });
    const upload = await store.getState().uploadRewardCodes('w-1', ['OK', 'X'.repeat(70)]);
    expect(calls).toBe(0);
    expect(upload.outcome.ok).toBe(false);
    expect(upload.outcome.ok || upload.outcome.fields.codes?.key).toBe('codes.tooLong');
  });

  it('a reward refused by the shared schema is not sent; its problems are on its fields', async () => {
    let calls = 0;
    const store = storeWith({ createReward: async () => ((calls++, {}) as never) });
    const outcome = await store.getState().createReward({ kind: 'coupon', title: '', pricePoints: 5, codeMode: 'shared' });
    expect(calls).toBe(0);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(Object.keys(outcome.fields)).toContain('title');
  });
});
