/**
 * The member token lives in localStorage (one sign-in for every show); the
 * URL may carry a shop sign-on assertion (`?sso=`, exchanged once, then removed
 * from the address bar) and a share referrer (`?ref=<memberId>`).
 */
const TOKEN_KEY = 'frontrow.token';
const ENTERED_KEY = 'frontrow.entered.';

export function loadToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the session lasts as long as the page
  }
}

/** Lotteries a member entered (entering is idempotent on the server; this only remembers the ✓ across reloads). */
export function loadEntered(memberId: string): Record<string, number> {
  try {
    const raw = localStorage.getItem(ENTERED_KEY + memberId);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function saveEntered(memberId: string, entered: Record<string, number>): void {
  try {
    localStorage.setItem(ENTERED_KEY + memberId, JSON.stringify(entered));
  } catch {
    // ignore
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `?ref=` when it is a well-formed member id (anything else would only be refused by stream:join). */
export function refFromUrl(search = location.search): string | null {
  const ref = new URLSearchParams(search).get('ref');
  return ref && ID.test(ref) ? ref : null;
}

/** Takes `?sso=` out of the URL (the rest stays) and returns it. */
export function takeSsoAssertion(): string | null {
  const url = new URL(location.href);
  const assertion = url.searchParams.get('sso');
  if (assertion === null) return null;
  url.searchParams.delete('sso');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return assertion || null;
}

export type Route = { page: 'home' } | { page: 'room'; streamId: string } | { page: 'verify'; lotteryId: string };

export function routeOf(pathname: string): Route {
  const room = /^\/live\/([^/]+)\/?$/.exec(pathname);
  if (room?.[1]) return { page: 'room', streamId: safeDecode(room[1]) };
  const verify = /^\/verify\/([^/]+)\/?$/.exec(pathname);
  if (verify?.[1]) return { page: 'verify', lotteryId: safeDecode(verify[1]) };
  return { page: 'home' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
