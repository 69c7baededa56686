/** Authentication throttles in embedded mode (counts in process memory). */
import { describe } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { authThrottleScenario, THROTTLE_ENV } from './auth-throttle-scenario.ts';

describe('authentication throttles (embedded)', () => {
  authThrottleScenario(() => startApp({ env: THROTTLE_ENV }));
});
