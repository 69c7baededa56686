import { expect, it } from 'vitest';
import type { CommentEvent } from '../../shared/events.ts';
import { MemoryChatHistory } from '../../server/engine/memory-chat-history.ts';
import { chatHistoryContract, comment } from './chat-history-contract.ts';

chatHistoryContract('MemoryChatHistory', async () => {
  const history = new MemoryChatHistory(async () => []);
  return { history, cleanup: () => history.resetForTests() };
});

// Memory only: the buffer starts from the store's recent comments (what survives a restart of the one process).
it('MemoryChatHistory starts a show from the stored recent comments, read once', async () => {
  const stored = [comment('s1', 'before the restart'), comment('s1', 'also before')];
  const reads: string[] = [];
  const history = new MemoryChatHistory(async (streamId, limit) => {
    reads.push(`${streamId}:${limit}`);
    return streamId === 's1' ? stored : [];
  });
  const [a, b] = await Promise.all([history.recent('s1'), history.recent('s1')]);
  expect(a).toEqual(stored);
  expect(b).toEqual(stored);
  // The store already holds a comment when it is appended: it is kept once.
  const fresh = comment('s1', 'after');
  stored.push(fresh);
  await history.append(fresh);
  expect(await history.recent('s1')).toEqual(stored);
  expect(reads).toEqual(['s1:50']);
});

it('MemoryChatHistory keeps a bounded number of shows; a forgotten one is read back from the store', async () => {
  const stored = new Map<string, CommentEvent[]>();
  const history = new MemoryChatHistory(async (streamId) => stored.get(streamId) ?? [], 2);
  for (const s of ['s1', 's2', 's3']) {
    const c = comment(s, 'hi');
    stored.set(s, [c]);
    await history.append(c);
  }
  stored.set('s1', []); // if s1 were still in memory, this would not show
  expect(await history.recent('s1')).toEqual([]);
  expect((await history.recent('s3')).map((c) => c.text)).toEqual(['hi']);
});
