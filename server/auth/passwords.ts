/**
 * Password and host-key hashing with scrypt (Node's built-in memory-hard KDF):
 * format `scrypt$<log2N>$<r>$<p>$<salt b64url>$<hash b64url>`, so the cost can
 * rise later without breaking stored hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function optionsFor(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

export async function hashSecret(secret: string, log2N: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, optionsFor(log2N, 8, 1));
  return ['scrypt', log2N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(secret, Buffer.from(salt, 'base64url'), optionsFor(Number(log2N), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
