/**
 * The ChatHistory contract (server/engine/chat-history.ts), written once and
 * run against MemoryChatHistory and RedisChatHistory by their test files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentEvent } from '../../shared/events.ts';
import { CHAT_HISTORY_SIZE } from '../../server/domain/chat-history.ts';
import type { ChatHistory } from '../../server/engine/chat-history.ts';

export interface ChatHistoryFixture {
  history: ChatHistory;
  cleanup(): Promise<void>;
}

let seq = 0;
export function comment(streamId: string, text: string, extra: Partial<CommentEvent> = {}): CommentEvent {
  seq += 1;
  return { id: `c${seq}-${text}`, streamId, memberId: 'm1', displayName: 'Mei 美', tier: 'bronze', text, at: 1_700_000_000_000 + seq, ...extra };
}

export function chatHistoryContract(name: string, make: () => Promise<ChatHistoryFixture>): void {
  describe(name, () => {
    let fx: ChatHistoryFixture;
    let history: ChatHistory;
    beforeEach(async () => {
      fx = await make();
      history = fx.history;
    });
    afterEach(async () => {
      await fx?.cleanup();
    });

    it('an unknown show has no history', async () => {
      expect(await history.recent('nobody')).toEqual([]);
    });

    it('keeps comments oldest first, each show its own, the whole event', async () => {
      const a1 = comment('s1', 'first');
      const b1 = comment('s2', 'elsewhere');
      const a2 = comment('s1', 'second 第二', { tier: 'gold', displayName: 'Lin' });
      for (const c of [a1, b1, a2]) await history.append(c);
      expect(await history.recent('s1')).toEqual([a1, a2]);
      expect(await history.recent('s2')).toEqual([b1]);
    });

    it(`keeps only the newest ${CHAT_HISTORY_SIZE} per show`, async () => {
      const all = Array.from({ length: CHAT_HISTORY_SIZE + 7 }, (_, i) => comment('s1', `n${i}`));
      for (const c of all) await history.append(c);
      const kept = await history.recent('s1');
      expect(kept).toHaveLength(CHAT_HISTORY_SIZE);
      expect(kept).toEqual(all.slice(7));
    });

    it('a removed comment leaves the history; removing an unknown id, or again, changes nothing', async () => {
      const cs = [comment('s1', 'a'), comment('s1', 'b'), comment('s1', 'c')];
      for (const c of cs) await history.append(c);
      await history.remove('s1', cs[1]!.id);
      expect(await history.recent('s1')).toEqual([cs[0], cs[2]]);
      await history.remove('s1', cs[1]!.id);
      await history.remove('s1', 'no-such-comment');
      await history.remove('s2', cs[0]!.id); // another show's id space
      expect(await history.recent('s1')).toEqual([cs[0], cs[2]]);
      // Newer comments keep coming after a removal, still oldest first.
      const d = comment('s1', 'd');
      await history.append(d);
      expect(await history.recent('s1')).toEqual([cs[0], cs[2], d]);
    });

    it('concurrent appends and removals all apply, bounded', async () => {
      const cs = Array.from({ length: 60 }, (_, i) => comment('s1', `p${i}`));
      await Promise.all(cs.map((c) => history.append(c)));
      const kept = await history.recent('s1');
      expect(kept).toHaveLength(CHAT_HISTORY_SIZE);
      await Promise.all(kept.slice(0, 10).map((c) => history.remove('s1', c.id)));
      const after = await history.recent('s1');
      expect(after).toEqual(kept.slice(10));
    });
  });
}
