// The insights worker's first module: plain JavaScript, so a worker thread can
// start it without a TypeScript loader; it registers tsx's (as `npm start`
// runs the app) and then loads the TypeScript entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
