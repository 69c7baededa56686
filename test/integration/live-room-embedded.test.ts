import { startApp } from '../support/app-harness.ts';
import { CROWD_ENV, liveRoomScenario } from './live-room-scenario.ts';

liveRoomScenario('embedded', () => startApp({ env: CROWD_ENV }));
