/**
 * What went wrong, as something the dictionary can say in either language:
 * a message key plus its placeholders. Field problems come from zod issues
 * (forms validated in the browser with the shared schemas) or from the
 * server's `{ code, message, field }`.
 */
import type { z } from 'zod';
import { ApiError } from '../../common/api.ts';
import type { HostKey } from '../i18n.ts';

export interface Problem {
  key: HostKey;
  params?: Record<string, string | number>;
}
export type FieldProblems = Record<string, Problem>;

/** The shared schemas' own messages, said in the dashboard's words. */
const CUSTOM: Record<string, HostKey> = {
  'the first tier starts at 0 points': 'issue.firstTierZero',
  'tiers ascend strictly by minPoints': 'issue.tiersAscend',
  'tier ids are unique': 'issue.tierIdsUnique',
  'minActiveDays ≤ days': 'issue.activeDaysLeDays',
  'unknown IANA time zone': 'issue.timezone',
  'http(s) URL': 'issue.url',
  'lowercase id, letters, digits and dashes': 'issue.tierId',
  'ISO 4217 code, e.g. TWD': 'issue.currency',
  // the rewards store's cross-field rules (shared/rewards.ts)
  'a shared code is needed': 'issue.required',
  'shop credit needs an amount and a currency': 'issue.required',
  'must be after availableFrom': 'issue.untilAfterFrom',
  // missions (shared/missions.ts; the server's check of a stage's reward, server/services/mission-service.ts)
  'must be after from': 'issue.untilAfterFrom',
  'stage targets must rise': 'issue.targetsRise',
  'a stage pays points or a reward': 'issue.stagePays',
  'a stage gives points, a reward or a badge': 'issue.stagePays',
  'no such reward': 'issue.noSuchReward',
};

export function problemOfIssue(issue: z.core.$ZodIssue): Problem {
  const custom = CUSTOM[issue.message];
  if (custom) return { key: custom };
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined || input === null) return { key: 'issue.required' };
      if (issue.expected === 'int') return { key: 'issue.integer' };
      return { key: 'issue.number' };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'issue.required' } : { key: 'issue.tooShort', params: { min } };
      if (issue.origin === 'array') return { key: 'issue.minItems', params: { min } };
      return issue.inclusive === false ? { key: 'issue.above', params: { min } } : { key: 'issue.min', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'issue.tooLong', params: { max } };
      if (issue.origin === 'array') return { key: 'issue.maxItems', params: { max } };
      return { key: 'issue.max', params: { max } };
    }
    case 'invalid_format':
      return issue.format === 'url' ? { key: 'issue.url' } : { key: 'issue.format' };
    default:
      return { key: 'issue.invalid' };
  }
}

/** First problem per field (dotted path), as zod lists them. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblems {
  const out: FieldProblems = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'body';
    out[field] ??= problemOfIssue(issue);
  }
  return out;
}

/** The server's message without the `field: ` it starts with. */
export function serverMessage(err: ApiError): string {
  const field = err.field;
  return field && err.message.startsWith(`${field}: `) ? err.message.slice(field.length + 2) : err.message;
}

/** Any failure, for a banner or an announcement. */
export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) {
    if (err.code === 'VALIDATION') return { key: 'errors.VALIDATION', params: { message: serverMessage(err) } };
    if (err.code === 'LOTTERIES_OPEN') return { key: 'errors.LOTTERIES_OPEN', params: { titles: openLotteryTitles(err) } };
    return { key: `errors.${err.code}` as HostKey, params: { message: err.message } };
  }
  if (err instanceof TypeError) return { key: 'errors.NETWORK' };
  return { key: 'errors.INTERNAL', params: { message: err instanceof Error ? err.message : String(err) } };
}

/** A server refusal naming a field, for the inline error next to that input: in the dashboard's words when the shared rules' message is known. */
export function fieldProblemOf(err: unknown): { field: string; problem: Problem } | null {
  if (!(err instanceof ApiError) || !err.field || err.field === 'body') return null;
  const message = serverMessage(err);
  const custom = CUSTOM[message];
  return { field: err.field, problem: custom ? { key: custom } : { key: 'issue.server', params: { message } } };
}

/** LOTTERIES_OPEN names the lotteries still open (`lotteries: [{id, title}]`), quoted in a list. */
function openLotteryTitles(err: ApiError): string {
  const lotteries = Array.isArray(err.body.lotteries) ? (err.body.lotteries as Array<{ title?: unknown }>) : [];
  return lotteries.map((l) => `“${String(l.title ?? '')}”`).join(', ');
}
