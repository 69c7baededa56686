import { hostApi } from '../host-api.ts';
import { problemOf } from '../lib/problems.ts';
import { readStored, writeStored } from '../lib/storage.ts';
import { EMPTY_PERKS } from './reducers.ts';
import type { AuthSlice, Slice } from './types.ts';

export const TOKEN_KEY = 'frontrow.host.token';

export const createAuthSlice: Slice<AuthSlice> = (set, get) => ({
  token: readStored<string | null>(TOKEN_KEY, null),
  loginPending: false,
  loginProblem: null,

  async login(hostKey) {
    if (!hostKey.trim()) {
      set({ loginProblem: { key: 'login.keyRequired' } });
      return;
    }
    set({ loginPending: true, loginProblem: null });
    try {
      const { token } = await hostApi.login(hostKey);
      writeStored(TOKEN_KEY, token);
      set({ token, loginPending: false });
    } catch (err) {
      const problem = problemOf(err);
      set({ loginPending: false, loginProblem: problem.key === 'errors.UNAUTHENTICATED' ? { key: 'login.wrongKey' } : problem });
    }
  },
  logout() {
    writeStored(TOKEN_KEY, null);
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
    });
  },
  sessionExpired() {
    if (!get().token) return;
    get().logout();
    set({ loginProblem: { key: 'login.expired' } });
  },
});
