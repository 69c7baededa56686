/**
 * The viewer app: `/` (shows), `/live/:streamId` (the room), `/verify/:lotteryId`.
 * A shop sign-on assertion in the URL is exchanged (and removed) before anything
 * connects, so the room opens as the member.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthSheet } from './components/AuthSheet.tsx';
import { Toasts } from './components/Toasts.tsx';
import { exchangeSso, loadMe } from './data.ts';
import { useT } from './hooks.ts';
import { HomePage } from './pages/HomePage.tsx';
import { RoomPage } from './pages/RoomPage.tsx';
import { VerifyPage } from './pages/VerifyPage.tsx';
import { routeOf, takeSsoAssertion, type Route } from './session.ts';
import { useLiveStore } from './store/index.ts';
import './styles/base.css';
import './styles/room.css';
import './styles/perks.css';
import './styles/pages.css';

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

async function boot(): Promise<void> {
  document.documentElement.lang = useLiveStore.getState().locale;
  useLiveStore.subscribe((s, prev) => {
    if (s.locale !== prev.locale) document.documentElement.lang = s.locale;
  });
  const assertion = takeSsoAssertion();
  if (assertion) await exchangeSso(assertion);
  const route = routeOf(location.pathname);
  if (route.page !== 'room') void loadMe(); // the room gets the member state from its join ack
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App route={route} />
    </StrictMode>,
  );
}

void boot();
