/**
 * Checking the host key. Slow hashing (scrypt, auth/passwords.ts) protects
 * low-entropy secrets whose hash could be stolen; the host key is neither
 * kind: from HOST_KEY it is only ever held in memory (whoever reads the
 * process reads the variable), and a generated key has 144 random bits. So
 * it is checked with a salted SHA-256 in constant time — no thread-pool work,
 * so a host-key flood from a botnet (no per-address limit trips) costs the
 * server only its HTTP handling and never a core of hashing that members'
 * logins would wait behind (bench: a login during a 40-way host-key flood).
 * A generated key stored by an older version as a scrypt hash is still
 * checked with scrypt, through the caller's bounded line.
 *
 * Stored format: `sha256$<salt b64url>$<digest b64url>`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifySecret } from './passwords.ts';

function digest(key: string, salt: Buffer): Buffer {
  return createHash('sha256').update(salt).update(key, 'utf8').digest();
}

export function hashHostKey(key: string): string {
  const salt = randomBytes(16);
  return ['sha256', salt.toString('base64url'), digest(key, salt).toString('base64url')].join('$');
}

/** Whether checking `stored` needs scrypt (a hash written before host keys used SHA-256). */
export function isSlowHostKeyHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

export async function verifyHostKey(key: string, stored: string): Promise<boolean> {
  if (isSlowHostKeyHash(stored)) return verifySecret(key, stored);
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = digest(key, Buffer.from(salt, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
