/** Sessions that end, embedded mode: one server process, so "the other process" is the same one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SESSIONS_ENV, sessionsScenario } from './sessions-scenario.ts';

sessionsScenario('embedded', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontrow-sessions-'));
  let server: ServerProcess = await startServerProcess({ dataDir, env: SESSIONS_ENV });
  return {
    a: () => server.url,
    b: () => server.url,
    async restart(env) {
      await server.stop();
      server = await startServerProcess({ dataDir, env: { ...SESSIONS_ENV, ...env } });
    },
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
