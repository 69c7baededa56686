import { startApp } from '../support/app-harness.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { fairEarningScenario } from './fair-earning-scenario.ts';

// 200 sockets in batches of 50 on a shared CI machine: exact earnings are checked here, the overload guards elsewhere.
fairEarningScenario('embedded', () => startApp({ env: { TRUST_PROXY: 'loopback', ...SHARED_MACHINE_ENV } }));
