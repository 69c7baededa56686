import { startApp } from '../support/app-harness.ts';
import { rewardsScenario } from './rewards-scenario.ts';

rewardsScenario('embedded', () => startApp());
