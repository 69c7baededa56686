import type { z } from 'zod';
import { ErrorCode } from '../shared/error-codes.ts';
import { AppError } from './errors.ts';

/**
 * Parses input from outside with its schema. Failure: AppError VALIDATION
 * naming the first failing field (dotted path; `root` when the whole value
 * is wrong), so clients can point at it.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [...issue.path.map(String), ...unrecognizedKey(issue)].join('.') || root;
  const where = `${field}: `;
  throw new AppError(ErrorCode.VALIDATION, `${where}${issue.message}`, field);
}

/** zod reports unknown keys on the parent object (at any depth); name the first unknown key instead. */
function unrecognizedKey(issue: z.core.$ZodIssue): string[] {
  return issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [issue.keys[0]] : [];
}
