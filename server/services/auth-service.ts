import { randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Member, OverlayTokenInfo } from '../../shared/models.ts';
import { OVERLAY_TOKEN_DEFAULT_DAYS } from '../../shared/schemas.ts';
import { HashQueue } from '../auth/hash-queue.ts';
import { hashHostKey, isSlowHostKeyHash, verifyHostKey } from '../auth/host-key.ts';
import { hashSecret, verifySecret } from '../auth/passwords.ts';
import { hostKeyVersion, TokenSigner, verifyShopAssertion, type VerifiedClaims } from '../auth/tokens.ts';
import { AppError, refused, unauthenticated } from '../errors.ts';
import type { MemberRecord, OverlayTokenRecord, Store } from '../store/store.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';

/** Who is calling. Guests carry no token. */
export type Principal =
  | { role: 'guest' }
  | { role: 'member'; memberId: string; /** the token's jti: its sockets share a room, so a logout cuts them */ sessionId?: string }
  | { role: 'host' }
  | { role: 'overlay'; tokenId: string };

const HOST_KEY_SETTING = 'host-key-hash';
const JWT_SECRET_SETTING = 'jwt-secret';
const HOST_TOKEN_SECONDS = 12 * 3600;
const DAY_SECONDS = 86_400;

export interface AuthOptions {
  hostKey: string | undefined;
  jwtSecret: string | undefined;
  shopSsoSecret: string | undefined;
  /** The `aud` shop assertions must carry (SHOP_SSO_AUDIENCE, else the public URL: read per call, the port is known late). */
  shopSsoAudience: () => string;
  memberTokenDays: number;
  passwordCost: number;
  /** Password hashes running at once, and waiting beyond them (auth/hash-queue.ts). */
  passwordHashes: { inFlight: number; waiting: number };
}

export class AuthService {
  private signer!: TokenSigner;
  private hostKeyHash!: string;
  private hostKeyVersion!: string;
  /** What a login for an unknown handle is checked against, so it takes as long as a real one. */
  private dummyPasswordHash!: string;
  /** Member passwords (login, sign-up). */
  private readonly hashes: HashQueue;
  /** A host key stored as scrypt by an older version has its own line of one: a host-key flood never takes a member's turn. */
  private readonly hostHashes: HashQueue;

  constructor(
    private readonly store: Store,
    private readonly options: AuthOptions,
    private readonly clock: Clock,
    private readonly throttle: AuthThrottle,
    private readonly events: DomainEvents,
  ) {
    this.hashes = new HashQueue(options.passwordHashes.inFlight, options.passwordHashes.waiting);
    this.hostHashes = new HashQueue(1, options.passwordHashes.waiting);
  }

  /**
   * Loads (or creates, once, shared by every process through the store) the
   * JWT signing secret and the host key hash. Returns the host key when this
   * call generated it, so the caller can print it once.
   */
  async init(): Promise<{ generatedHostKey?: string }> {
    const secret = this.options.jwtSecret ?? (await this.store.setSettingIfAbsent(JWT_SECRET_SETTING, randomBytes(32).toString('base64url')));
    this.signer = new TokenSigner(secret);
    this.dummyPasswordHash = await this.hashes.run(() => hashSecret(randomBytes(16).toString('base64url'), this.options.passwordCost));
    if (this.options.hostKey) {
      this.hostKeyHash = hashHostKey(this.options.hostKey);
      this.hostKeyVersion = hostKeyVersion(secret, { hostKey: this.options.hostKey });
      return {};
    }
    const candidate = `hk_${randomBytes(18).toString('base64url')}`;
    const candidateHash = hashHostKey(candidate);
    this.hostKeyHash = await this.store.setSettingIfAbsent(HOST_KEY_SETTING, candidateHash);
    this.hostKeyVersion = hostKeyVersion(secret, { storedHash: this.hostKeyHash });
    return this.hostKeyHash === candidateHash ? { generatedHostKey: candidate } : {};
  }

  /** `address`: the client's (req.ip); sign-ups per address per hour are capped before any hashing, and the account records where it was created (referral rules). */
  async signup(input: { handle: string; password: string; displayName?: string }, address: string): Promise<{ token: string; member: Member }> {
    await this.throttle.signup(address);
    const passwordHash = await this.hashes.run(() => hashSecret(input.password, this.options.passwordCost));
    const record = await this.store.createMember({
      id: randomUUID(),
      handle: input.handle,
      displayName: input.displayName ?? input.handle,
      externalId: null,
      passwordHash,
      createdAt: this.clock(),
      createdFrom: address,
    });
    return { token: await this.memberToken(record.id), member: publicMember(record) };
  }

  /** A locked-out address or (handle, address) is refused (RATE_LIMITED) before any hashing. */
  async login(input: { handle: string; password: string }, address: string): Promise<{ token: string; member: Member }> {
    const record = await this.throttle.attempt('login', address, input.handle, async () => {
      const found = await this.store.memberByHandle(input.handle);
      // Verify against a dummy hash when the handle is unknown, so timing does not reveal which handles exist.
      const ok = await this.hashes.run(() => verifySecret(input.password, found?.passwordHash ?? this.dummyPasswordHash));
      if (!found || !found.passwordHash || !ok) throw unauthenticated('wrong handle or password');
      return found;
    });
    return { token: await this.memberToken(record.id), member: publicMember(record) };
  }

  async hostLogin(hostKey: string, address: string): Promise<{ token: string }> {
    await this.throttle.attempt('host', address, undefined, async () => {
      const check = () => verifyHostKey(hostKey, this.hostKeyHash);
      if (!(await (isSlowHostKeyHash(this.hostKeyHash) ? this.hostHashes.run(check) : check()))) throw unauthenticated('wrong host key');
    });
    const { token } = await this.signer.sign({ role: 'host', sub: 'host', hkv: this.hostKeyVersion }, HOST_TOKEN_SECONDS);
    return { token };
  }

  /** Shop single sign-on: a verified shop assertion becomes a member token (created from `address`). Bad assertions count as failures of the address. */
  async exchange(assertion: string, address: string): Promise<{ token: string; member: Member; created: boolean }> {
    // A forged or expired assertion (UNAUTHENTICATED) counts as a failure of the address.
    const claims = await this.throttle.attempt('sso', address, undefined, async () => {
      const verified = await verifyShopAssertion(assertion, { secret: this.options.shopSsoSecret, audience: this.options.shopSsoAudience() });
      // Each jti works once, on every process (the store is shared); remembered until the assertion expires anyway.
      if (!(await this.store.spendAssertion(verified.jti, verified.exp * 1000, Date.now()))) throw unauthenticated('assertion already used');
      return verified;
    });
    const found = await this.store.findOrCreateByExternalId({
      id: randomUUID(),
      handle: null,
      displayName: claims.name,
      externalId: claims.sub,
      passwordHash: null,
      createdAt: this.clock(),
      createdFrom: address,
    });
    // The shop knows its customer's name: a member first seen through an order ("Shop customer"),
    // or one renamed at the shop, takes the name from the latest assertion.
    const member =
      !found.created && found.member.displayName !== claims.name
        ? ((await this.store.renameMember(found.member.id, claims.name)) ?? found.member)
        : found.member;
    return { token: await this.memberToken(member.id), member: publicMember(member), created: found.created };
  }

  // ---- member sessions ----

  /** Ends the session of `token` (a member token) alone: its jti is refused from now on, and its sockets are cut. */
  async logout(token: string): Promise<void> {
    const claims = await this.verifiedMember(token);
    const expiresAt = claims.expiresAt ?? Date.now() + this.options.memberTokenDays * DAY_SECONDS * 1000;
    await this.store.endSession(claims.jti!, expiresAt, Date.now());
    this.events.emit('memberSessionsEnded', claims.sub, { only: claims.jti! });
  }

  /** Ends every session of the member: their session version moves on, so every token signed before is refused. */
  async logoutAll(memberId: string): Promise<void> {
    await this.store.bumpSessionVersion(memberId);
    this.events.emit('memberSessionsEnded', memberId, {});
  }

  /**
   * Checks `current` through the login throttle and the hash line (a wrong
   * one counts as a failed login of the member's handle from `address`),
   * stores `next`, ends every other session and returns a fresh token. The
   * calling session's sockets stay connected; its old token no longer works.
   */
  async changePassword(
    principal: { memberId: string; sessionId?: string },
    input: { current: string; next: string },
    address: string,
  ): Promise<{ token: string; member: Member }> {
    const record = await this.store.memberById(principal.memberId);
    if (!record) throw unauthenticated('member no longer exists');
    const currentHash = record.passwordHash;
    if (!currentHash) throw refused('auth.noPassword', 'current');
    try {
      await this.throttle.attempt('login', address, record.handle ?? record.id, async () => {
        if (!(await this.hashes.run(() => verifySecret(input.current, currentHash)))) throw unauthenticated('wrong password');
      });
    } catch (err) {
      // Counted as a failed login above; to the caller it is a wrong field, not a dead session.
      if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED) throw refused('auth.wrongPassword', 'current');
      throw err;
    }
    const nextHash = await this.hashes.run(() => hashSecret(input.next, this.options.passwordCost));
    if (!(await this.store.setPasswordHash(record.id, nextHash))) throw unauthenticated('member no longer exists');
    const version = await this.store.bumpSessionVersion(record.id);
    this.events.emit('memberSessionsEnded', record.id, principal.sessionId ? { except: principal.sessionId } : {});
    return { token: await this.signMember(record.id, version), member: publicMember(record) };
  }

  // ---- overlay tokens ----

  async createOverlayToken(expiresInDays = OVERLAY_TOKEN_DEFAULT_DAYS): Promise<{ id: string; token: string; expiresAt: number }> {
    const id = randomUUID();
    const { token, expiresAt } = await this.signer.sign({ role: 'overlay', sub: id }, expiresInDays * DAY_SECONDS);
    await this.store.createOverlayToken({ id, createdAt: this.clock(), revokedAt: null, expiresAt });
    return { id, token, expiresAt: expiresAt! };
  }

  /** Revoking twice is harmless; either way the token's sockets, on every process, are cut. */
  async revokeOverlayToken(id: string): Promise<void> {
    if (!(await this.store.revokeOverlayToken(id, this.clock()))) throw refused('overlayToken.notFound');
    this.events.emit('overlayTokenEnded', id);
  }

  /** A new token in place of `id`, which ends (revoked, sockets cut). A revoked token cannot be rotated. */
  async rotateOverlayToken(id: string, expiresInDays?: number): Promise<{ id: string; token: string; expiresAt: number }> {
    const old = await this.store.overlayTokenById(id);
    if (!old) throw refused('overlayToken.notFound');
    if (old.revokedAt !== null) throw refused('overlayToken.revoked');
    const created = await this.createOverlayToken(expiresInDays);
    await this.revokeOverlayToken(id);
    return created;
  }

  /** Whether the overlay token is still neither revoked nor expired. */
  async overlayTokenStillActive(id: string): Promise<boolean> {
    const record = await this.store.overlayTokenById(id);
    return record !== null && overlayTokenStatus(record, Date.now()) === 'active';
  }

  async listOverlayTokens(): Promise<OverlayTokenInfo[]> {
    const now = Date.now();
    return (await this.store.listOverlayTokens()).map((r) => ({ ...r, status: overlayTokenStatus(r, now) }));
  }

  /** No token: a guest. A bad, expired or revoked token: UNAUTHENTICATED (never silently a guest). */
  async principalOf(token: string | undefined): Promise<Principal> {
    if (!token) return { role: 'guest' };
    const claims = await this.signer.verify(token);
    switch (claims.role) {
      case 'host':
        if (claims.hkv !== this.hostKeyVersion) throw unauthenticated('the host key has changed: sign in again');
        return { role: 'host' };
      case 'member': {
        const member = await this.verifiedMember(claims);
        return { role: 'member', memberId: member.sub, sessionId: member.jti! };
      }
      case 'overlay': {
        if (!(await this.overlayTokenStillActive(claims.sub))) throw unauthenticated('overlay token revoked or expired');
        return { role: 'overlay', tokenId: claims.sub };
      }
    }
  }

  /**
   * A member token that still works: signed with the member's current session
   * version and not ended by a logout. Tokens from before sessions could end
   * (no sv or jti) are refused: their members sign in once more.
   */
  private async verifiedMember(tokenOrClaims: string | VerifiedClaims): Promise<VerifiedClaims> {
    const claims = typeof tokenOrClaims === 'string' ? await this.signer.verify(tokenOrClaims) : tokenOrClaims;
    if (claims.role !== 'member') throw new AppError(ErrorCode.FORBIDDEN, 'only for the member');
    if (claims.sv === undefined || !claims.jti) throw unauthenticated('session ended: sign in again');
    const [record, version, ended] = await Promise.all([
      this.store.memberById(claims.sub),
      this.store.sessionVersion(claims.sub),
      this.store.isSessionEnded(claims.jti),
    ]);
    if (!record) throw unauthenticated('member no longer exists');
    if (ended || claims.sv !== version) throw unauthenticated('session ended: sign in again');
    return claims;
  }

  private async memberToken(memberId: string): Promise<string> {
    return this.signMember(memberId, await this.store.sessionVersion(memberId));
  }

  private async signMember(memberId: string, sessionVersion: number): Promise<string> {
    const claims = { role: 'member' as const, sub: memberId, sv: sessionVersion, jti: randomUUID() };
    return (await this.signer.sign(claims, this.options.memberTokenDays * DAY_SECONDS)).token;
  }
}

function overlayTokenStatus(r: OverlayTokenRecord, nowMs: number): OverlayTokenInfo['status'] {
  if (r.revokedAt !== null) return 'revoked';
  return r.expiresAt !== null && r.expiresAt <= nowMs ? 'expired' : 'active';
}

export function publicMember(record: MemberRecord | Member): Member {
  return {
    id: record.id,
    handle: record.handle,
    displayName: record.displayName,
    externalId: record.externalId,
    createdAt: record.createdAt,
  };
}

export function requireRole<R extends Principal['role']>(p: Principal, role: R): Extract<Principal, { role: R }> {
  if (p.role === role) return p as Extract<Principal, { role: R }>;
  if (p.role === 'guest') throw unauthenticated(role === 'member' ? 'sign in to do this' : 'sign in as the host');
  throw new AppError(ErrorCode.FORBIDDEN, `only for the ${role}`);
}
