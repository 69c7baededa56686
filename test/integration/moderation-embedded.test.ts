import { startApp } from '../support/app-harness.ts';
import { moderationScenario } from './moderation-scenario.ts';

moderationScenario('embedded', () => startApp());
