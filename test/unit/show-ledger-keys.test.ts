/**
 * The prefixes a show's purge removes (domain/keys.ts showLedgerKeyPrefixes)
 * must cover every idempotency key made with the show's id, and none made
 * with another show's: a key missed would stay in Redis for ever, a key of
 * another show taken would let its replay pay twice.
 */
import { describe, expect, it } from 'vitest';
import { ledgerKey, lotteryLedgerKeyPrefix, showLedgerKeyPrefixes } from '../../server/domain/keys.ts';

const covered = (prefixes: string[], key: string) => prefixes.some((p) => key.startsWith(p));

describe('the idempotency keys a show purge removes', () => {
  const showKeys = (streamId: string) => [
    ledgerKey.watch(streamId, 'm1', 3),
    ledgerKey.chest(streamId, 'm1', 1),
    ledgerKey.like(streamId, 'm1', 'r1'),
    ledgerKey.comment(streamId, 'm1', 'r2'),
    ledgerKey.share(streamId, 'm1', 'm2'),
  ];

  it('covers every key made with the show id', () => {
    for (const key of showKeys('s1')) expect(covered(showLedgerKeyPrefixes('s1'), key), key).toBe(true);
    expect(covered([lotteryLedgerKeyPrefix('L1')], ledgerKey.lottery('L1', 'm1'))).toBe(true);
    expect(covered([lotteryLedgerKeyPrefix('L1')], ledgerKey.lotteryRefund('L1', 'm1'))).toBe(true);
  });

  it('takes no key of another show, nor one bound to no show', () => {
    // 's1' is the start of 's10': the ':' after the id keeps them apart.
    for (const key of showKeys('s10')) expect(covered(showLedgerKeyPrefixes('s1'), key), key).toBe(false);
    for (const key of [ledgerKey.checkin('s1', '2024-01-01'), ledgerKey.referral('s1'), ledgerKey.purchase('s1'), ledgerKey.lottery('L10', 'm1')]) {
      expect(covered([...showLedgerKeyPrefixes('s1'), lotteryLedgerKeyPrefix('L1')], key), key).toBe(false);
    }
  });
});
