import { startApp } from '../support/app-harness.ts';
import { overlayScenario } from './overlay-scenario.ts';

overlayScenario('embedded', (dataDir, clock) => startApp({ dataDir, clock }));
