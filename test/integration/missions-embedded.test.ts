import { startApp } from '../support/app-harness.ts';
import { missionsScenario } from './missions-scenario.ts';

missionsScenario('embedded', () => startApp());
