/** The host dashboard: one store, one socket binding, one React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { rememberLocale } from '../common/i18n.ts';
import { App } from './components/App.tsx';
import { bindSockets } from './socket-bindings.ts';
import { useHostStore } from './store/index.ts';
import { viewFromPath } from './store/ui-slice.ts';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import './styles/shows.css';
import './styles/perks.css';
import './styles/settings.css';
import './styles/responsive.css';

rememberLocale(useHostStore.getState().locale);
window.addEventListener('popstate', () => useHostStore.setState({ view: viewFromPath(location.pathname) }));
bindSockets(useHostStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
