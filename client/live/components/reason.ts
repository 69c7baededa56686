import type { LedgerReason } from '../../../shared/models.ts';
import type { LiveKey } from '../i18n.ts';

/** Every ledger reason has its words: a new reason without them does not compile. */
const REASONS: Record<LedgerReason, LiveKey> = {
  watch: 'reason.watch',
  chest: 'reason.chest',
  checkin: 'reason.checkin',
  like: 'reason.like',
  comment: 'reason.comment',
  share: 'reason.share',
  purchase: 'reason.purchase',
  'lottery-entry': 'reason.lottery-entry',
  'lottery-refund': 'reason.lottery-refund',
  adjustment: 'reason.adjustment',
  'purchase-reversal': 'reason.purchase-reversal',
  reward: 'reason.reward',
  'reward-return': 'reason.reward-return',
  birthday: 'reason.birthday',
  'tier-entry': 'reason.tier-entry',
  expiry: 'reason.expiry',
  mission: 'reason.mission',
};

/** The dictionary key naming a ledger reason (unknown reasons read as adjustments). */
export const reasonKey = (reason: string): LiveKey => REASONS[reason as LedgerReason] ?? 'reason.adjustment';
