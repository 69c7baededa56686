import { randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Member } from '../../shared/models.ts';
import { HashQueue } from '../auth/hash-queue.ts';
import { hashSecret, verifySecret } from '../auth/passwords.ts';
import { TokenSigner, verifyShopAssertion } from '../auth/tokens.ts';
import { AppError, notFound, unauthenticated } from '../errors.ts';
import type { MemberRecord, Store } from '../store/store.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import type { Clock } from './clock.ts';

/** Who is calling. Guests carry no token. */
export type Principal =
  | { role: 'guest' }
  | { role: 'member'; memberId: string }
  | { role: 'host' }
  | { role: 'overlay'; tokenId: string };

const HOST_KEY_SETTING = 'host-key-hash';
const JWT_SECRET_SETTING = 'jwt-secret';

export interface AuthOptions {
  hostKey: string | undefined;
  jwtSecret: string | undefined;
  shopSsoSecret: string | undefined;
  memberTokenDays: number;
  passwordCost: number;
  /** Password hashes running at once, and waiting beyond them (auth/hash-queue.ts). */
  passwordHashes: { inFlight: number; waiting: number };
}

export class AuthService {
  private signer!: TokenSigner;
  private hostKeyHash!: string;
  /** Member passwords (login, sign-up). */
  private readonly hashes: HashQueue;
  /** The host key has its own line of one: a host-key flood, even from many addresses, never takes a member's turn. */
  private readonly hostHashes: HashQueue;

  constructor(
    private readonly store: Store,
    private readonly options: AuthOptions,
    private readonly clock: Clock,
    private readonly throttle: AuthThrottle,
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
    if (this.options.hostKey) {
      this.hostKeyHash = await this.hostHashes.run(() => hashSecret(this.options.hostKey!, this.options.passwordCost));
      return {};
    }
    const candidate = `hk_${randomBytes(18).toString('base64url')}`;
    const candidateHash = await this.hostHashes.run(() => hashSecret(candidate, this.options.passwordCost));
    this.hostKeyHash = await this.store.setSettingIfAbsent(HOST_KEY_SETTING, candidateHash);
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
      const ok = await this.hashes.run(() => verifySecret(input.password, found?.passwordHash ?? this.hostKeyHash));
      if (!found || !found.passwordHash || !ok) throw unauthenticated('wrong handle or password');
      return found;
    });
    return { token: await this.memberToken(record.id), member: publicMember(record) };
  }

  async hostLogin(hostKey: string, address: string): Promise<{ token: string }> {
    await this.throttle.attempt('host', address, undefined, async () => {
      if (!(await this.hostHashes.run(() => verifySecret(hostKey, this.hostKeyHash)))) throw unauthenticated('wrong host key');
    });
    return { token: await this.signer.sign({ role: 'host', sub: 'host' }, 12 * 3600) };
  }

  /** Shop single sign-on: a verified shop assertion becomes a member token (created from `address`). Bad assertions count as failures of the address. */
  async exchange(assertion: string, address: string): Promise<{ token: string; member: Member; created: boolean }> {
    // A forged or expired assertion (UNAUTHENTICATED) counts as a failure of the address.
    const claims = await this.throttle.attempt('sso', address, undefined, () => verifyShopAssertion(assertion, this.options.shopSsoSecret));
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

  async createOverlayToken(): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    await this.store.createOverlayToken({ id, createdAt: this.clock(), revokedAt: null });
    return { id, token: await this.signer.sign({ role: 'overlay', sub: id }) };
  }

  async revokeOverlayToken(id: string): Promise<void> {
    if (!(await this.store.revokeOverlayToken(id, this.clock()))) throw notFound('overlay token');
  }

  /** No token: a guest. A bad, expired or revoked token: UNAUTHENTICATED (never silently a guest). */
  async principalOf(token: string | undefined): Promise<Principal> {
    if (!token) return { role: 'guest' };
    const claims = await this.signer.verify(token);
    switch (claims.role) {
      case 'host':
        return { role: 'host' };
      case 'member': {
        if (!(await this.store.memberById(claims.sub))) throw unauthenticated('member no longer exists');
        return { role: 'member', memberId: claims.sub };
      }
      case 'overlay': {
        const record = await this.store.overlayTokenById(claims.sub);
        if (!record || record.revokedAt !== null) throw unauthenticated('overlay token revoked');
        return { role: 'overlay', tokenId: claims.sub };
      }
    }
  }

  private memberToken(memberId: string): Promise<string> {
    return this.signer.sign({ role: 'member', sub: memberId }, this.options.memberTokenDays * 86_400);
  }
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
