/** The host dashboard: one store, one socket binding, one React tree. */
import './zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { rememberLocale } from '../common/i18n.ts';
import { App } from './components/App.tsx';
import { StoreProvider } from './hooks.ts';
import { bindHostSocket, openHostSockets } from './socket-bindings.ts';
import { browserDeps } from './store/deps.ts';
import { createStore } from './store/index.ts';
import { insightsPartFromPath, reportFromPath, viewFromPath } from './store/ui-slice.ts';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import './styles/shows.css';
import './styles/perks.css';
import './styles/settings.css';
import './styles/rewards.css';
import './styles/missions.css';
import './styles/goals.css';
import './styles/report.css';
import './styles/insights.css';
import './styles/confirm.css';
import './styles/responsive.css';

const store = createStore(browserDeps());
rememberLocale(store.getState().locale);
window.addEventListener('popstate', () =>
  store.setState({ view: viewFromPath(location.pathname), reportShowId: reportFromPath(location.pathname), insightsPart: insightsPartFromPath(location.pathname) }),
);
bindHostSocket(openHostSockets(() => store.getState().token), store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
