/**
 * One refusal table (server/domain/refusals.ts): a refusal found by a Lua
 * script, by the SQLite engine or by a service reaches the client with the
 * same code, HTTP status and message.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/error-codes.ts';
import { claimRefusalKey, httpStatusOf, REFUSALS, type RefusalKey } from '../../server/domain/refusals.ts';
import { claimRefused, EngineFailure, engineError } from '../../server/engine/engine-errors.ts';
import { AppError, refused } from '../../server/errors.ts';

/** The claim step's failure codes and the refusal each one is. */
const CLAIM_FAILURES = [
  [EngineFailure.DROP_NOT_FOUND, 'NOT_FOUND'],
  [EngineFailure.DROP_CLOSED, 'CLOSED'],
  [EngineFailure.DROP_NOT_OPEN, 'NOT_OPEN'],
  [EngineFailure.SOLD_OUT, 'SOLD_OUT'],
  [EngineFailure.LIMIT_REACHED, 'LIMIT_REACHED'],
] as const;

describe('the refusal table', () => {
  it('gives every entry the HTTP status of its code', () => {
    for (const spec of Object.values(REFUSALS)) expect(spec.status).toBe(httpStatusOf[spec.code]);
    expect(Object.keys(httpStatusOf).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('maps every engine failure code to an entry of the table', () => {
    const entries = Object.values(REFUSALS).map(({ code, message }) => ({ code, message }));
    for (const failure of Object.values(EngineFailure)) {
      const err = engineError(failure);
      expect(err, `failure ${failure}`).toBeInstanceOf(AppError);
      expect(entries).toContainEqual({ code: (err as AppError).code, message: err.message });
    }
    expect(engineError(-99)).not.toBeInstanceOf(AppError);
  });

  it('answers a claim failure from an engine and a refused claim in the service with one code and message', () => {
    for (const [failure, refusal] of CLAIM_FAILURES) {
      const decision = claimRefused(failure, 3);
      expect(decision).toEqual({ ok: false, refusal, remaining: 3 });
      if (decision.ok) continue;
      const fromService = refused(claimRefusalKey[decision.refusal]);
      const fromEngine = engineError(failure) as AppError;
      expect({ code: fromService.code, message: fromService.message }).toEqual({ code: fromEngine.code, message: fromEngine.message });
      expect(fromService.code).toBe(refusal);
    }
    expect(() => claimRefused(EngineFailure.INSUFFICIENT_POINTS, 0)).toThrow(/unexpected failure code/);
  });

  it('settles NOT_OPEN on one message', () => {
    const key: RefusalKey = 'drop.notOpen';
    expect((engineError(EngineFailure.DROP_NOT_OPEN) as AppError).message).toBe(REFUSALS[key].message);
    expect(refused(key, 'dropId', { opensAt: 5 }).toBody()).toEqual({
      code: 'NOT_OPEN',
      message: 'the drop is not open for your tier yet',
      field: 'dropId',
      opensAt: 5,
    });
  });
});
