/**
 * The viewer app: `/` (shows), `/live/:streamId` (the room), `/verify/:lotteryId`.
 * One store, one socket binding, one React tree. A shop sign-on assertion in
 * the URL is exchanged (and removed) before anything connects, so the room
 * opens as the member.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthSheet } from './components/AuthSheet.tsx';
import { HomePage } from './components/pages/HomePage.tsx';
import { RoomPage } from './components/pages/RoomPage.tsx';
import { VerifyPage } from './components/pages/VerifyPage.tsx';
import { Toasts } from './components/Toasts.tsx';
import { StoreProvider, useT } from './hooks.ts';
import { routeOf, takeSsoAssertion, type Route } from './logic/session.ts';
import { bindLiveSocket, openLiveSocket, socketChannel } from './socket-bindings.ts';
import { browserDeps } from './store/deps.ts';
import { createStore } from './store/index.ts';
import './styles/base.css';
import './styles/room.css';
import './styles/perks.css';
import './styles/pages.css';
import './styles/missions.css';
import './styles/goals-badges.css';

function App({ route }: { route: Route }) {
  const t = useT();
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skip')}
      </a>
      {route.page === 'room' ? <RoomPage streamId={route.streamId} /> : route.page === 'verify' ? <VerifyPage lotteryId={route.lotteryId} /> : <HomePage />}
      <Toasts />
      <AuthSheet />
    </>
  );
}

const socket = openLiveSocket(() => store.getState().token);
const store = createStore(browserDeps(socketChannel(socket)));
bindLiveSocket(socket, store);

async function boot(): Promise<void> {
  document.documentElement.lang = store.getState().locale;
  store.subscribe((s, prev) => {
    if (s.locale !== prev.locale) document.documentElement.lang = s.locale;
  });
  const onVisibility = () => store.getState().setVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  const assertion = takeSsoAssertion();
  if (assertion) await store.getState().exchangeSso(assertion);
  const route = routeOf(location.pathname);
  if (route.page !== 'room') void store.getState().loadMe(); // the room gets the member state from its join ack
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App route={route} />
      </StoreProvider>
    </StrictMode>,
  );
}

void boot();
