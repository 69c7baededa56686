/** What every contract suite shares: a fixed time and the way a refused call is caught. */
import { expect } from 'vitest';
import { AppError } from '../../server/errors.ts';

/** A fixed noon UTC, so day arithmetic in the tests is plain. */
export const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

/** The AppError a call rejects with (the test fails when it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the call to reject');
}
