/** Who is watching: token, member state, the rules, server time offset, language. */
import type { PointsEvent, TierEvent } from '../../../shared/events.ts';
import type { MemberState } from '../../../shared/models.ts';
import type { Rules } from '../../../shared/rules.ts';
import type { Locale } from '../../common/i18n.ts';
import { reduceBalance, reducePoints, reduceTier } from './reducers.ts';
import type { Slice } from './slice.ts';

export interface SessionSlice {
  token: string | null;
  me: MemberState | null;
  rules: Rules | null;
  /** server time − device time, ms (measured once per socket connection) */
  offsetMs: number;
  locale: Locale;
  setToken: (token: string | null) => void;
  setMe: (me: MemberState | null) => void;
  setRules: (rules: Rules) => void;
  setOffset: (offsetMs: number) => void;
  setLocale: (locale: Locale) => void;
  applyPoints: (e: PointsEvent) => void;
  applyTier: (e: TierEvent) => void;
  applyBalance: (balance: number | undefined) => void;
}

export const createSessionSlice =
  (initial: { token: string | null; locale: Locale }): Slice<SessionSlice> =>
  (set) => ({
    token: initial.token,
    me: null,
    rules: null,
    offsetMs: 0,
    locale: initial.locale,
    setToken: (token) => set({ token }),
    setMe: (me) => set({ me }),
    setRules: (rules) => set({ rules }),
    setOffset: (offsetMs) => set({ offsetMs }),
    setLocale: (locale) => set({ locale }),
    applyPoints: (e) => set((s) => ({ me: reducePoints(s.me, e) })),
    applyTier: (e) => set((s) => ({ me: reduceTier(s.me, e, s.rules?.tiers ?? null) })),
    applyBalance: (balance) => set((s) => ({ me: reduceBalance(s.me, balance) })),
  });
