/**
 * Once per test run: build the web screens if their sources changed, so the
 * browser tests and `npm start` in the startup test find them built (and no
 * two tests build at once).
 */
import { buildWebIfStale } from '../server/web-build.ts';

export default async function setup(): Promise<void> {
  if (process.env.FRONTROW_SKIP_WEB_BUILD === '1') return; // server-only test runs while the screens are mid-edit
  await buildWebIfStale((msg) => console.log(msg));
}
