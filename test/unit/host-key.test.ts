/**
 * The host key's check (server/auth/host-key.ts): the right key passes, any
 * other fails, two hashes of one key differ (salted), and a key stored as
 * scrypt by an older version still verifies.
 */
import { describe, expect, it } from 'vitest';
import { hashHostKey, isSlowHostKeyHash, verifyHostKey } from '../../server/auth/host-key.ts';
import { hashSecret } from '../../server/auth/passwords.ts';

describe('host key check', () => {
  it('accepts the key and refuses anything else', async () => {
    const stored = hashHostKey('hk_the-real-key');
    expect(stored).toMatch(/^sha256\$[\w-]+\$[\w-]+$/);
    expect(isSlowHostKeyHash(stored)).toBe(false);
    expect(await verifyHostKey('hk_the-real-key', stored)).toBe(true);
    for (const wrong of ['hk_the-real-ke', 'hk_the-real-key ', 'HK_THE-REAL-KEY', '']) expect(await verifyHostKey(wrong, stored)).toBe(false);
  });

  it('salts each hash', () => {
    expect(hashHostKey('same key')).not.toBe(hashHostKey('same key'));
  });

  it('still verifies a key an older version stored as scrypt', async () => {
    const legacy = await hashSecret('hk_old-key', 10);
    expect(isSlowHostKeyHash(legacy)).toBe(true);
    expect(await verifyHostKey('hk_old-key', legacy)).toBe(true);
    expect(await verifyHostKey('hk_other', legacy)).toBe(false);
  });

  it('refuses a stored value of no known format', async () => {
    expect(await verifyHostKey('x', 'md5$abc$def')).toBe(false);
    expect(await verifyHostKey('x', 'sha256$')).toBe(false);
  });
});
