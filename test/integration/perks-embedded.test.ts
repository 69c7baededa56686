import { startApp } from '../support/app-harness.ts';
import { perksScenario } from './perks-scenario.ts';

perksScenario('embedded', () => startApp());
