import { startApp } from '../support/app-harness.ts';
import { liveRoomScenario } from './live-room-scenario.ts';

liveRoomScenario('embedded', () => startApp());
