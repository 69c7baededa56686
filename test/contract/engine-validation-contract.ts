/**
 * The validation part of the Engine contract (run by engine-contract.ts):
 * both engines run the one argument check per primitive (engine-args.ts)
 * before any SQL or Lua, so a bad call is VALIDATION with the field, and
 * changes nothing.
 */
import { expect, it } from 'vitest';
import type { AwardInput, Engine, SpendInput } from '../../server/engine/engine.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import { rejection, T0 } from './contract-support.ts';

export function engineValidationContract(current: () => Engine): void {
  const award = (key: string, memberId: string, delta: number, extra: Partial<AwardInput> = {}) =>
    current().award({ key, memberId, delta, reason: 'watch', at: T0, ...extra });
  const spend = (key: string, memberId: string, cost: number, extra: Partial<SpendInput> = {}) =>
    current().spend({ key, memberId, cost, reason: 'purchase', at: T0, ...extra });


  const refusedField = async (p: Promise<unknown>) => {
    const err = await rejection(p);
    expect(err.code).toBe(ErrorCode.VALIDATION);
    return err.field;
  };

  it('presence refuses empty ids and unknown viewer keys', async () => {
    expect(await refusedField(current().join('', '', 'x'))).toBe('streamId');
    expect(await refusedField(current().join('s1', '', 'm:a'))).toBe('connId');
    expect(await refusedField(current().join('s1', 'c1', 'x'))).toBe('viewerKey');
    expect(await refusedField(current().leave('s1', ''))).toBe('connId');
    expect(await current().presence('s1')).toEqual({ viewers: 0, members: 0 });
  });

  it('hit refuses a negative limit or window and an empty id', async () => {
    expect(await refusedField(current().hit('k', 'a', -1, 0, T0))).toBe('limit');
    expect(await refusedField(current().hit('k', 'a', 1.5, 0, T0))).toBe('limit');
    expect(await refusedField(current().hit('k', 'a', 1, -1, T0))).toBe('windowMs');
    expect(await refusedField(current().hit('k', '', 1, 0, T0))).toBe('id');
    expect(await current().hit('k', 'a', 1, 0, T0)).toEqual({ allowed: true, duplicate: false, count: 1 });
  });

  it('checkin refuses days that are not YYYY-MM-DD calendar days', async () => {
    expect(await refusedField(current().checkin('a', 'yesterday', '2024-01-01'))).toBe('day');
    expect(await refusedField(current().checkin('a', '2024-02-30', '2024-02-29'))).toBe('day');
    expect(await refusedField(current().checkin('a', '2024-01-02', 'yesterday'))).toBe('previousDay');
    expect(await refusedField(current().checkin('', '2024-01-02', '2024-01-01'))).toBe('memberId');
    expect(await refusedField(current().countActiveDays('a', '2024-1-1', '2024-01-31'))).toBe('fromDay');
    expect(await current().checkin('a', '2024-01-02', '2024-01-01')).toEqual({ streak: 1, already: false });
  });

  it('award and spend refuse non-positive amounts and times without a calendar day, changing nothing', async () => {
    expect(await refusedField(award('k1', 'a', 0))).toBe('delta');
    expect(await refusedField(award('k1', 'a', -5))).toBe('delta');
    expect(await refusedField(award('k1', 'a', 2.5))).toBe('delta');
    expect(await refusedField(award('k1', 'a', 1, { at: -1 }))).toBe('at');
    expect(await refusedField(award('k1', 'a', 1, { at: Date.UTC(10000, 0, 1) }))).toBe('at');
    expect(await refusedField(award('k1', 'a', 1, { earnedSinceMs: -1 }))).toBe('earnedSinceMs');
    expect(await refusedField(award('', 'a', 1))).toBe('key');
    expect(await refusedField(award('k1', 'a', 1, { reason: 'nope' as AwardInput['reason'] }))).toBe('reason');
    expect(await refusedField(spend('p1', 'a', 0))).toBe('cost');
    expect(await refusedField(spend('p1', '', 1))).toBe('memberId');
    expect(await refusedField(current().earnedSince('a', Number.NaN))).toBe('sinceMs');
    expect(await current().balance('a')).toBe(0);
    expect((await award('k1', 'a', 1)).applied).toBe(true);
  });
}
