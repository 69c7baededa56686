/**
 * HTTP loads into the store: the rules, a show's drops, lotteries and
 * leaderboard, the member's own state, claims and ledger. A member call
 * answered 401 means the token expired or was revoked: the session is dropped.
 */
import { ApiError } from '../common/api.ts';
import { api, type AuthReply } from './api.ts';
import { checkinKey, dayKeyIn, streakFromCheckin } from './logic/checkin.ts';
import { loadEntered, saveToken } from './session.ts';
import { useLiveStore } from './store/index.ts';

const st = () => useLiveStore.getState();
export const serverNow = () => Date.now() + st().offsetMs;

let rulesLoad: Promise<void> | null = null;
export function loadRules(force = false): Promise<void> {
  if (!rulesLoad || force) {
    rulesLoad = api
      .rules()
      .then(({ rules }) => st().setRules(rules))
      .catch(() => {
        rulesLoad = null; // try again next time
      });
  }
  return rulesLoad;
}

/** Drop the member session (expired/revoked token or sign-out): back to guest. */
export function forgetSession(): void {
  saveToken(null);
  const s = st();
  s.setToken(null);
  s.setMe(null);
  s.resetPerks();
  s.resetLedger();
  s.setCheckin('idle', null);
}

async function asMember<T>(run: (token: string) => Promise<T>): Promise<T | null> {
  const token = st().token;
  if (!token) return null;
  try {
    return await run(token);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && st().token === token) {
      forgetSession();
      st().pushToast({ kind: 'info', message: { key: 'session.expired' } });
    }
    return null;
  }
}

/** A signed-in session starts: remember the token; the caller upgrades the socket if there is one. */
export function startSession(reply: AuthReply): void {
  saveToken(reply.token);
  st().setToken(reply.token);
  st().setEntered(loadEntered(reply.member.id));
}

export async function loadMe(): Promise<void> {
  const me = await asMember((t) => api.me(t));
  if (me) {
    st().setMe(me);
    st().setEntered(loadEntered(me.member.id));
  }
}

/** Everything about the show that is not in the join ack; called after every (re)join. */
export async function refreshRoomData(streamId: string): Promise<void> {
  await Promise.all([
    loadRules(true),
    api.drops(streamId).then(({ drops }) => st().setDrops(drops), ignore),
    api.lotteries(streamId).then(({ lotteries }) => st().setLotteries(lotteries), ignore),
    api.leaderboard(streamId).then(({ entries }) => st().setLeaderboard(entries), ignore),
    refreshMemberData(),
  ]);
}

/** The member's state (GET /api/me), claims and first ledger page (which also tells whether today's check-in is done). */
export async function refreshMemberData(): Promise<void> {
  if (!st().token) return;
  await Promise.all([
    loadMe(),
    asMember((t) => api.myClaims(t)).then((r) => {
      if (r) st().setClaims(r.claims.map(({ id, dropId, status, expiresAt, checkoutRef }) => ({ id, dropId, status, expiresAt, checkoutRef })));
    }),
    loadLedger(false),
  ]);
}

export async function loadLedger(more: boolean): Promise<void> {
  const s = st();
  if (!s.token || (more && !s.ledger.next)) return;
  s.ledgerLoading();
  const page = await asMember((t) => api.ledger(t, more ? s.ledger.next : null));
  if (!page) {
    if (st().token) st().ledgerFailed();
    return;
  }
  st().ledgerLoaded(page, more);
  if (!more) {
    await loadRules();
    noteTodaysCheckin();
  }
}

/** The ledger key of today's check-in says it is done, and its amount says the streak. */
function noteTodaysCheckin(): void {
  const { me, rules, ledger, checkin } = st();
  if (!me || !rules || checkin.status !== 'idle') return;
  const key = checkinKey(me.member.id, dayKeyIn(serverNow(), rules.timezone));
  const entry = ledger.entries.find((e) => e.key === key);
  if (entry) st().setCheckin('done', streakFromCheckin(entry.delta, rules.checkin));
}

/** `?sso=` from the shop: exchange it for a member session. */
export async function exchangeSso(assertion: string): Promise<boolean> {
  try {
    startSession(await api.exchange(assertion));
    return true;
  } catch {
    st().pushToast({ kind: 'error', message: { key: 'auth.ssoFailed' } });
    return false;
  }
}

function ignore(): void {
  // a section that fails to load stays as it was; the next (re)join tries again
}
