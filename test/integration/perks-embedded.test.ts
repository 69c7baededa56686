import { startApp } from '../support/app-harness.ts';
import { PERKS_ENV, perksScenario } from './perks-scenario.ts';

perksScenario('embedded', () => startApp({ env: PERKS_ENV }));
