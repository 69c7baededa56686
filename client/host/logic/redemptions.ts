/** The redemption queue as the host reads and exports it. Pure. */
import type { Redemption } from '../../../shared/rewards.ts';
import { toCsv } from './csv.ts';

/** A member id short enough for a table cell: its first 8 characters (the full id is in the CSV). */
export function shortMemberId(memberId: string): string {
  return memberId.length > 9 ? `${memberId.slice(0, 8)}…` : memberId;
}

const HEADER = ['redemptionId', 'createdAt', 'status', 'memberId', 'rewardId', 'rewardTitle', 'pricePoints', 'code', 'updatedAt'];

/**
 * The rows shown, as a spreadsheet gets them: full ids, ISO times (UTC), the
 * reward's title as the catalogue names it (a title is the host's own text,
 * and still quoted against formulas).
 */
export function redemptionsCsv(rows: readonly Redemption[], titleOf: (rewardId: string) => string | null): string {
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      new Date(r.createdAt).toISOString(),
      r.status,
      r.memberId,
      r.rewardId,
      titleOf(r.rewardId),
      r.pricePoints,
      r.code,
      new Date(r.updatedAt).toISOString(),
    ]),
  );
}
