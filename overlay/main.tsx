/**
 * OBS browser source: /overlay?token=…[&streamId=…][&lang=zh-TW].
 * One store, one socket (bound in socket-bindings.ts), one render; from here
 * on the page lives on pushed events and never needs a reload.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Overlay } from './components/Overlay.tsx';
import { StoreProvider } from './hooks.ts';
import { bindOverlaySocket, openOverlaySocket } from './socket-bindings.ts';
import { browserDeps } from './store/deps.ts';
import { createStore } from './store/index.ts';

const params = new URLSearchParams(window.location.search);
const store = createStore(browserDeps(window.location.search));
document.documentElement.lang = store.getState().locale;

const socket = openOverlaySocket({ token: params.get('token'), streamId: params.get('streamId') });
bindOverlaySocket(socket, store);

createRoot(document.getElementById('overlay')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <Overlay />
    </StoreProvider>
  </StrictMode>,
);
