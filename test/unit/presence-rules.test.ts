/**
 * The presence counting rules of server/domain/presence.ts on their own: the
 * decisions and the writes they return. (Both engines against these functions:
 * test/differential/presence.test.ts; the contract cases: engine-contract.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  applyPresence,
  emptyPresence,
  join,
  leave,
  presenceCount,
  sweep,
  type MutablePresenceState,
  type PresenceDecision,
} from '../../server/domain/presence.ts';

/** Applies a decision and returns its reply. */
function step<D extends PresenceDecision>(state: MutablePresenceState, decision: D): D['change'] {
  applyPresence(state, decision.writes);
  return decision.change;
}

describe('presence rules', () => {
  it('a decision reads the state without changing it; the writes are values after the step', () => {
    const s = emptyPresence();
    const d = join(s, 'c1', 'm:a');
    expect(s.connections.size).toBe(0);
    expect(d.writes).toEqual({ connections: [['c1', 'm:a']], viewers: [['m:a', 1]], members: 1 });
    expect(step(s, d)).toEqual({ viewers: 1, members: 1, firstConnection: true, lastConnection: false });
  });

  it('joining again as the same viewer writes nothing', () => {
    const s = emptyPresence();
    step(s, join(s, 'c1', 'g:c1'));
    const again = join(s, 'c1', 'g:c1');
    expect(again.writes).toEqual({ connections: [], viewers: [], members: 0 });
    expect(again.change).toEqual({ viewers: 1, members: 0, firstConnection: false, lastConnection: false });
  });

  it('a guest connection joining as a member moves over: the guest leaves, the member arrives', () => {
    const s = emptyPresence();
    step(s, join(s, 'c1', 'g:c1'));
    expect(step(s, join(s, 'c1', 'm:a'))).toEqual({ viewers: 1, members: 1, firstConnection: true, lastConnection: true });
    expect(s).toEqual({ connections: new Map([['c1', 'm:a']]), viewers: new Map([['m:a', 1]]), members: 1 });
  });

  it('leave of an unknown connection changes nothing', () => {
    const s = emptyPresence();
    step(s, join(s, 'c1', 'm:a'));
    expect(leave(s, 'nope')).toEqual({
      change: { viewers: 1, members: 1, firstConnection: false, lastConnection: false },
      writes: { connections: [], viewers: [], members: 1 },
    });
  });

  it('sweep removes each connection by the leave rule, counting down one viewer across several', () => {
    const s = emptyPresence();
    for (const [c, v] of [['c1', 'm:a'], ['c2', 'm:a'], ['c3', 'm:b'], ['c4', 'g:c4'], ['c5', 'g:c5']] as const) step(s, join(s, c, v));
    const d = sweep(s, ['c1', 'c2', 'c4', 'gone', 'c1']);
    expect(d.removed).toBe(3);
    expect(d.change).toMatchObject({ viewers: 2, members: 1 });
    applyPresence(s, d.writes);
    expect(presenceCount(s)).toEqual({ viewers: 2, members: 1 });
    expect([...s.connections.keys()]).toEqual(['c3', 'c5']);
    expect(s.viewers).toEqual(new Map([['m:b', 1], ['g:c5', 1]]));
  });
});
