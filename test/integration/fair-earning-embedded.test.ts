import { startApp } from '../support/app-harness.ts';
import { fairEarningScenario } from './fair-earning-scenario.ts';

fairEarningScenario('embedded', () => startApp({ env: { TRUST_PROXY: 'loopback' } }));
