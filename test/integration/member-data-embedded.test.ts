import { startApp } from '../support/app-harness.ts';
import { memberDataScenario } from './member-data-scenario.ts';

memberDataScenario('embedded', () => startApp());
