/**
 * Signed session tokens (HS256 JWTs via jose). A token names a role:
 * - member: sub = member id; `sv` = the member's session version, `jti` = this
 *   session's id (both checked against the store: logout, logout-all, password change)
 * - host: sub = 'host'; `hkv` = the host key's version (a new HOST_KEY ends old tokens)
 * - overlay: sub = overlay token id (checked against the store: revocable, rotatable)
 * Shop SSO assertions are verified here too, with the shop's own secret.
 *
 * Token times (iat, exp) are wall-clock seconds, as every JWT library reads them.
 */
import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { AppError, unauthenticated } from '../errors.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import { ShopNameSchema } from '../../shared/schemas.ts';

export type Role = 'member' | 'host' | 'overlay';
export interface TokenClaims {
  role: Role;
  sub: string;
  /** member tokens: the member's session version when signed */
  sv?: number;
  /** member tokens: this session's id (logout ends it alone) */
  jti?: string;
  /** host tokens: the host key's version */
  hkv?: string;
}
/** What a verified token says, plus its expiry (wall-clock ms; absent: none). */
export type VerifiedClaims = TokenClaims & { expiresAt?: number };

const ISSUER = 'front-row';
const ClaimsSchema = z.object({
  role: z.enum(['member', 'host', 'overlay']),
  sub: z.string().min(1),
  sv: z.number().int().min(0).optional(),
  jti: z.string().min(1).max(128).optional(),
  hkv: z.string().min(1).max(64).optional(),
  exp: z.number().optional(),
});

/** An assertion may live at most this long (exp − iat). */
export const MAX_ASSERTION_SECONDS = 600;
/** How far ahead of this server's clock a shop's `iat` may be (clock skew between two machines). */
export const ASSERTION_CLOCK_SKEW_SECONDS = 60;
const AssertionSchema = z.object({
  sub: z.string().trim().min(1).max(128),
  name: ShopNameSchema,
  exp: z.number(),
  iat: z.number(),
  jti: z.string().min(1).max(128),
});
export type ShopAssertion = z.infer<typeof AssertionSchema>;

/**
 * The host key's version, carried by host tokens (`hkv`): an HMAC, keyed by
 * the JWT secret so a token's reader cannot test guesses of the key against
 * it, of the configured HOST_KEY, or of the stored hash of a generated key.
 * Every process derives the same version; a new HOST_KEY gives another.
 */
export function hostKeyVersion(jwtSecret: string, key: { hostKey: string } | { storedHash: string }): string {
  const source = 'hostKey' in key ? `key:${key.hostKey}` : `hash:${key.storedHash}`;
  return createHmac('sha256', jwtSecret).update(`host-key-version:${source}`).digest('base64url').slice(0, 16);
}

export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `ttlSeconds` undefined: no expiry. Returns the token and its expiry (wall-clock ms, null: none). */
  async sign(claims: TokenClaims, ttlSeconds?: number): Promise<{ token: string; expiresAt: number | null }> {
    const { role, sub, jti, ...extra } = claims;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ role, ...extra }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer(ISSUER).setIssuedAt(now);
    if (jti) jwt.setJti(jti);
    const exp = ttlSeconds === undefined ? null : now + ttlSeconds;
    if (exp !== null) jwt.setExpirationTime(exp);
    return { token: await jwt.sign(this.key), expiresAt: exp === null ? null : exp * 1000 };
  }

  /** Throws UNAUTHENTICATED for a forged, malformed or expired token. */
  async verify(token: string): Promise<VerifiedClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      const { exp, ...claims } = ClaimsSchema.parse(payload);
      return exp === undefined ? claims : { ...claims, expiresAt: exp * 1000 };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('token expired');
      throw unauthenticated('invalid token');
    }
  }
}

export interface ShopSsoOptions {
  secret: string | undefined;
  /** The `aud` every assertion must name (SHOP_SSO_AUDIENCE, else the public URL). */
  audience: string;
}

/**
 * Verifies a shop's HS256 assertion: `sub` (customer id), `name`, `jti`,
 * `iat`, `exp` at most MAX_ASSERTION_SECONDS after `iat`, and `aud` equal to
 * the configured audience. A forged, expired, too long-lived, wrongly
 * addressed or id-less assertion is UNAUTHENTICATED; a genuine one lacking a
 * name is VALIDATION. That each `jti` works once is the caller's (the store's).
 */
export async function verifyShopAssertion(assertion: string, options: ShopSsoOptions): Promise<ShopAssertion> {
  if (!options.secret) throw new AppError(ErrorCode.FORBIDDEN, 'shop sign-on is not configured (SHOP_SSO_SECRET)');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, new TextEncoder().encode(options.secret), {
      algorithms: ['HS256'],
      audience: options.audience,
      requiredClaims: ['jti', 'iat', 'exp'],
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated('assertion expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`assertion ${err.claim}: ${err.reason}`);
    throw unauthenticated('invalid assertion');
  }
  const { iat, exp, jti } = payload;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 128) throw unauthenticated('assertion jti: must be a string of 1 to 128 characters');
  if (typeof iat !== 'number' || typeof exp !== 'number') throw unauthenticated('assertion iat and exp: must be numbers');
  if (exp - iat > MAX_ASSERTION_SECONDS) throw unauthenticated(`assertion exp: at most ${MAX_ASSERTION_SECONDS} s after iat`);
  if (iat > Date.now() / 1000 + ASSERTION_CLOCK_SKEW_SECONDS) throw unauthenticated('assertion iat: in the future');
  const parsed = AssertionSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(ErrorCode.VALIDATION, `assertion ${issue.path.join('.')}: ${issue.message}`, 'assertion');
  }
  return parsed.data;
}
