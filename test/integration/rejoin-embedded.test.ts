import { startApp } from '../support/app-harness.ts';
import { rejoinScenario } from './rejoin-scenario.ts';

rejoinScenario('embedded', () => startApp());
