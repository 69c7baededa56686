import { startApp } from '../support/app-harness.ts';
import { achievementsScenario } from './achievements-scenario.ts';

achievementsScenario('embedded', () => startApp());
