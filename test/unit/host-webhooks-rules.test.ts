/**
 * The rules editor's new fields (client/host/logic/rules-draft.ts): birthday
 * points, points expiry (blank: never) and each tier's welcome points and
 * welcome reward (blank: none) go from the rules to the inputs and back to a
 * body PUT /api/rules takes; a bad value is named on its own field.
 */
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../client/host/logic/problems.ts';
import { fromDraft, setAtPath, toDraft } from '../../client/host/logic/rules-draft.ts';
import { DEFAULT_RULES, RulesSchema, type Rules } from '../../shared/rules.ts';

const parse = (body: unknown) => RulesSchema.safeParse(body, { reportInput: true });

describe('rules editor: birthday, expiry and welcome points', () => {
  it('shows never-expiring points and absent welcome points as blank inputs', () => {
    const draft = toDraft(DEFAULT_RULES);
    expect(draft.points.expireAfterDays).toBe('');
    expect(draft.birthday.points).toBe('0');
    expect(draft.tiers[1]!.entryPoints).toBeUndefined();
    const back = fromDraft(draft) as Rules;
    expect(back.points.expireAfterDays).toBeNull();
    expect('entryPoints' in back.tiers[1]!).toBe(false);
    expect(RulesSchema.parse(back)).toEqual(DEFAULT_RULES);
  });

  it('turns typed values into the body, and round-trips what the server answers', () => {
    let draft = toDraft(DEFAULT_RULES);
    draft = setAtPath(draft, 'birthday.points', '100');
    draft = setAtPath(draft, 'points.expireAfterDays', ' 365 ');
    draft = setAtPath(draft, 'tiers.1.entryPoints', '250');
    const body = fromDraft(draft);
    const rules = RulesSchema.parse(body);
    expect(rules.birthday).toEqual({ points: 100 });
    expect(rules.points).toEqual({ expireAfterDays: 365 });
    expect(rules.tiers[1]!.entryPoints).toBe(250);
    expect('entryPoints' in rules.tiers[0]!).toBe(false);
    // what the server answers comes back to the same inputs
    const again = toDraft(rules);
    expect(again.birthday.points).toBe('100');
    expect(again.points.expireAfterDays).toBe('365');
    expect(again.tiers[1]!.entryPoints).toBe('250');
    expect(RulesSchema.parse(fromDraft(again))).toEqual(rules);
  });

  it('reads a cleared expiry as never and a cleared welcome as none', () => {
    const saved = RulesSchema.parse({
      ...DEFAULT_RULES,
      points: { expireAfterDays: 30 },
      tiers: DEFAULT_RULES.tiers.map((t, i) => (i === 2 ? { ...t, entryPoints: 500 } : t)),
    });
    let draft = toDraft(saved);
    draft = setAtPath(draft, 'points.expireAfterDays', '  ');
    draft = setAtPath(draft, 'tiers.2.entryPoints', '');
    const rules = RulesSchema.parse(fromDraft(draft));
    expect(rules.points.expireAfterDays).toBeNull();
    expect('entryPoints' in rules.tiers[2]!).toBe(false);
  });

  it('keeps a birthday gift reward id as text', () => {
    const saved = RulesSchema.parse({ ...DEFAULT_RULES, birthday: { points: 50, rewardId: '123456' } });
    const rules = RulesSchema.parse(fromDraft(toDraft(saved)));
    expect(rules.birthday).toEqual({ points: 50, rewardId: '123456' });
  });

  it('keeps a tier welcome reward id as text, and leaves a blank one out', () => {
    // ids made of digits only would be numbers if read like the numeric fields
    let draft = toDraft(DEFAULT_RULES);
    draft = setAtPath(draft, 'tiers.1.entryRewardId', '123456');
    draft = setAtPath(draft, 'tiers.2.entryRewardId', '');
    const rules = RulesSchema.parse(fromDraft(draft));
    expect(rules.tiers[1]!.entryRewardId).toBe('123456');
    expect('entryRewardId' in rules.tiers[2]!).toBe(false);
    expect('entryRewardId' in rules.tiers[0]!).toBe(false);
    const again = toDraft(rules);
    expect(again.tiers[1]!.entryRewardId).toBe('123456');
    expect(RulesSchema.parse(fromDraft(again))).toEqual(rules);
  });

  it('names a bad value on its own field', () => {
    let draft = toDraft(DEFAULT_RULES);
    draft = setAtPath(draft, 'birthday.points', '');
    draft = setAtPath(draft, 'points.expireAfterDays', '0');
    draft = setAtPath(draft, 'tiers.1.entryPoints', '-5');
    draft = setAtPath(draft, 'tiers.2.entryPoints', '1.5');
    const result = parse(fromDraft(draft));
    expect(result.success).toBe(false);
    const problems = fieldProblems(result.error!.issues);
    expect(problems['birthday.points']?.key).toBe('issue.required');
    expect(problems['points.expireAfterDays']).toEqual({ key: 'issue.min', params: { min: 1 } });
    expect(problems['tiers.1.entryPoints']).toBeDefined();
    expect(problems['tiers.2.entryPoints']).toBeDefined();
    expect(Object.keys(problems).sort()).toEqual(['birthday.points', 'points.expireAfterDays', 'tiers.1.entryPoints', 'tiers.2.entryPoints']);
  });
});
