/**
 * Who is watching: token, member state, the rules, server time offset,
 * language; signing in and out without leaving the room. A member call
 * answered 401 means the token expired or was revoked: the session is dropped.
 */
import type { PointsEvent, TierEvent } from '../../../shared/events.ts';
import type { MemberState } from '../../../shared/models.ts';
import type { Rules } from '../../../shared/rules.ts';
import type { Locale } from '../../common/i18n.ts';
import type { AuthReply, Expiring } from '../api.ts';
import type { Slice } from './index.ts';
import { claimView } from '../logic/drops.ts';
import { asMember, oneAtATime } from './member-call.ts';
import { reduceBalance, reduceCheckinFromMe, reducePoints, reduceTier } from './reducers.ts';

export interface SessionSlice {
  token: string | null;
  me: MemberState | null;
  /** the member's next points to expire and when, from GET /api/me (null: nothing expires, or not read yet) */
  expiring: Expiring | null;
  rules: Rules | null;
  /** server time − device time, ms (measured once per socket connection) */
  offsetMs: number;
  locale: Locale;
  /** device clock + the measured offset */
  serverNow: () => number;
  setToken: (token: string | null) => void;
  setMe: (me: MemberState | null) => void;
  /** the member's state as just read, with the lotteries this browser remembers they entered */
  memberLoaded: (me: MemberState) => void;
  setRules: (rules: Rules) => void;
  setOffset: (offsetMs: number) => void;
  setLocale: (locale: Locale) => void;
  applyPoints: (e: PointsEvent) => void;
  applyTier: (e: TierEvent) => void;
  applyBalance: (balance: number | undefined) => void;
  /** GET /api/rules once (again with `force`: after every (re)join) */
  loadRules: (force?: boolean) => Promise<void>;
  /**
   * GET /api/me: the member state and what expires next. One read at a time;
   * asked for meanwhile (e.g. a redemption just made), it reads once more after.
   */
  loadMe: () => Promise<void>;
  /** the member's state, claims, badges and first ledger page */
  refreshMemberData: () => Promise<void>;
  /** a signed-in session starts: remember the token (the caller upgrades the socket if there is one) */
  startSession: (reply: AuthReply) => void;
  /** back to guest (expired or revoked token, sign-out) */
  forgetSession: () => void;
  /** the socket refused the token: back to guest, saying why */
  sessionRefused: () => void;
  /** `?sso=` from the shop: exchanged for a member session */
  exchangeSso: (assertion: string) => Promise<boolean>;
  /**
   * Signed up or logged in (sheet or shop SSO) without leaving the room: the
   * socket becomes the member's (`session:upgrade`), which credits the watch
   * time this page earned as a guest.
   */
  signedIn: (reply: AuthReply) => Promise<void>;
  /** back to guest: forget the token and reconnect without it */
  signOut: () => void;
}

export const createSessionSlice: Slice<SessionSlice> = (deps) => (set, get) => {
  let rulesLoad: Promise<void> | null = null;
  const { memory } = deps;
  // One read at a time: asked for meanwhile (e.g. a redemption just made), it reads once more after.
  const readMe = oneAtATime(async () => {
    const token = get().token;
    const reply = await asMember(get, (t) => deps.api.me(t));
    if (!reply) return false;
    if (get().token !== token) return true; // signed in or out meanwhile: that state is someone else's
    const { expiring = null, ...me } = reply;
    get().memberLoaded(me);
    set({ expiring });
    return false;
  });

  return {
    token: memory.token,
    me: null,
    expiring: null,
    rules: null,
    offsetMs: 0,
    locale: deps.locale,
    serverNow: () => deps.now() + get().offsetMs,
    setToken: (token) => set({ token }),
    setMe: (me) => set((s) => ({ me, checkin: reduceCheckinFromMe(s.checkin, me) })),
    memberLoaded(me) {
      get().setMe(me);
      get().setEntered(memory.loadEntered(me.member.id));
    },
    setRules: (rules) => set({ rules }),
    setOffset: (offsetMs) => set({ offsetMs }),
    setLocale: (locale) => set({ locale }),
    applyPoints(e) {
      set((s) => ({ me: reducePoints(s.me, e) }));
      // Points earned while none were expiring: they may be the next to expire (later earnings expire later: nothing else changes).
      const s = get();
      if (e.delta > 0 && s.token && s.expiring === null && s.rules?.points.expireAfterDays != null) void s.loadMe();
    },
    applyTier: (e) => set((s) => ({ me: reduceTier(s.me, e) })),
    applyBalance: (balance) => set((s) => ({ me: reduceBalance(s.me, balance) })),

    loadRules(force = false) {
      if (!rulesLoad || force) {
        rulesLoad = deps.api
          .rules()
          .then(({ rules }) => get().setRules(rules))
          .catch(() => {
            rulesLoad = null; // try again next time
          });
      }
      return rulesLoad;
    },

    loadMe: readMe,

    async refreshMemberData() {
      if (!get().token) return;
      await Promise.all([
        get().loadMe(),
        asMember(get, (t) => deps.api.myClaims(t)).then((r) => {
          if (r) get().setClaims(r.claims.map(claimView));
        }),
        get().loadLedger(false),
        get().loadBadges(),
      ]);
    },

    startSession(reply) {
      memory.saveToken(reply.token);
      set({ token: reply.token });
      get().setEntered(memory.loadEntered(reply.member.id));
    },

    forgetSession() {
      memory.saveToken(null);
      set({ token: null, me: null, expiring: null });
      get().resetPerks();
      get().resetRewards();
      get().resetMissions();
      get().resetBadges();
      get().resetLedger();
      get().setCheckin('idle', null);
    },

    sessionRefused() {
      get().forgetSession();
      get().pushToast({ kind: 'info', message: { key: 'session.expired' } });
    },

    async exchangeSso(assertion) {
      try {
        get().startSession(await deps.api.exchange(assertion));
        return true;
      } catch {
        get().pushToast({ kind: 'error', message: { key: 'auth.ssoFailed' } });
        return false;
      }
    },

    async signedIn(reply) {
      get().startSession(reply);
      get().closeAuth();
      // The catalogue again with the member's own counts, and their redemptions; the missions with their progress.
      void get().refreshRewards();
      void get().loadMissions();
      if (get().connection === 'online' && get().streamId) {
        try {
          const { me, awarded } = await deps.channel.call('session:upgrade', { token: reply.token });
          get().memberLoaded(me);
          const name = me.member.displayName;
          get().pushToast({
            kind: 'info',
            message: awarded > 0 ? { key: 'auth.welcomeKept', params: { name, points: awarded } } : { key: 'auth.welcome', params: { name } },
          });
          get().resetWatch();
          await get().refreshMemberData();
        } catch {
          // e.g. the connection dropped meanwhile: reconnecting with the token joins as the member
          deps.channel.reconnect();
        }
        return;
      }
      await get().loadMe();
      const me = get().me;
      if (me) get().pushToast({ kind: 'info', message: { key: 'auth.welcome', params: { name: me.member.displayName } } });
    },

    signOut() {
      // The server ends the session too, so the token is dead even if a copy of it lingers; signing out here never waits for it.
      const token = get().token;
      if (token) deps.api.logout(token).catch(() => undefined);
      get().forgetSession();
      get().resetWatch();
      deps.channel.reconnect();
    },
  };
};
