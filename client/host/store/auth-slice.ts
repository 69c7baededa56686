import { problemOf } from '../logic/problems.ts';
import { EMPTY_PERKS } from './reducers.ts';
import { EMPTY_WEBHOOK_LOG } from './webhooks-slice.ts';
import type { Slice } from './index.ts';
import type { AuthSlice } from './types.ts';

export const TOKEN_KEY = 'frontrow.host.token';

export const createAuthSlice: Slice<AuthSlice> = (deps) => (set, get) => ({
  token: deps.storage.read<string | null>(TOKEN_KEY, null),
  loginPending: false,
  loginProblem: null,

  async login(hostKey) {
    if (!hostKey.trim()) {
      set({ loginProblem: { key: 'login.keyRequired' } });
      return;
    }
    set({ loginPending: true, loginProblem: null });
    try {
      const { token } = await deps.api.login(hostKey);
      deps.storage.write(TOKEN_KEY, token);
      set({ token, loginPending: false });
    } catch (err) {
      const problem = problemOf(err);
      set({ loginPending: false, loginProblem: problem.key === 'errors.UNAUTHENTICATED' ? { key: 'login.wrongKey' } : problem });
    }
  },
  logout() {
    deps.storage.write(TOKEN_KEY, null);
    // nothing of the last session lingers for whoever signs in next on this screen
    set({
      token: null,
      loginProblem: null,
      streams: [],
      showsLoaded: false,
      focusedShowId: null,
      audience: {},
      perks: EMPTY_PERKS,
      perksLoadedFor: {},
      proofs: {},
      notices: [],
      webhookLog: EMPTY_WEBHOOK_LOG,
    });
  },
  sessionExpired() {
    if (!get().token) return;
    get().logout();
    set({ loginProblem: { key: 'login.expired' } });
  },
});
