/**
 * MongoDB error handling shared by MongoStore and its perks records: which
 * failures are the duplicates that idempotent writes expect, and how a
 * duplicate becomes the client-facing CONFLICT.
 */
import { mongo } from 'mongoose';
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';

const DUPLICATE_KEY = 11000;

/** A duplicate key, from a single write or as the (first) failure of an ordered bulk write. */
export function isDuplicateKey(err: unknown): err is mongo.MongoServerError {
  // MongoBulkWriteError is a MongoServerError carrying its first write error's code.
  return err instanceof mongo.MongoServerError && err.code === DUPLICATE_KEY;
}

/** True when every failed write of a bulk insert is a duplicate key and nothing else went wrong. */
export function isOnlyDuplicateKeys(err: unknown): boolean {
  if (!(err instanceof mongo.MongoBulkWriteError)) return false;
  if (err.result.getWriteConcernError() || err.writeConcernError) return false;
  const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
  return writeErrors.length > 0 && writeErrors.every((e) => e.code === DUPLICATE_KEY);
}

/**
 * Two concurrent upserts can both miss the filter and both insert; the unique
 * index rejects the loser with E11000. Retrying once then finds the winner's document.
 */
export async function retryOnceOnDuplicate<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return op();
  }
}

/** Maps a duplicate-key error to the client-facing CONFLICT, naming the field; null for other errors. */
export function conflictFrom(err: unknown): AppError | null {
  if (!isDuplicateKey(err)) return null;
  // Servers since 4.4 name the index fields in keyPattern; older ones only in the message.
  const index =
    Object.keys((err.keyPattern ?? {}) as Record<string, unknown>)[0] ?? /index: (\w+?)_/.exec(err.message)?.[1];
  if (index === 'handleLower') return new AppError(ErrorCode.CONFLICT, 'handle is taken', 'handle');
  const field = index === undefined || index === '_id' ? 'id' : index;
  return new AppError(ErrorCode.CONFLICT, `${field} already exists`, field);
}
