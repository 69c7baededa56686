import { describe, expect, it } from 'vitest';
import type { HostStats } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import type { Claim, Drop } from '../../shared/perks.ts';
import { DEFAULT_RULES, RulesSchema } from '../../shared/rules.ts';
import { dropStatus, dropWindows } from '../../shared/domain/drop-windows.ts';
import { centsFrom, numberFrom } from '../../client/host/logic/form-values.ts';
import { fieldProblems } from '../../client/host/logic/problems.ts';
import {
  appendTier,
  blockedWordsFromText,
  blockedWordsText,
  fromDraft,
  removeTier,
  setAtPath,
  shiftTierErrors,
  toDraft,
} from '../../client/host/logic/rules-draft.ts';
import { aDrop, aLottery } from '../support/perk-fixtures.ts';
import { chartPaths, niceCeiling } from '../../client/host/components/studio/chart-geometry.ts';
import {
  EMPTY_PERKS,
  applyDropStock,
  applyLotteryDrawn,
  applyLotteryEntries,
  recordBadge,
  recordComment,
  recordConfirmation,
  recordPresence,
  recordStats,
  removeComment,
  replaceShowPerks,
  upsertDrop,
  upsertLottery,
  upsertStream,
  type AudienceByShow,
} from '../../client/host/store/reducers.ts';

const stats = (streamId: string, viewers: number, members = 0): HostStats => ({
  streamId,
  viewers,
  members,
  watchMinutes: 0,
  pointsIssued: 0,
  newMembers: 0,
  topFans: [],
});

const drop = aDrop;

/** A drop:stock push read after the drops above were. */
const stock = (dropId: string, remaining: number, reserved = 0, confirmed = 0) => ({ dropId, remaining, reserved, confirmed, stockAt: 1 });

const lottery = aLottery;

describe('audience reducers', () => {
  it('keeps a bounded stats history per show, oldest dropped first', () => {
    let state: AudienceByShow = {};
    for (let i = 1; i <= 7; i++) state = recordStats(state, stats('s1', i), i * 2000, 5);
    state = recordStats(state, stats('s2', 99), 1, 5);
    expect(state.s1!.history.map((s) => s.viewers)).toEqual([3, 4, 5, 6, 7]);
    expect(state.s1!.latest?.viewers).toBe(7);
    expect(state.s2!.history).toHaveLength(1);
  });

  it('never mutates the previous state', () => {
    const before = recordStats({}, stats('s1', 1), 1000);
    const frozen = JSON.stringify(before);
    recordStats(before, stats('s1', 2), 2000);
    recordComment(before, { id: 'c1', streamId: 's1', memberId: 'm', displayName: 'A', tier: 'gold', text: 'hi', at: 1 });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('shows the freshest count, whether it came from stats or presence', () => {
    let state = recordStats({}, stats('s1', 10, 4), 2000);
    state = recordPresence(state, { streamId: 's1', viewers: 12, members: 5 }, 3000);
    expect(state.s1!.counts).toMatchObject({ viewers: 12, members: 5 });
    // a presence push that is older than the last stats does not win
    state = recordStats(state, stats('s1', 11, 5), 4000);
    state = recordPresence(state, { streamId: 's1', viewers: 3, members: 1 }, 3500);
    expect(state.s1!.counts).toMatchObject({ viewers: 11, members: 5 });
    // presence alone does not add chart points
    expect(state.s1!.history.map((h) => h.viewers)).toEqual([10, 11]);
  });

  it('removes a comment by id from its show only; unknown ids change nothing', () => {
    let state: AudienceByShow = {};
    for (const id of ['a', 'b']) state = recordComment(state, { id, streamId: 's1', memberId: 'm', displayName: 'M', tier: 'bronze', text: id, at: 1 });
    const after = removeComment(state, { streamId: 's1', id: 'a' });
    expect(after.s1!.comments.map((c) => c.id)).toEqual(['b']);
    expect(removeComment(state, { streamId: 's1', id: 'zzz' })).toBe(state);
    expect(removeComment(state, { streamId: 's2', id: 'a' })).toBe(state);
  });

  it('caps comments and badges, newest kept', () => {
    let state: AudienceByShow = {};
    for (let i = 0; i < 12; i++) state = recordComment(state, { id: `c${i}`, streamId: 's1', memberId: `m${i}`, displayName: `M${i}`, tier: 'bronze', text: `c${i}`, at: i }, 10);
    expect(state.s1!.comments).toHaveLength(10);
    expect(state.s1!.comments[0]!.text).toBe('c2');
    expect(state.s1!.comments[9]!.text).toBe('c11');
    const tier = DEFAULT_RULES.tiers[1]!;
    state = recordBadge(state, { streamId: 's1', memberId: 'm1', displayName: 'M1', tier, reason: 'tier-up' }, 42);
    expect(state.s1!.activity).toEqual([expect.objectContaining({ memberId: 'm1', reason: 'tier-up', at: 42 })]);
  });
});

describe('shows', () => {
  it('replaces a show by id and keeps newest first', () => {
    const a: Stream = { id: 'a', title: 'A', playbackUrl: null, status: 'scheduled', createdAt: 1, startedAt: null, endedAt: null };
    const b: Stream = { ...a, id: 'b', title: 'B', createdAt: 2 };
    let list = upsertStream([], a);
    list = upsertStream(list, b);
    list = upsertStream(list, { ...a, status: 'live', startedAt: 5 });
    expect(list.map((s) => `${s.id}:${s.status}`)).toEqual(['b:scheduled', 'a:live']);
  });
});

describe('drop reducers', () => {
  it('applies stock: sold out at zero, reopens when reservations lapse, ignores unknown drops', () => {
    let state = upsertDrop(EMPTY_PERKS, drop());
    state = applyDropStock(state, stock('d1', 0));
    expect(state.drops.d1).toMatchObject({ remaining: 0, status: 'sold-out' });
    state = applyDropStock(state, stock('d1', 2, 1, 2));
    expect(state.drops.d1).toMatchObject({ remaining: 2, status: 'open', reserved: 1, confirmed: 2 });
    expect(applyDropStock(state, stock('nope', 1))).toBe(state);
  });

  it('keeps a closed drop closed, whatever arrives later', () => {
    let state = upsertDrop(EMPTY_PERKS, drop({ status: 'closed', closedAt: 9 }));
    state = applyDropStock(state, stock('d1', 0));
    expect(state.drops.d1!.status).toBe('closed');
    state = upsertDrop(state, drop({ status: 'open', remaining: 3, stockAt: 2 })); // a re-read made after the push
    expect(state.drops.d1).toMatchObject({ status: 'closed', closedAt: 9, remaining: 3 });
  });

  it('never shows more stock than the drop has, nor less than none', () => {
    let state = upsertDrop(EMPTY_PERKS, drop());
    state = applyDropStock(state, stock('d1', 50));
    expect(state.drops.d1!.remaining).toBe(5);
    state = applyDropStock(state, stock('d1', -1));
    expect(state.drops.d1!.remaining).toBe(0);
  });

  it('lists each confirmed claim once, newest first', () => {
    const claim = (id: string, updatedAt: number): Claim => ({
      id,
      dropId: 'd1',
      memberId: 'm',
      requestId: id,
      status: 'confirmed',
      expiresAt: 0,
      checkoutRef: `FR-${id}`,
      createdAt: 0,
      updatedAt,
    });
    let state = recordConfirmation(EMPTY_PERKS, claim('c1', 1));
    state = recordConfirmation(state, claim('c2', 2));
    state = recordConfirmation(state, claim('c1', 3));
    expect(state.confirmations.d1!.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('a re-read of one show replaces only that show', () => {
    let state = upsertDrop(EMPTY_PERKS, drop({ id: 'old', streamId: 's1' }));
    state = upsertDrop(state, drop({ id: 'other', streamId: 's2' }));
    state = replaceShowPerks(state, 's1', [drop({ id: 'new', streamId: 's1' })], []);
    expect(Object.keys(state.drops).sort()).toEqual(['new', 'other']);
  });
});

describe('lottery reducers', () => {
  it('entry counts only grow', () => {
    let state = upsertLottery(EMPTY_PERKS, lottery());
    state = applyLotteryEntries(state, { lotteryId: 'l1', count: 5 });
    state = applyLotteryEntries(state, { lotteryId: 'l1', count: 3 });
    expect(state.lotteries.l1!.entries).toBe(5);
    state = upsertLottery(state, lottery({ entries: 2 }));
    expect(state.lotteries.l1!.entries).toBe(5);
  });

  it('a draw is final: winners stay even if an older open copy arrives', () => {
    let state = upsertLottery(EMPTY_PERKS, lottery({ entries: 3 }));
    state = applyLotteryDrawn(state, { lotteryId: 'l1', winners: [{ memberId: 'm2', displayName: 'Mei' }] }, 77);
    expect(state.lotteries.l1).toMatchObject({ status: 'drawn', drawnAt: 77, winnerList: [{ memberId: 'm2', displayName: 'Mei' }] });
    state = upsertLottery(state, lottery({ entries: 3 }));
    expect(state.lotteries.l1!.status).toBe('drawn');
    expect(state.lotteries.l1!.winnerList).toHaveLength(1);
    expect(applyLotteryDrawn(EMPTY_PERKS, { lotteryId: 'x', winners: [] }, 1)).toBe(EMPTY_PERKS);
  });
});

describe('early-access preview (the server\'s rule, shared/domain/drop-windows.ts)', () => {
  const rules = DEFAULT_RULES;
  it('opens each tier earlier by its earlyAccessSeconds, earliest first', () => {
    const w = dropWindows(rules, { opensAt: 1_000_000, minTier: null });
    expect(w.map((x) => [x.tierId, x.opensAt])).toEqual([
      ['gold', 400_000],
      ['silver', 700_000],
      ['bronze', 1_000_000],
    ]);
  });
  it('gives tiers below minTier no window, and an unknown minTier admits nobody', () => {
    expect(dropWindows(rules, { opensAt: 1_000_000, minTier: 'silver' }).map((x) => x.tierId)).toEqual(['gold', 'silver']);
    expect(dropWindows(rules, { opensAt: 1_000_000, minTier: 'platinum' })).toEqual([]);
  });
  it('a scheduled drop opens by itself when its first window passes', () => {
    const d = drop({ status: 'scheduled', windows: [{ tierId: 'gold', opensAt: 500 }] });
    const statusAt = (x: Drop, now: number) => dropStatus(x.windows, x.status === 'closed', x.remaining, now);
    expect(statusAt(d, 499)).toBe('scheduled');
    expect(statusAt(d, 500)).toBe('open');
    expect(statusAt({ ...d, remaining: 0 }, 600)).toBe('sold-out');
  });
});

describe('rules draft', () => {
  it('edits blocked words one per line, keeping words as text and dropping blank lines on save', () => {
    const draft = setAtPath(toDraft(DEFAULT_RULES), 'comment.blockedWords', blockedWordsFromText('spam\n\n 123 \n'));
    expect(blockedWordsText(draft)).toBe('spam\n\n 123 \n');
    const rules = RulesSchema.parse(fromDraft(draft));
    expect(rules.comment.blockedWords).toEqual(['spam', '123']);
  });
  it('round-trips the rules document through the editor text', () => {
    const back = RulesSchema.parse(fromDraft(toDraft(DEFAULT_RULES)));
    expect(back).toEqual(DEFAULT_RULES);
  });
  it('turns blank and junk numbers into values the schema names', () => {
    let draft = toDraft(DEFAULT_RULES);
    draft = setAtPath(draft, 'watch.points', '');
    draft = setAtPath(draft, 'tiers.1.multiplier', 'abc');
    const result = RulesSchema.safeParse(fromDraft(draft), { reportInput: true });
    expect(result.success).toBe(false);
    const problems = fieldProblems(result.error!.issues);
    expect(problems['watch.points']?.key).toBe('issue.required');
    expect(problems['tiers.1.multiplier']?.key).toBe('issue.number');
  });
  it('says tier rules in the dashboard words', () => {
    let draft = toDraft(DEFAULT_RULES);
    draft = setAtPath(draft, 'tiers.2.minPoints', '500');
    draft = setAtPath(draft, 'tiers.1.multiplier', '500');
    const result = RulesSchema.safeParse(fromDraft(draft), { reportInput: true });
    const problems = fieldProblems(result.error!.issues);
    expect(problems['tiers.1.multiplier']).toEqual({ key: 'issue.max', params: { max: 100 } });
    expect(problems.tiers?.key).toBe('issue.tiersAscend');
  });
  it('sets a dotted path without touching the original', () => {
    const draft = toDraft(DEFAULT_RULES);
    const next = setAtPath(draft, 'tiers.0.name', 'Fan');
    expect(next.tiers[0]!.name).toBe('Fan');
    expect(draft.tiers[0]!.name).toBe('Bronze');
    expect(next.tiers[1]).toBe(draft.tiers[1]);
  });
  it('adds a tier above the last with a fresh id, removes one but never the last', () => {
    const draft = appendTier(toDraft(DEFAULT_RULES));
    expect(draft.tiers).toHaveLength(4);
    expect(new Set(draft.tiers.map((t) => t.id)).size).toBe(4);
    expect(Number(draft.tiers[3]!.minPoints)).toBeGreaterThan(5000);
    expect(RulesSchema.safeParse(fromDraft(draft)).success).toBe(true);
    let one = toDraft({ ...DEFAULT_RULES, tiers: [DEFAULT_RULES.tiers[0]!] });
    one = removeTier(one, 0);
    expect(one.tiers).toHaveLength(1);
  });
  it('moves tier errors with their row when a tier is removed', () => {
    const shifted = shiftTierErrors({ 'tiers.0.name': 'a', 'tiers.1.id': 'b', 'tiers.2.minPoints': 'c', 'watch.points': 'd' }, 1);
    expect(shifted).toEqual({ 'tiers.0.name': 'a', 'tiers.1.minPoints': 'c', 'watch.points': 'd' });
  });
});

describe('form values and chart geometry', () => {
  it('reads prices as cents, refusing junk', () => {
    expect(centsFrom('1,200')).toBe(120_000);
    expect(centsFrom('19.99')).toBe(1999);
    expect(centsFrom('')).toBeUndefined();
    expect(centsFrom('12abc')).toBeNaN();
    expect(centsFrom('1.234')).toBeNaN();
    expect(numberFrom(' 7 ')).toBe(7);
  });
  it('rounds the axis up to a readable number', () => {
    expect(niceCeiling(0)).toBe(10);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(12)).toBe(20);
    expect(niceCeiling(31)).toBe(40);
    expect(niceCeiling(230)).toBe(400);
    expect(niceCeiling(4800)).toBe(5000);
  });
  it('places samples by time across the frame', () => {
    const { line, area } = chartPaths(
      [
        { at: 0, v: 0 },
        { at: 50, v: 5 },
        { at: 100, v: 10 },
      ],
      (s) => s.v,
      { start: 0, end: 100, top: 10, width: 200, height: 100 },
    );
    expect(line).toBe('M0.0,100.0 L100.0,50.0 L200.0,0.0');
    expect(area.endsWith('L200.0,100 L0.0,100 Z')).toBe(true);
  });
});
