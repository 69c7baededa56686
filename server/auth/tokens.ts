/**
 * Signed session tokens (HS256 JWTs via jose). A token names a role:
 * - member: sub = member id
 * - host: sub = 'host'
 * - overlay: sub = overlay token id (checked against the store: revocable)
 * Shop SSO assertions are verified here too, with the shop's own secret.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { AppError, unauthenticated } from '../errors.ts';
import { ErrorCode } from '../../shared/error-codes.ts';

export type Role = 'member' | 'host' | 'overlay';
export interface TokenClaims {
  role: Role;
  sub: string;
}

const ISSUER = 'front-row';
const ClaimsSchema = z.object({ role: z.enum(['member', 'host', 'overlay']), sub: z.string().min(1) });
const AssertionSchema = z.object({
  sub: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(40),
  exp: z.number(),
});
export type ShopAssertion = z.infer<typeof AssertionSchema>;

export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `ttlSeconds` undefined: no expiry (overlay tokens live until revoked). */
  sign(claims: TokenClaims, ttlSeconds?: number): Promise<string> {
    const jwt = new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setIssuedAt();
    if (ttlSeconds !== undefined) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
    return jwt.sign(this.key);
  }

  /** Throws UNAUTHENTICATED for a forged, malformed or expired token. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      return ClaimsSchema.parse(payload);
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('token expired');
      throw unauthenticated('invalid token');
    }
  }
}

/** Verifies a shop's HS256 assertion (`sub` customer id, `name`, `exp` required). */
export async function verifyShopAssertion(assertion: string, secret: string | undefined): Promise<ShopAssertion> {
  if (!secret) throw new AppError(ErrorCode.FORBIDDEN, 'shop sign-on is not configured (SHOP_SSO_SECRET)');
  try {
    const { payload } = await jwtVerify(assertion, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    const parsed = AssertionSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError(ErrorCode.VALIDATION, `assertion ${issue.path.join('.')}: ${issue.message}`, 'assertion');
    }
    return parsed.data;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated('assertion expired');
    throw unauthenticated('invalid assertion');
  }
}
