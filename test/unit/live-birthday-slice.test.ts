/**
 * The viewer room's store with a fake server (client/live/store): what
 * expires next comes with GET /api/me and is read again after a redemption
 * and when points first arrive; the birthday is read with the catalogue,
 * saved, and a refusal (CONFLICT: once a year) is kept for the form.
 */
import { describe, expect, it, vi } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import { ApiError } from '../../client/common/api.ts';
import type { api as liveApi, Birthday, MeReply } from '../../client/live/api.ts';
import { createStore } from '../../client/live/store/index.ts';
import type { StoreDeps } from '../../client/live/store/deps.ts';
import type { MemberState } from '../../shared/models.ts';
import type { Redemption } from '../../shared/rewards.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';

const tier = DEFAULT_RULES.tiers[0]!;
const state = (balance: number): MemberState => ({
  member: { id: 'm1', handle: 'amy', displayName: 'Amy', externalId: null, createdAt: 1 } as MemberState['member'],
  balance,
  tier,
  nextTier: null,
  superFan: false,
  earned365: balance,
  checkin: null,
});

function room(over: Partial<Record<keyof typeof liveApi, unknown>> = {}) {
  let birthday: Birthday | null = null;
  const api = {
    me: vi.fn(async (): Promise<MeReply> => ({ ...state(500), expiring: { points: 500, at: 31 * 86_400_000 } })),
    birthday: vi.fn(async () => ({ birthday })),
    setBirthday: vi.fn(async (_t: string, b: { month: number; day: number }) => {
      if (birthday && (birthday.month !== b.month || birthday.day !== b.day))
        throw new ApiError(409, { code: 'CONFLICT', message: 'a birthday can be changed once a year', field: 'month' });
      birthday = { ...b, setAt: 5 };
      return { birthday };
    }),
    rewards: vi.fn(async () => ({ rewards: [] })),
    myRedemptions: vi.fn(async () => ({ redemptions: [] })),
    myClaims: vi.fn(async () => ({ claims: [] })),
    ledger: vi.fn(async () => ({ entries: [] })),
    ...over,
  };
  const deps = {
    ...browserTimers,
    locale: 'en',
    api: api as unknown as typeof liveApi,
    channel: { call: vi.fn(), reconnect: vi.fn() },
    memory: { token: 'tok', saveToken: vi.fn(), loadEntered: () => ({}), saveEntered: vi.fn() },
    newRequestId: () => 'req-1',
    origin: 'http://localhost',
  } as unknown as StoreDeps;
  const store = createStore(deps);
  return { api, s: () => store.getState() };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('what expires next', () => {
  it('comes with GET /api/me, apart from the member state, and goes with the session', async () => {
    const { s } = room();
    await s().loadMe();
    expect(s().expiring).toEqual({ points: 500, at: 31 * 86_400_000 });
    expect(s().me?.balance).toBe(500);
    expect(s().me).not.toHaveProperty('expiring');
    s().forgetSession();
    expect(s().expiring).toBeNull();
  });

  it('reads once more when asked during a read (a redemption just made), never twice at once', async () => {
    let release!: () => void;
    let calls = 0;
    const { api, s } = room({
      me: vi.fn(async (): Promise<MeReply> => {
        calls += 1;
        if (calls === 1) await new Promise<void>((r) => (release = r));
        return { ...state(calls === 1 ? 500 : 400), expiring: { points: calls === 1 ? 500 : 400, at: 9 } };
      }),
    });
    const first = s().loadMe();
    const second = s().loadMe();
    const third = s().loadMe();
    expect(api.me).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second, third]);
    expect(api.me).toHaveBeenCalledTimes(2);
    expect(s().expiring).toEqual({ points: 400, at: 9 }); // the later answer lands last
  });

  it('is read again after a redemption', async () => {
    const { api, s } = room();
    const redemption = { id: 'rd1', rewardId: 'rw1', memberId: 'm1', requestId: 'r', pricePoints: 100, ledgerKey: 'k', code: null, status: 'pending', period: null, createdAt: 1, updatedAt: 1 } as Redemption;
    s().applyRedemption(redemption);
    await flush();
    await flush();
    expect(api.me).toHaveBeenCalledTimes(1);
    expect(s().expiring?.points).toBe(500);
  });

  it('is asked for when points arrive while none were expiring and the rules make them expire', async () => {
    const { api, s } = room({ me: vi.fn(async (): Promise<MeReply> => ({ ...state(0), expiring: null })) });
    await s().loadMe();
    expect(api.me).toHaveBeenCalledTimes(1);
    s().applyPoints({ delta: 5, balance: 5, reason: 'watch' } as never); // rules not known yet: expiry may be off
    expect(api.me).toHaveBeenCalledTimes(1);
    s().setRules({ ...DEFAULT_RULES, points: { expireAfterDays: 30 } });
    s().applyPoints({ delta: 5, balance: 10, reason: 'watch' } as never);
    expect(api.me).toHaveBeenCalledTimes(2);
    s().applyPoints({ delta: -5, balance: 5, reason: 'reward' } as never); // a spend: nothing new to expire
    expect(api.me).toHaveBeenCalledTimes(2);
  });
});

describe('the birthday', () => {
  it('is read with the catalogue, saved, and a second date within the year is refused in words', async () => {
    const { api, s } = room();
    await s().refreshRewards();
    expect(s().birthdayLoaded).toBe(true);
    expect(s().birthday).toBeNull();
    expect(await s().saveBirthday(3, 14)).toBe(true);
    expect(s().birthday).toMatchObject({ month: 3, day: 14 });
    expect(s().birthdayError).toBeNull();
    expect(await s().saveBirthday(4, 2)).toBe(false);
    expect(s().birthdayError).toMatchObject({ code: 'CONFLICT', field: 'month' });
    expect(s().birthday).toMatchObject({ month: 3, day: 14 });
    expect(api.setBirthday).toHaveBeenCalledTimes(2);
    s().clearBirthdayError();
    expect(s().birthdayError).toBeNull();
  });

  it('keeps a lost answer as OFFLINE and forgets the birthday with the session', async () => {
    const { s } = room({ setBirthday: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    expect(await s().saveBirthday(3, 14)).toBe(false);
    expect(s().birthdayError).toMatchObject({ code: 'OFFLINE' });
    expect(s().birthdaySaving).toBe(false);
    s().forgetSession();
    expect(s().birthdayError).toBeNull();
    expect(s().birthdayLoaded).toBe(false);
  });
});
