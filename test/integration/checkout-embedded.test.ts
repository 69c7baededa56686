import { startApp } from '../support/app-harness.ts';
import { checkoutScenario } from './checkout-scenario.ts';

checkoutScenario('embedded', () => startApp());
