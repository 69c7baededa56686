import { startApp } from '../support/app-harness.ts';
import { refundsScenario } from './refunds-scenario.ts';

refundsScenario('embedded', () => startApp());
