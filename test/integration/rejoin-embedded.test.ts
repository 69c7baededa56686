import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { api, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { joinShow, REJOIN_RULES, rejoinScenario, say } from './rejoin-scenario.ts';

rejoinScenario('embedded', () => startApp());

// Embedded only (the Redis history lives in Redis, not in the process): the in-memory history starts
// again from the stored comments after a restart, so a restart does not empty the chat, removals included.
it('the chat history survives a restart of the embedded server', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontrow-rejoin-restart-'));
  try {
    const before = await startApp({ dataDir });
    const host = await hostToken(before.url);
    expect((await api(before.url, 'PUT', '/api/rules', REJOIN_RULES, host)).status).toBe(200);
    const streamId = await liveShow(before.url, host, 'restart');
    const mei = await ssoMember(before.url, `mei-${Math.random()}`, 'Mei');
    const socket = await connect(before.url, '/live', { token: mei.token });
    await joinShow(socket, streamId);
    for (const text of ['before 1', 'before 2', 'before 3']) {
      before.clock.advance(1_000); // the store orders comments by time: one a second gives them one order
      await say(socket, streamId, [text]);
    }
    const said = (await joinShow(socket, streamId)).comments;
    expect((await api(before.url, 'DELETE', `/api/comments/${said[1]!.id}`, undefined, host)).status).toBe(200);
    socket.close();
    await before.stop();

    const after = await startApp({ dataDir });
    try {
      const late = await connect(after.url, '/live');
      const { comments } = await joinShow(late, streamId);
      late.close();
      expect(comments.map((c) => c.text)).toEqual(['before 1', 'before 3']);
    } finally {
      await after.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
