/**
 * OBS browser source: /overlay?token=…[&streamId=…][&lang=zh-TW].
 * One store, one socket (bound in socket-bindings.ts), one render; from here
 * on the page lives on pushed events and never needs a reload.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Overlay } from './components/Overlay.tsx';
import { OverlayContext } from './context.ts';
import { overlayLocale, overlayTranslator } from './i18n.ts';
import { bindOverlaySocket, openOverlaySocket } from './socket-bindings.ts';
import { createOverlayStore } from './store/store.ts';

const params = new URLSearchParams(window.location.search);
const locale = overlayLocale(params.get('lang'), navigator.languages ?? [navigator.language]);
document.documentElement.lang = locale;

const store = createOverlayStore();
const socket = openOverlaySocket({ token: params.get('token'), streamId: params.get('streamId') });
bindOverlaySocket(socket, store);

createRoot(document.getElementById('overlay')!).render(
  <StrictMode>
    <OverlayContext value={{ store, locale, t: overlayTranslator(locale) }}>
      <Overlay />
    </OverlayContext>
  </StrictMode>,
);
