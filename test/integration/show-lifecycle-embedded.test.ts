import { startApp } from '../support/app-harness.ts';
import { showLifecycleScenario } from './show-lifecycle-scenario.ts';

showLifecycleScenario('embedded', () => startApp());
