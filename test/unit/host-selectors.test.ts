import { describe, expect, it } from 'vitest';
import type { Stream } from '../../shared/models.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { toDraft, setAtPath } from '../../client/host/logic/rules-draft.ts';
import { selectFocusedShow, selectOnAir, selectRoomShowId, selectRulesDirty } from '../../client/host/store/selectors.ts';
import type { HostState } from '../../client/host/store/index.ts';

const show = (id: string, status: Stream['status'], over: Partial<Stream> = {}): Stream => ({
  id,
  title: id,
  playbackUrl: null,
  status,
  createdAt: 1,
  startedAt: status === 'scheduled' ? null : 10,
  endedAt: status === 'ended' ? 20 : null,
  ...over,
});
const state = (over: Partial<HostState>) => ({ streams: [], focusedShowId: null, rules: null, rulesDraft: null, ...over }) as HostState;

describe('host selectors', () => {
  it('on air is the live show started last', () => {
    const s = state({ streams: [show('a', 'live', { startedAt: 5 }), show('b', 'live', { startedAt: 9 }), show('c', 'scheduled')] });
    expect(selectOnAir(s)?.id).toBe('b');
  });

  it('focuses the picked show, else the one on air, else the next scheduled', () => {
    const streams = [show('old', 'ended'), show('next', 'scheduled'), show('now', 'live')];
    expect(selectFocusedShow(state({ streams }))?.id).toBe('now');
    expect(selectFocusedShow(state({ streams, focusedShowId: 'old' }))?.id).toBe('old');
    expect(selectFocusedShow(state({ streams, focusedShowId: 'gone' }))?.id).toBe('now');
    expect(selectFocusedShow(state({ streams: [show('old', 'ended'), show('next', 'scheduled')] }))?.id).toBe('next');
  });

  it('sits in no room for an ended show', () => {
    const streams = [show('old', 'ended'), show('now', 'live')];
    expect(selectRoomShowId(state({ streams }))).toBe('now');
    expect(selectRoomShowId(state({ streams, focusedShowId: 'old' }))).toBeNull();
  });

  it('knows when the rules draft differs from what was saved', () => {
    const rules = DEFAULT_RULES;
    expect(selectRulesDirty(state({ rules, rulesDraft: toDraft(rules) }))).toBe(false);
    expect(selectRulesDirty(state({ rules, rulesDraft: setAtPath(toDraft(rules), 'like.points', '3') }))).toBe(true);
  });
});
